/**
 * A hostile repository, made fresh for each suite: programs that record whether they ran, Compose files that
 * name devices, FIFOs and files outside the tree, symlinks out of it. FIFOs and device links cannot live in
 * git, so the tree is built here (in a temporary folder) rather than checked in.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface HostileRepo {
  /** The workspace folder. */
  root: string;
  /** A folder beside it: "outside the workspace", holding a secret no read may reach. */
  outside: string;
  /** Where the fake programs append a line each time they run. */
  ranLog: string;
  /** An absolute folder holding a fake `shellcheck` (a stand-in for the real, trusted one). */
  trustedBin: string;
  ran(): string[];
  write(relative: string, text: string): string;
  fifo(relative: string): string;
  symlink(relative: string, target: string): string;
  remove(): void;
}

export const SECRET = 'SECRET_FROM_OUTSIDE_THE_WORKSPACE';

export function hostileRepo(): HostileRepo {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-hostile-'));
  const root = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  const trustedBin = path.join(base, 'trusted-bin');
  const ranLog = path.join(base, 'ran.log');
  for (const dir of [root, outside, trustedBin]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(ranLog, '');

  const write = (relative: string, text: string) => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  const program = (file: string, label: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `#!/bin/sh\necho "${label} $*" >> '${ranLog}'\ncat >/dev/null\necho '{"comments":[]}'\n`, { mode: 0o755 });
  };
  // What PATH entries like "", ".", "./node_modules/.bin" would find, were they searched.
  program(path.join(root, 'shellcheck'), 'workspace-shellcheck');
  program(path.join(root, 'node_modules/.bin/shellcheck'), 'workspace-node_modules-shellcheck');
  program(path.join(trustedBin, 'shellcheck'), 'trusted-shellcheck');

  fs.writeFileSync(path.join(outside, 'secret.env'), `${SECRET}=1\nLEAKED=${SECRET}\n`);
  fs.writeFileSync(path.join(outside, 'compose.yaml'), `services:\n  leaked_${SECRET.toLowerCase()}:\n    image: x\n`);

  return {
    root,
    outside,
    ranLog,
    trustedBin,
    ran: () => fs.readFileSync(ranLog, 'utf8').split('\n').filter(Boolean),
    write,
    fifo(relative) {
      const file = path.join(root, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      execFileSync('mkfifo', [file]);
      return file;
    },
    symlink(relative, target) {
      const file = path.join(root, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.symlinkSync(target, file);
      return file;
    },
    remove: () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

/** PATH as a careless shell profile leaves it: empty, `.` and relative entries before the real ones. */
export function hostilePath(...absolute: string[]): string {
  return ['', '.', './node_modules/.bin', 'node_modules/.bin', ...absolute, process.env.PATH ?? ''].join(':');
}
