import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser journeys: Playwright drives Debian's chromium against the real server,
 * started once by global-setup.ts on a fresh embedded database with the demo province.
 *
 *   npx playwright test -c e2e/playwright.config.ts
 *
 * Without /usr/bin/chromium the run is skipped (exit 0) unless NGHIEMTHU_STRICT=1.
 * Never run `playwright install`: these journeys use the system browser only.
 */
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  if (process.env.NGHIEMTHU_STRICT === '1') {
    throw new Error(`chromium not found at ${CHROMIUM} (NGHIEMTHU_STRICT=1): install it with apt-get install chromium fonts-noto-core`);
  }
  console.log(`skipped: chromium not found at ${CHROMIUM}`);
  process.exit(0);
}

const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');

export default defineConfig({
  testDir: './journeys',
  testMatch: '**/*.spec.ts',
  outputDir: path.join(ARTIFACTS, 'test-results'),
  globalSetup: './global-setup.ts',
  // One server, one database: journeys stay independent by using their own data.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: path.join(ARTIFACTS, 'html-report'), open: 'never' }]],
  use: {
    browserName: 'chromium',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
