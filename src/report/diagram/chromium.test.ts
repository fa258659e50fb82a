// The diagram in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), launched once for every page. Each page must load without a console error, have
// its witness elements and the checkpoint's cut, show an event's details on hover, and render.
// Screenshots go to SNAPCHECK_SCREENSHOT_DIR (default: a fresh temporary directory).
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDiagramPage } from './html.ts';
import { pageOf, testCases } from './test-pages.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: BrowserContext;
const outDir = process.env.SNAPCHECK_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'snapcheck-diagram-'));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  mkdirSync(outDir, { recursive: true });
  // A persistent context is how playwright takes a fresh --user-data-dir of our choosing.
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'snapcheck-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the space-time diagram in headless Chromium', () => {
  it.each(testCases().map((c) => [c.name, c] as const))('%s loads cleanly, marks the witness and the cut, shows details on hover', async (name, testCase) => {
    const file = join(outDir, `${name}.html`);
    writeFileSync(file, renderDiagramPage(pageOf(testCase)));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) errors.push(`network request to ${request.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    const witness = page.locator('#diagram [data-witness]');
    expect(await witness.count()).toBe(testCase.violation.witness?.length);
    expect(await page.locator('#diagram .cut-focus polyline').count()).toBe(1);
    await page.locator('#diagram [data-witness="W1"]').hover();
    const tip = page.locator('#tip');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toMatch(/^#\d+ {2}t=\d+ .*\nW1 \(witness\): /);
    await page.locator('tr[data-step]').first().hover();
    expect(await page.locator('#diagram .ev.hl').count()).toBeGreaterThan(0);
    const screenshot = join(outDir, `${name}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
    await page.close();
  });
});
