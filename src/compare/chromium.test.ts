// The comparison report in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), launched once. The page must load without a console error or a network
// request, have its charts (lines along the backpressure sweep, bars across workloads) with axes,
// legends and tooltips, its claims and tables, and render. The screenshot goes to
// SNAPCHECK_SCREENSHOT_DIR (default: a fresh temporary directory).
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../report/test-chromium.ts';
import { BUILT_IN_STRATEGIES } from '../strategies/registry.ts';
import { checkClaims } from './claims.ts';
import { compareStrategies } from './compare.ts';
import { comparisonHtml } from './html.ts';
import { PRESETS } from './presets.ts';

// Every preset, as `snapcheck compare --html` writes by default (with fewer seeds).
const WORKLOADS = PRESETS;

let browser: BrowserContext;
let page: Page;
let errors: string[] = [];
const outDir = process.env.SNAPCHECK_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'snapcheck-compare-'));

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  const comparison = compareStrategies({ strategies: BUILT_IN_STRATEGIES, workloads: WORKLOADS, seedCount: 2 });
  const file = join(outDir, 'comparison.html');
  writeFileSync(file, comparisonHtml(comparison, checkClaims(comparison)));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, file));
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

async function boxes(items: Locator): Promise<{ x: number; y: number; width: number; height: number }[]> {
  const found = [];
  for (let i = 0; i < (await items.count()); i++) found.push((await items.nth(i).boundingBox())!);
  return found;
}

describe('the comparison report in headless Chromium', () => {
  it('draws the backpressure sweep as line charts: a line and points per strategy, axes and titles', async () => {
    const sweep = page.locator('#sweep-backpressure svg.chart');
    expect(await sweep.count()).toBe(4);
    const e2e = page.locator('#sweep-backpressure-end_to_end_duration');
    expect(await e2e.locator('polyline.line').count()).toBe(BUILT_IN_STRATEGIES.length);
    expect(await e2e.locator('circle.point').count()).toBe(BUILT_IN_STRATEGIES.length * 4);
    expect(await e2e.locator('.axis-title').allTextContents()).toEqual(['end_to_end_duration p50 (ticks)', 'sink overload (input rate / capacity)']);
    expect(await e2e.locator('circle.point title').first().textContent()).toMatch(/^aligned at 1: \d+$/);
    expect(await page.locator('#sweep-backpressure-persisted_data .chart-title').textContent()).toBe('persisted_data (p50) as backpressure grows');
  });

  it('draws each metric across workloads as grouped bars, with nothing for strategies that cannot run a cycle', async () => {
    const across = page.locator('#across svg.chart');
    expect(await across.count()).toBe(8);
    const e2e = page.locator('#across-end_to_end_duration');
    expect(await e2e.locator('text.category').allTextContents()).toEqual(WORKLOADS.map((w) => w.name));
    // Every strategy on every workload but the cyclic one, where 2 of 7 run.
    expect(await e2e.locator('rect.bar').count()).toBe((WORKLOADS.length - 1) * BUILT_IN_STRATEGIES.length + 2);
    expect(await e2e.locator('text', { hasText: '(2 of 7 ran)' }).count()).toBe(1);
  });

  it('gives every chart a legend whose entries do not overlap and stay inside the chart', async () => {
    for (const chart of await page.locator('svg.chart').all()) {
      const items = await boxes(chart.locator('.legend-item'));
      expect(items).toHaveLength(BUILT_IN_STRATEGIES.length);
      const frame = (await chart.boundingBox())!;
      for (const [i, a] of items.entries()) {
        expect(a.x + a.width).toBeLessThanOrEqual(frame.x + frame.width);
        for (const b of items.slice(i + 1)) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
      }
    }
  });

  it('lists the claims and a table of every metric per workload', async () => {
    expect(await page.locator('ul.claims li').count()).toBe(5);
    expect(await page.locator('ul.claims li.holds').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('table.numbers').count()).toBe(WORKLOADS.length);
    expect(await page.locator('dl.definitions dt').count()).toBe(14);
  });

  it('renders without a console error or a network request', async () => {
    const screenshot = join(outDir, 'comparison.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(100_000);
    expect(errors).toEqual([]);
  });
});
