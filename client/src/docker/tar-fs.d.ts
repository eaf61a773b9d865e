// The part of tar-fs (no bundled types) that build.ts uses.
declare module 'tar-fs' {
  import type { Readable } from 'node:stream';
  export function pack(dir: string, opts?: { entries?: string[] }): Readable;
}
