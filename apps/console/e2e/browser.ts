import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './platform';

export const screenshotDir = join(repoRoot, 'bench', 'results', 'console');
/** Where a failed journey leaves its last page (not committed). */
export const failureDir = join(repoRoot, 'test-artifacts', 'console');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium with a fresh profile per journey, so no journey sees another's session. */
export async function withBrowser<T>(name: string, run: (page: Page) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'jc-console-chromium-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 1000 },
      locale: 'zh-CN',
      timezoneId: 'UTC',
      // Charts skip their entry animation, so screenshots show finished charts.
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(60_000);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => console.error(`  [browser] page error: ${err.message}`));
    try {
      return await run(page);
    } catch (err) {
      mkdirSync(failureDir, { recursive: true });
      const path = join(failureDir, `${name}-failure.png`);
      await page.screenshot({ path, fullPage: true }).then(
        () => console.error(`  [browser] the page at failure: ${path}`),
        () => undefined,
      );
      throw err;
    }
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
