/**
 * Imported first by main.ts, so this runs before the rest of the server bundle evaluates: the start-up
 * times (protocol STARTUP_TIMES_REQUEST) then cover evaluating the server's code too.
 */
export const bundleStart = performance.now();
