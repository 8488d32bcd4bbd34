import { withBrowser, screenshotDir } from './browser';
import { adminCampaignJourney, analystJourney, customerJourney } from './journeys';
import { startPlatform, type Platform } from './platform';

/**
 * `npm run test:e2e`: starts the platform with `npm start` (or uses E2E_CONSOLE_URL when a stack
 * is already running), drives Chromium through the three journeys, and always stops what it started.
 */
async function main(): Promise<void> {
  let platform: Platform | null = null;
  const stopOnSignal = () => void (platform?.stop() ?? Promise.resolve()).then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const started = Date.now();
  try {
    let base = process.env.E2E_CONSOLE_URL;
    if (!base) {
      console.log('e2e: starting the platform with `npm start` (first start seeds 1,000 customers) ...');
      platform = await startPlatform();
      base = platform.consoleUrl;
    }
    base = base.replace(/\/?$/, '/');
    console.log(`e2e: console at ${base}; screenshots in ${screenshotDir}`);
    const journeys: [string, () => Promise<unknown>][] = [];
    let ids: string[] = [];
    journeys.push(['ANALYST opens a customer and sees score, charts and line', async () => (ids = await withBrowser('analyst', (p) => analystJourney(p, base!)))]);
    journeys.push(["ADMIN creates a campaign and the customer's effective limit rises", () => withBrowser('admin', (p) => adminCampaignJourney(p, base!, ids[0]!))]);
    journeys.push(['CUSTOMER cannot open another customer', () => withBrowser('customer', (p) => customerJourney(p, base!, ids[0]!, ids[1]!))]);
    for (const [name, run] of journeys) {
      const t0 = Date.now();
      console.log(`e2e: ${name} ...`);
      await run();
      console.log(`e2e: ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    }
    console.log(`e2e: all ${journeys.length} journeys passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  } finally {
    if (platform) {
      console.log('e2e: stopping the platform ...');
      await platform.stop();
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('e2e: FAILED', err);
    process.exit(1);
  },
);
