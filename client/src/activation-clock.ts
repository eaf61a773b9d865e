/**
 * Imported first by extension.ts, so this runs before the rest of the bundle evaluates: activation
 * time then covers loading the extension's code too, not only activate().
 */
export const loadedAt = performance.now();
