// End to end: the packaged .vsix in a real VS Code (code-server), driven in Chromium through playwright-core,
// with the real Python server behind it. Checks an Explorer tooltip, a hover and a code lens; saves screenshots.
//
//   CODE_SERVER=.../code-server CHROMIUM=/usr/bin/chromium FILEDESC_PYTHON=.venv/bin/python \
//   [FILEDESC_SCREENSHOTS=DIR] node test/e2e/run.mjs
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionRoot = path.resolve(here, '../..');
const codeServer = process.env.CODE_SERVER ?? 'code-server';
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const python = process.env.FILEDESC_PYTHON ?? path.resolve(extensionRoot, '../../.venv/bin/python');
const vsix = path.join(extensionRoot, 'filedesc.vsix');
// Where the screenshots go: the README's images by default; scripts/editor-tests passes a scratch folder.
const images = process.env.FILEDESC_SCREENSHOTS ?? path.join(extensionRoot, 'images');
const TIMEOUT = 60_000;

function log(message) {
  console.log(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHttp(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`code-server did not answer at ${url}`);
}

function makeWorkspace(root) {
  const ws = path.join(root, 'workspace');
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'scripts'));
  fs.writeFileSync(path.join(ws, 'extract_window_events.sh'), '#!/bin/sh\necho events\n');
  fs.writeFileSync(path.join(ws, 'analyser_logs.py'), 'print("logs")\n');
  fs.writeFileSync(path.join(ws, 'scripts', 'deploy.sh'), '#!/bin/sh\n');
  fs.writeFileSync(
    path.join(ws, 'NOTES.txt'),
    'Files to review\n\nRun getUserInfo.ts before the release.\nThen analyser_logs.py on the output.\n',
  );
  const settings = {
    'filedesc.serverPath': python,
    'filedesc.backend': 'rules',
    'filedesc.language': 'en',
    'filedesc.explorer.badge': true,
    'filedesc.trace.server': 'messages',
  };
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  return ws;
}

function userSettings(userDir) {
  fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.colorTheme': 'Default Light Modern',
    'editor.hover.delay': 100,
    'workbench.hover.delay': 100,
    'window.commandCenter': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  fs.writeFileSync(path.join(userDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/** The centre of `text` inside the editor's visible lines (the line is one span in plain text: not its centre). */
async function textCentre(page, text) {
  return page.evaluate((wanted) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf(wanted);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + wanted.length);
          const rect = range.getBoundingClientRect();
          return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        }
      }
    }
    return null;
  }, text);
}

/** Hover the target again and again until a hover holding `text` shows; returns that hover. */
async function hoverUntil(page, target, text, what) {
  const deadline = Date.now() + TIMEOUT;
  let last = '';
  while (Date.now() < deadline) {
    await page.mouse.move(5, 5);
    await page.waitForTimeout(200);
    if (typeof target === 'string') {
      const point = await textCentre(page, target);
      if (point === null) throw new Error(`${target} is not in the editor`);
      await page.mouse.move(point.x, point.y, { steps: 3 });
    } else {
      await target.hover();
    }
    const hover = page.locator('.monaco-hover, .workbench-hover, .monaco-hover-content').filter({ hasText: text });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 3000 });
      return hover.first();
    } catch {
      last = (await page.locator('.monaco-hover, .workbench-hover').allInnerTexts()).join(' | ');
    }
  }
  throw new Error(`no ${what} hover containing ${String(text)}; last hovers seen: ${last || '(none)'}`);
}

function findFiles(dir, name) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map((file) => path.join(dir, String(file)))
    .filter((file) => path.basename(file) === name && fs.statSync(file).isFile());
}

async function main() {
  for (const [what, file] of [['the .vsix (npm run package)', vsix], ['Chromium', browserPath], ['Python', python]]) {
    if (!fs.existsSync(file)) throw new Error(`missing ${what}: ${file}`);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'filedesc-e2e-'));
  fs.mkdirSync(images, { recursive: true });
  const ws = makeWorkspace(root);
  const userDir = path.join(root, 'user');
  const extDir = path.join(root, 'extensions');
  userSettings(userDir);
  log('installing the .vsix');
  execFileSync(
    codeServer,
    ['--install-extension', vsix, '--extensions-dir', extDir, '--user-data-dir', userDir],
    { stdio: 'inherit' },
  );
  const port = await freePort();
  log(`starting code-server on port ${port}`);
  const serverLog = fs.openSync(path.join(root, 'code-server.log'), 'w');
  const server = spawn(
    codeServer,
    [
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--extensions-dir', extDir,
      '--user-data-dir', userDir, ws,
    ],
    // A fresh server cache, so the descriptions are computed by this run, not read from an earlier one.
    { stdio: ['ignore', serverLog, serverLog], detached: true, env: { ...process.env, FILEDESC_CACHE_DIR: path.join(root, 'cache') } },
  );
  let browser;
  let failed = false;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, Date.now() + 60_000);
    browser = await chromium.launch({
      executablePath: browserPath,
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--disable-dev-shm-usage',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    log('waiting for the Explorer');
    const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'extract_window_events.sh' });
    await row.first().waitFor({ state: 'visible' });

    log('checking an Explorer tooltip');
    const tooltip = await hoverUntil(page, row.first(), /extract_window_events\.sh\s*•\s*\S/, 'Explorer');
    const tooltipText = await tooltip.innerText();
    log(`Explorer tooltip: ${tooltipText.replace(/\s+/g, ' ')}`);
    if (!/script/i.test(tooltipText) || !tooltipText.includes('•')) {
      throw new Error(`the Explorer tooltip does not hold a description: ${tooltipText}`);
    }
    await page.waitForTimeout(600); // let the fade-in finish
    await page.screenshot({ path: path.join(images, 'explorer-tooltip.png') });

    log('opening NOTES.txt');
    await page.mouse.move(5, 5);
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'NOTES.txt' }).first().click();
    const word = page.locator('.monaco-editor .view-line span').filter({ hasText: 'getUserInfo.ts' }).last();
    await word.waitFor({ state: 'visible' });

    log('checking a code lens');
    const lens = page.locator('.monaco-editor .codelens-decoration').first();
    await lens.waitFor({ state: 'visible' });
    await page.waitForFunction(
      () => [...document.querySelectorAll('.codelens-decoration')].some((el) => el.textContent.trim().length > 3),
      null,
      { timeout: TIMEOUT },
    );
    log(`code lens: ${(await lens.innerText()).trim()}`);

    log('checking a hover on getUserInfo.ts');
    const hover = await hoverUntil(page, 'getUserInfo.ts', 'getUserInfo.ts', 'editor');
    const hoverText = await hover.innerText();
    log(`hover: ${hoverText.replace(/\s+/g, ' ')}`);
    const bold = await hover.locator('strong, b').allInnerTexts();
    if (!bold.some((text) => text.includes('getUserInfo.ts'))) {
      throw new Error(`the hover does not show the name in bold: ${hoverText}`);
    }
    if (!/rules/.test(hoverText)) {
      throw new Error(`the hover does not name the backend: ${hoverText}`);
    }
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(images, 'hover.png') });

    log('switching filedesc.language to fr (live, no restart)');
    const settingsFile = path.join(ws, '.vscode', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'filedesc.language': 'fr' }, null, 2));
    const french = await hoverUntil(page, 'getUserInfo.ts', /Module TypeScript.*rules · fr/s, 'French editor');
    log(`hover in French: ${(await french.innerText()).replace(/\s+/g, ' ')}`);
    await page.mouse.move(5, 5);
    const frenchTooltip = await hoverUntil(page, row.first(), /extract_window_events\.sh\s*•\s*Script shell/, 'French Explorer');
    log(`Explorer tooltip in French: ${(await frenchTooltip.innerText()).replace(/\s+/g, ' ')}`);

    log('running "filedesc: Regenerate Description" from the command palette');
    await page.mouse.move(5, 5);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F1');
    const quickInput = page.locator('.quick-input-widget input');
    await quickInput.waitFor({ state: 'visible' });
    await quickInput.fill('>filedesc: Regenerate Description');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Regenerate Description' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.quick-input-widget input')?.value === 'NOTES.txt');
    await quickInput.fill('getUserInfo.ts');
    await page.keyboard.press('Enter');
    const toast = page.locator('.notifications-toasts').filter({ hasText: /getUserInfo\.ts: Module TypeScript/ });
    await toast.first().waitFor({ state: 'visible' });
    log(`notification: ${(await toast.first().innerText()).replace(/\s+/g, ' ')}`);
    log('passed');
  } catch (error) {
    failed = true;
    console.error(`[e2e] FAILED: ${error instanceof Error ? error.stack : String(error)}`);
    try {
      const pages = browser?.contexts()[0]?.pages() ?? [];
      if (pages[0]) await pages[0].screenshot({ path: path.join(root, 'failure.png') });
      console.error(`[e2e] screenshot and logs in ${root}`);
    } catch {
      // nothing more to save
    }
    const text = fs.readFileSync(path.join(root, 'code-server.log'), 'utf8');
    console.error(`[e2e] code-server log (tail):\n${text.slice(-2000)}`);
    for (const file of findFiles(path.join(userDir, 'logs'), 'filedesc.log')) {
      console.error(`[e2e] ${file} (tail):\n${fs.readFileSync(file, 'utf8').slice(-3000)}`);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (failed) process.exit(1);
  fs.rmSync(root, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(`[e2e] FAILED: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
