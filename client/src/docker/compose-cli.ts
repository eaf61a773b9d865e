// Docker Compose through its CLI: `docker compose` (v2) when the plugin answers, else `docker-compose`
// (v1). Arguments are arrays handed to spawn without a shell. File selection follows Compose's own
// rules: COMPOSE_FILE (from the environment or the project's .env) wins; otherwise the chosen file
// plus its override file (`<name>.override.<ext>`), with the project directory = the file's folder so
// the tool reads that folder's .env itself.
import { spawn, execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ComposeTool {
  kind: 'v2' | 'v1';
  command: string; // executable
  prefix: string[]; // ["compose"] for v2
  version: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: timeoutMs, windowsHide: true }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Find a working Compose: v2 plugin first, then v1. `prefer` forces one (setting shipshape.docker.composeCommand). */
export async function detectCompose(env: NodeJS.ProcessEnv = process.env, prefer?: 'auto' | 'v2' | 'v1'): Promise<ComposeTool | undefined> {
  const tryV2 = async (): Promise<ComposeTool | undefined> => {
    const r = await run('docker', ['compose', 'version', '--short'], env);
    return r.code === 0 && /\d/.test(r.stdout) ? { kind: 'v2', command: 'docker', prefix: ['compose'], version: r.stdout.trim() } : undefined;
  };
  const tryV1 = async (): Promise<ComposeTool | undefined> => {
    const r = await run('docker-compose', ['version', '--short'], env);
    return r.code === 0 && /\d/.test(r.stdout) ? { kind: 'v1', command: 'docker-compose', prefix: [], version: r.stdout.trim() } : undefined;
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
    const listed = composeFile.split(sep).filter(Boolean).map((f) => path.resolve(dir, f));
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
  switch (c.cmd) {
    case 'up':
      a.push('up', ...(c.detach === false ? [] : ['-d']), ...(c.build ? ['--build'] : []), ...(c.services ?? []));
      break;
    case 'down':
      a.push('down', ...(c.volumes ? ['--volumes'] : []), ...(c.removeOrphans ? ['--remove-orphans'] : []));
      break;
    case 'ps':
      a.push('ps', ...(c.all ? ['-a'] : []));
      break;
    case 'logs':
      a.push('logs', '--no-color', ...(c.follow ? ['-f'] : []), ...(c.tail !== undefined ? ['--tail', String(c.tail)] : []), ...(c.timestamps ? ['-t'] : []), ...(c.services ?? []));
      break;
    case 'restart':
      a.push('restart', ...(c.services ?? []));
      break;
    case 'config':
      a.push('config', ...(c.services ? ['--services'] : []));
      break;
  }
  return a;
}

export interface ComposeRun {
  code: number;
  output: string;
}

/** Run Compose, streaming combined output to onOutput. */
export function runCompose(
  tool: ComposeTool,
  files: ComposeFiles,
  c: ComposeCommand,
  opts: { env?: NodeJS.ProcessEnv; projectName?: string; onOutput?: (text: string) => void; signal?: AbortSignal } = {},
): Promise<ComposeRun> {
  const args = composeArgs(tool, files, c, opts.projectName);
  return new Promise((resolve, reject) => {
    const child = spawn(tool.command, args, { cwd: files.cwd, env: opts.env ?? process.env, shell: false, windowsHide: true, signal: opts.signal });
    let output = '';
    const on = (d: Buffer) => {
      const t = d.toString('utf8');
      output += t;
      opts.onOutput?.(t);
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('error', (e) => ((e as { name?: string }).name === 'AbortError' ? resolve({ code: -1, output }) : reject(e)));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** Service names of a project, via `config --services` (so overrides and COMPOSE_FILE apply). */
export async function composeServices(tool: ComposeTool, files: ComposeFiles, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const r = await run(tool.command, composeArgs(tool, files, { cmd: 'config', services: true }), env, 30_000);
  if (r.code !== 0) throw new Error(r.stderr.trim() || `compose config failed (${r.code})`);
  return r.stdout.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
}

export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
