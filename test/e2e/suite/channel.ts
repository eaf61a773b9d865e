// A small channel from the suite (in the extension host) to the code-server runner (Playwright):
// requests go out as marked log lines (window.codeAutomationLog), answers come back as files in
// $SHIPSHAPE_E2E_CHANNEL_DIR. Under @vscode/test-electron there is no runner: the channel is absent,
// screenshots are skipped and UI reads return undefined.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const E2E_PREFIX = '[e2e] ';
const channelDir = process.env.SHIPSHAPE_E2E_CHANNEL_DIR;
let counter = 0;

export const hasChannel = (): boolean => Boolean(channelDir);

async function request(kind: string, arg: string, timeoutMs = 20_000): Promise<unknown> {
  if (!channelDir) return undefined;
  const id = `${process.pid}-${++counter}`;
  console.log(`[shipshape-e2e:${kind}] ${id} ${arg}`);
  const answer = join(channelDir, `${id}.json`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(answer)) {
    if (Date.now() > deadline) throw new Error(`runner did not answer ${kind} ${arg} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const reply = JSON.parse(readFileSync(answer, 'utf8')) as { error?: string; value?: unknown };
  if (reply.error) throw new Error(`runner ${kind} ${arg}: ${reply.error}`);
  return reply.value;
}

/** Saves what the user sees now as test-results/screenshots/<name>.png. */
export async function screenshot(name: string): Promise<void> {
  await request('screenshot', name, 30_000);
}

/** innerText of every element matching a CSS selector in the workbench page (undefined without a runner). */
export async function texts(selector: string): Promise<string[] | undefined> {
  return (await request('texts', selector)) as string[] | undefined;
}

/** The value of each input element matching a CSS selector (undefined without a runner). */
export async function values(selector: string): Promise<string[] | undefined> {
  return (await request('values', selector)) as string[] | undefined;
}

/** Types into the focused element and presses Enter (an input box's answer). */
export async function typeText(text: string): Promise<void> {
  await request('type', text);
}

export function reportResult(counts: { passed: number; failed: number; skipped: number }): void {
  console.log(`[shipshape-e2e:result] 0 ${JSON.stringify(counts)}`);
}

/** The rows of the side bar's trees, as the page shows them. */
export async function sidebarRows(): Promise<string[]> {
  return (await texts('#workbench\\.parts\\.sidebar .monaco-list-row')) ?? [];
}

/** Polls the side bar until `accept` takes its rows; fails with the last rows seen. */
export async function waitRows(what: string, accept: (rows: string[]) => boolean, ms = 45_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let rows: string[] = [];
  while (Date.now() < deadline) {
    rows = await sidebarRows();
    if (accept(rows)) return rows;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}; rows: ${JSON.stringify(rows)}`);
}

/**
 * Moves the focused tree's keyboard focus down (from where it is) to the first row starting with `prefix`, and
 * expands it with the list's own command when asked; fails with the rows seen.
 */
export async function focusRow(prefix: string, expand: boolean): Promise<void> {
  for (let i = 0; i < 60; i++) {
    // the focused row of the tree that has the keyboard focus: another view keeps its own row marked focused
    const focused = (await texts('#workbench\\.parts\\.sidebar .monaco-list:focus-within .monaco-list-row.focused')) ?? [];
    if (focused.some((t) => t.startsWith(prefix))) {
      if (expand) await vscode.commands.executeCommand('list.expand');
      return;
    }
    await vscode.commands.executeCommand('list.focusDown');
  }
  throw new Error(`no row "${prefix}" below the focus; rows: ${JSON.stringify(await sidebarRows())}`);
}
