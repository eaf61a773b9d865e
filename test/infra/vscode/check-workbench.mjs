#!/usr/bin/env node
// Looks at a running VS Code (code-server) the way a person who just ran `npm start` does: opens the
// printed address in Debian's chromium, waits for the workbench and the folder's files, opens the
// Dockerfile and waits until Shipshape's status bar item and its diagnostics are there. Exits 0 when
// everything is seen, else 1 naming what was missing; saves a screenshot either way.
//   node check-workbench.mjs URL SCREENSHOT.png [--timeout SECONDS] [--walkthrough]
// --walkthrough: a new profile's first start must also open Shipshape's walkthrough by itself.
// Used by scripts/cold-path.sh and the e2e test of `npm start` (test/e2e/start.test.ts).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const {
  values: opt,
  positionals: [url, shot],
} = parseArgs({
  allowPositionals: true,
  options: { timeout: { type: 'string', default: '180' }, walkthrough: { type: 'boolean', default: false }, chromium: { type: 'string', default: process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium' } },
});
if (!url || !shot) {
  console.error('usage: check-workbench.mjs URL SCREENSHOT.png [--timeout SECONDS]');
  process.exit(2);
}
const timeout = Number(opt.timeout) * 1000;
const scratch = mkdtempSync(join(tmpdir(), 'shipshape-check-'));
const browser = await chromium.launch({
  executablePath: opt.chromium,
  headless: true,
  env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_CACHE_HOME: join(scratch, 'cache') },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const seen = [];
let code = 0;
try {
  const step = async (what, fn) => {
    try {
      await fn();
      seen.push(what);
      console.log(`[check-workbench] ${what}`);
    } catch (error) {
      throw new Error(`${what}: not seen (${String(error.message ?? error).split('\n')[0]})`);
    }
  };
  await step('the workbench loads', async () => {
    await page.goto(url, { timeout });
    await page.locator('.monaco-workbench').waitFor({ timeout });
  });
  if (opt.walkthrough) {
    await step('the walkthrough "Get started with Shipshape" opens by itself', () =>
      // Its own steps, not the welcome page's list of walkthroughs that merely names it.
      page.locator('button.getting-started-step', { hasText: 'Open a Dockerfile' }).first().waitFor({ timeout }),
    );
    await page.screenshot({ path: shot.replace(/\.png$/, '-walkthrough.png') });
  }
  const dockerfile = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^Dockerfile$/ });
  await step('the explorer lists the example files', () => dockerfile.first().waitFor({ timeout }));
  await step('the Dockerfile opens in an editor', async () => {
    await dockerfile.first().click();
    await page.locator('.tab.active', { hasText: 'Dockerfile' }).waitFor({ timeout });
  });
  await step('Shipshape is active (status bar)', () => page.locator('.statusbar-item', { hasText: 'Shipshape' }).first().waitFor({ timeout }));
  await step('its diagnostics are shown (squiggles in the editor)', () => page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout }));
  if (opt.walkthrough) {
    await step('the walkthrough checks "Open a Dockerfile" off', async () => {
      // Back to it the way a person would: F1, "Welcome: Open Walkthrough…", then this walkthrough.
      await page.keyboard.press('F1');
      await page.keyboard.type('Welcome: Open Walkthrough');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough' }).first().waitFor({ timeout });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Shipshape' }).first().click({ timeout });
      await page.locator('button.getting-started-step[data-step-id$="#openDockerfile"] .codicon-getting-started-step-checked').waitFor({ timeout });
    });
    await page.screenshot({ path: shot.replace(/\.png$/, '-walkthrough-checked.png') });
  }
} catch (error) {
  console.error(`[check-workbench] ${error.message}`);
  code = 1;
} finally {
  mkdirSync(dirname(shot), { recursive: true });
  await page.screenshot({ path: shot }).catch(() => undefined);
  console.log(`[check-workbench] screenshot ${shot}`);
  await browser.close();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
