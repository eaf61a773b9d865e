// Docker Compose through its CLI: `docker compose` (v2) when the plugin answers, else `docker-compose`
// (v1). Arguments are arrays handed to spawn without a shell. File selection follows Compose's own
// rules: COMPOSE_FILE (from the environment or the project's .env) wins; otherwise the chosen file
// plus its override file (`<name>.override.<ext>`), with the project directory = the file's folder so
// the tool reads that folder's .env itself. The programs are resolved to absolute paths on the absolute
// PATH entries (never the project folder, which Windows would search first), service names follow `--`,
// and output is kept as a bounded tail.
import { spawn, execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findExecutable } from '../kubernetes/cluster/credentials';
import { TailBuffer } from './tail-buffer';

export interface ComposeTool {
  kind: 'v2' | 'v1';
  command: string; // executable
  prefix: string[]; // ["compose"] for v2
  version: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 15_000, cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: timeoutMs, windowsHide: true, cwd, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The absolute path of `name` on env's PATH (absolute entries only), or undefined. */
export function resolveProgram(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findExecutable(name, env.PATH ?? env.Path ?? '');
}

/** Find a working Compose: v2 plugin first, then v1. `prefer` forces one (setting shipshape.docker.composeVersion). */
export async function detectCompose(env: NodeJS.ProcessEnv = process.env, prefer?: 'auto' | 'v2' | 'v1'): Promise<ComposeTool | undefined> {
  const tryV2 = async (): Promise<ComposeTool | undefined> => {
    const docker = resolveProgram('docker', env);
    if (!docker) return undefined;
    const r = await run(docker, ['compose', 'version', '--short'], env);
    return r.code === 0 && /\d/.test(r.stdout) ? { kind: 'v2', command: docker, prefix: ['compose'], version: r.stdout.trim() } : undefined;
  };
  const tryV1 = async (): Promise<ComposeTool | undefined> => {
    const compose = resolveProgram('docker-compose', env);
    if (!compose) return undefined;
    const r = await run(compose, ['version', '--short'], env);
    return r.code === 0 && /\d/.test(r.stdout) ? { kind: 'v1', command: compose, prefix: [], version: r.stdout.trim() } : undefined;
  };
  if (prefer === 'v1') return (await tryV1()) ?? (await tryV2());
  return (await tryV2()) ?? (await tryV1());
}

/** KEY=VALUE lines of a .env file (comments, blank lines, optional quotes; no interpolation needed here). */
export function readDotEnv(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out[m[1]] = v;
  }
  return out;
}

export interface ComposeFiles {
  cwd: string;
  /** -f arguments (empty when COMPOSE_FILE decides) */
  fileArgs: string[];
  /** the files Compose will read, for display */
  files: string[];
}

/** Which files to hand to Compose for a chosen compose file. */
export function composeFilesFor(file: string, env: NodeJS.ProcessEnv = process.env): ComposeFiles {
  const dir = path.dirname(path.resolve(file));
  const dotenv = readDotEnv(path.join(dir, '.env'));
  const composeFile = env.COMPOSE_FILE ?? dotenv.COMPOSE_FILE;
  if (composeFile) {
    const sep = env.COMPOSE_PATH_SEPARATOR ?? dotenv.COMPOSE_PATH_SEPARATOR ?? (process.platform === 'win32' ? ';' : ':');
    const listed = composeFile
      .split(sep)
      .filter(Boolean)
      .map((f) => path.resolve(dir, f));
    if (listed.includes(path.resolve(file))) return { cwd: dir, fileArgs: [], files: listed };
  }
  const files = [path.resolve(file)];
  const ext = path.extname(file);
  const override = path.join(dir, `${path.basename(file, ext)}.override${ext}`);
  if (fs.existsSync(override)) files.push(override);
  return { cwd: dir, fileArgs: files.flatMap((f) => ['-f', f]), files };
}

/**
 * Files of a running project, from its containers' labels (com.docker.compose.project.working_dir and
 * .config_files). Compose v1 records them relative to the working dir, v2 absolute.
 */
export function composeFilesForProject(workingDir: string, configFiles: string[]): ComposeFiles {
  const files = configFiles.map((f) => path.resolve(workingDir, f));
  return { cwd: workingDir, fileArgs: files.flatMap((f) => ['-f', f]), files };
}

export type ComposeCommand =
  | { cmd: 'up'; services?: string[]; build?: boolean; detach?: boolean }
  | { cmd: 'down'; volumes?: boolean; removeOrphans?: boolean }
  | { cmd: 'ps'; all?: boolean }
  | { cmd: 'logs'; services?: string[]; follow?: boolean; tail?: number; timestamps?: boolean }
  | { cmd: 'restart'; services?: string[] }
  | { cmd: 'config'; services?: boolean };

export function composeArgs(tool: ComposeTool, files: ComposeFiles, c: ComposeCommand, projectName?: string): string[] {
  const a = [...tool.prefix, ...files.fileArgs, ...(projectName ? ['-p', projectName] : [])];
  // A service named like an option ("--volumes") stays a name: everything after `--` is one.
  const services = (list?: string[]) => (list?.length ? ['--', ...list] : []);
  switch (c.cmd) {
    case 'up':
      a.push('up', ...(c.detach === false ? [] : ['-d']), ...(c.build ? ['--build'] : []), ...services(c.services));
      break;
    case 'down':
      a.push('down', ...(c.volumes ? ['--volumes'] : []), ...(c.removeOrphans ? ['--remove-orphans'] : []));
      break;
    case 'ps':
      a.push('ps', ...(c.all ? ['-a'] : []));
      break;
    case 'logs':
      a.push('logs', '--no-color', ...(c.follow ? ['-f'] : []), ...(c.tail !== undefined ? ['--tail', String(c.tail)] : []), ...(c.timestamps ? ['-t'] : []), ...services(c.services));
      break;
    case 'restart':
      a.push('restart', ...services(c.services));
      break;
    case 'config':
      a.push('config', ...(c.services ? ['--services'] : []));
      break;
  }
  return a;
}

export interface ComposeRun {
  code: number;
  /** The last 256 kB of the combined output (`compose logs -f` runs for days). */
  output: string;
}

/** Run Compose, streaming combined output to onOutput. */
export function runCompose(tool: ComposeTool, files: ComposeFiles, c: ComposeCommand, opts: { env?: NodeJS.ProcessEnv; projectName?: string; onOutput?: (text: string) => void; signal?: AbortSignal } = {}): Promise<ComposeRun> {
  const args = composeArgs(tool, files, c, opts.projectName);
  return new Promise((resolve, reject) => {
    if (!path.isAbsolute(tool.command)) return reject(new Error(`${tool.command} is not an absolute path: Shipshape runs only programs it resolved on PATH`));
    const child = spawn(tool.command, args, { cwd: files.cwd, env: opts.env ?? process.env, shell: false, windowsHide: true, signal: opts.signal });
    const output = new TailBuffer(256 * 1024);
    const on = (d: Buffer) => {
      const t = d.toString('utf8');
      output.push(t);
      opts.onOutput?.(t);
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('error', (e) => ((e as { name?: string }).name === 'AbortError' ? resolve({ code: -1, output: output.text() }) : reject(e)));
    child.on('close', (code) => resolve({ code: code ?? -1, output: output.text() }));
  });
}

/** Service names of a project, via `config --services` (so overrides and COMPOSE_FILE apply). */
export async function composeServices(tool: ComposeTool, files: ComposeFiles, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const r = await run(tool.command, composeArgs(tool, files, { cmd: 'config', services: true }), env, 30_000, files.cwd);
  if (r.code !== 0) throw new Error(r.stderr.trim() || `compose config failed (${r.code})`);
  return r.stdout
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
