// Release changes (install, upgrade, rollback, uninstall) through the helm binary
// (`shipshape.helm.path`, else PATH), pointed at the explorer's kubeconfig files and context. Helm's
// own action package in the engine would need the engine in the extension host with the explorer's
// credentials (exec plugins, trust policy); the binary takes the same kubeconfig as-is. Every change
// first passes the checks of the change door: an untrusted workspace is refused, and a protected
// context needs its name typed (the others are confirmed). No `vscode` import: live tests drive it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangePrompts, DoorPolicy } from '../change/door';
import { ChangeRefused } from '../change/door';
import { confirmationAccepts, confirmationFor } from '../actions/safety';

export class HelmMissing extends Error {
  constructor(tried: string) {
    super(`The helm binary was not found (${tried}). Install Helm (https://helm.sh/docs/intro/install/) or set shipshape.helm.path to it.`);
    this.name = 'HelmMissing';
  }
}

/** The helm to run: the setting when set (it must exist), else the first `helm` on PATH. */
export function locateHelm(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (setting) {
    if (fs.existsSync(setting)) return setting;
    throw new HelmMissing(`shipshape.helm.path is "${setting}", which does not exist`);
  }
  const names = process.platform === 'win32' ? ['helm.exe'] : ['helm'];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  throw new HelmMissing('not on PATH and shipshape.helm.path is not set');
}

export interface HelmTarget {
  /** The kubeconfig files the explorer merged, in its order (helm merges KUBECONFIG the same way). */
  kubeconfigs: readonly string[];
  context: string;
  namespace: string;
}

export interface HelmRun {
  stdout: string;
  stderr: string;
}

export class HelmFailed extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`helm ${args[0]} failed: ${stderr.replace(/^Error: /m, '').trim() || 'no message'}`);
    this.name = 'HelmFailed';
  }
}

const TIMEOUT_MS = 5 * 60_000;

/** Runs helm against the target; rejects with helm's own message. */
export function runHelm(binary: string, target: HelmTarget, args: readonly string[], signal?: AbortSignal): Promise<HelmRun> {
  const full = [...args, '--kube-context', target.context, '--namespace', target.namespace];
  const env = { ...process.env, KUBECONFIG: target.kubeconfigs.join(path.delimiter), HELM_NO_PLUGINS: '1' };
  return new Promise((resolve, reject) => {
    const child = spawn(binary, full, { env, stdio: ['ignore', 'pipe', 'pipe'], signal, timeout: TIMEOUT_MS });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => reject((e as NodeJS.ErrnoException).code === 'ENOENT' ? new HelmMissing(`${binary} could not be run`) : e));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ stdout, stderr });
      else reject(new HelmFailed(args, stderr || `exit code ${code}`));
    });
  });
}

export type ReleaseChange =
  | { verb: 'install' | 'upgrade'; release: string; chart: string; valueFiles?: readonly string[]; set?: readonly string[] }
  | { verb: 'rollback'; release: string; revision?: number }
  | { verb: 'uninstall'; release: string };

export function helmArgs(change: ReleaseChange): string[] {
  switch (change.verb) {
    case 'install':
    case 'upgrade': {
      const args = [change.verb, change.release, change.chart];
      for (const f of change.valueFiles ?? []) args.push('--values', f);
      for (const s of change.set ?? []) args.push('--set', s);
      return args;
    }
    case 'rollback':
      return change.revision ? ['rollback', change.release, String(change.revision)] : ['rollback', change.release];
    case 'uninstall':
      return ['uninstall', change.release];
  }
}

/** Describes, guards and runs one release change; undefined when the person declined. */
export async function changeRelease(binary: string, target: HelmTarget, change: ReleaseChange, policy: DoorPolicy, prompts: Pick<ChangePrompts, 'confirm' | 'typeName'>): Promise<HelmRun | undefined> {
  if (!policy.trusted()) throw new ChangeRefused('Shipshape does not change Helm releases from an untrusted workspace. Trust the workspace first.');
  const subject = `Helm release ${target.namespace}/${change.release}`;
  const what = change.verb === 'rollback' && change.revision ? `${subject} to revision ${change.revision}` : subject;
  const c = confirmationFor(change.verb, what, target.context, policy.protectedContexts(), true);
  const detail = `helm ${helmArgs(change).join(' ')}`;
  const answer =
    c.kind === 'type-name'
      ? await prompts.typeName(`${c.message} ${detail}`, c.expected)
      : c.kind === 'confirm'
        ? (await prompts.confirm(c.message, detail, change.verb[0]!.toUpperCase() + change.verb.slice(1)))
          ? 'yes'
          : undefined
        : 'yes';
  if (!confirmationAccepts(c, answer)) return undefined;
  return runHelm(binary, target, helmArgs(change));
}
