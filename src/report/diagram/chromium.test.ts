// The diagram in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), launched once for every page. Each page must load without a console error, have
// its witness elements and the checkpoint's cut, show an event's details on hover, and render.
// Screenshots go to SNAPCHECK_SCREENSHOT_DIR (default: a fresh temporary directory).
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../test-chromium.ts';
import { renderDiagramPage } from './html.ts';
import { pageOf, testCases } from './test-pages.ts';

let browser: BrowserContext;
const outDir = process.env.SNAPCHECK_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'snapcheck-diagram-'));

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the space-time diagram in headless Chromium', () => {
  it.each(testCases().map((c) => [c.name, c] as const))('%s loads cleanly, marks the witness and the cut, shows details on hover', async (name, testCase) => {
    const file = join(outDir, `${name}.html`);
    writeFileSync(file, renderDiagramPage(pageOf(testCase)));
    const { page, errors } = await openPage(browser, file);
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
