// Test support: Debian's Chromium, headless, driven by playwright-core (which downloads no browser).
// One browser per test file; each page collects console errors, page errors and network requests
// (a self-contained report must make none).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, or SNAPCHECK_CHROMIUM (what ci/ensure-chromium.mjs checks before npm test). */
export const CHROMIUM = process.env.SNAPCHECK_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), or set SNAPCHECK_CHROMIUM`);
  // A persistent context is how playwright takes a fresh --user-data-dir of our choosing.
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'snapcheck-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
  });
}

/** Open `file` in a new page; `errors` fills with anything that went wrong while it loads and runs. */
export async function openPage(browser: BrowserContext, file: string): Promise<{ page: Page; errors: string[] }> {
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
  return { page, errors };
}
