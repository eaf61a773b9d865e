import type { PortMapping } from './forwarder';

/**
 * What the port-forward prompt accepts, like kubectl port-forward: "8080:80", "80" (any free local port),
 * ":http" (a named port), several separated by spaces or commas.
 */
export function parsePorts(text: string): PortMapping[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((p) => {
      const [a, b] = p.includes(':') ? p.split(':') : ['0', p];
      const remote = /^\d+$/.test(b!) ? Number(b) : b!;
      return { local: Number(a || 0), remote };
    });
}
