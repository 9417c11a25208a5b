import { test as base, expect, type Locator, type Page } from '@playwright/test';
import path from 'node:path';

/** The demo province's accounts (packages/server/src/features/demo/demo-data.ts). */
export const DEMO_PASSWORD = 'nghiemthu-demo';
export const PEOPLES_COMMITTEE = { code: '000.00.00.H99', name: 'Ủy ban nhân dân tỉnh An Bình (minh họa)' };

const SCREENSHOTS = path.join(import.meta.dirname, '..', 'artifacts', 'screens');

/** Every journey talks to the server global-setup.ts started. */
export const test = base.extend({
  baseURL: async ({}, use) => {
    const baseUrl = process.env.E2E_BASE_URL;
    if (!baseUrl) throw new Error('E2E_BASE_URL is not set: run the journeys with -c e2e/playwright.config.ts');
    await use(baseUrl);
  },
});

export { expect };

/** Signs in through the form, the way a person does, and waits for "Việc của tôi". */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  const form = page.getByTestId('login-form');
  await form.getByLabel('Tên đăng nhập').fill(username);
  await form.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(password);
  await form.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Việc của tôi' })).toBeVisible();
}

/** The final state of a journey, kept in e2e/artifacts/screens/ for a person to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * A level-2 QCVN 102 code (000.00.YY.H99, a unit directly under the People's Committee)
 * that no agency holds yet, current or former; asked of the server, so reruns never collide.
 */
export async function unusedLevel2Code(page: Page): Promise<string> {
  const start = 40 + Math.floor(Math.random() * 60);
  for (let step = 0; step < 96; step += 1) {
    const level2 = String(((start - 4 + step) % 96) + 4).padStart(2, '0');
    const code = `000.00.${level2}.H99`;
    const response = await page.request.get(`/api/agencies/by-code/${code}`);
    if (response.status() === 404) return code;
    expect(response.ok(), `looking up ${code}`).toBe(true);
  }
  throw new Error('No free level-2 code left under 000.00.00.H99');
}

/** A short distinct suffix for names within one run. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36).slice(-4).toUpperCase()}${Math.floor(Math.random() * 36 ** 2)
    .toString(36)
    .toUpperCase()}`;
}

/**
 * Chooses an agency in an AgencyPicker (a searchable Mantine Select): types the search,
 * then clicks the option whose label (`Name (code)`) contains the code.
 */
export async function pickAgency(page: Page, picker: Locator, search: string, code: string): Promise<void> {
  await picker.click();
  await picker.fill(search);
  await page.getByRole('option', { name: new RegExp(`\\(${escapeRegExp(code)}\\)$`) }).click();
  await expect(picker).toHaveValue(new RegExp(escapeRegExp(code)));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
