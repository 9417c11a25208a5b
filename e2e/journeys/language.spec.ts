import { escapeRegExp, expect, PEOPLES_COMMITTEE, saveScreenshot, test } from '../support/test';

/**
 * Journey 3: switching to English changes the navigation and page texts, survives a
 * reload, and the server's own messages then come back in English too.
 */

test('English stays chosen after a reload and server messages follow it', async ({ page }) => {
  await page.goto('/sign-in');
  const languageSwitch = page.getByTestId('language-switch');
  await expect(languageSwitch.getByRole('radio', { name: 'Tiếng Việt' })).toBeChecked();
  await languageSwitch.getByText('English').click();

  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Acceptance of IT public services')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Demo accounts' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('language-switch').getByRole('radio', { name: 'English' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // A message written by the server (the credential check), not by the web app.
  const form = page.getByTestId('login-form');
  await form.getByLabel('Username').fill('council2');
  await form.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toHaveText('Wrong username or password.');

  await form.getByLabel('Username').fill('admin');
  await form.getByRole('textbox', { name: 'Password', exact: true }).fill('nghiemthu-demo');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
  await expect(page.getByText('Hello, Trần Quản Trị.')).toBeVisible();

  const navbar = page.getByRole('navigation', { name: 'Main menu' });
  await expect(navbar.getByTestId('nav-myWork')).toHaveText('My work');
  await expect(navbar.getByTestId('nav-orders')).toHaveText('Orders');
  await expect(navbar.getByTestId('nav-reports')).toContainText('Reports');
  await expect(navbar.getByTestId('nav-reports')).toContainText('Coming soon');
  await expect(navbar.getByRole('group', { name: 'Administration' })).toBeVisible();
  await expect(navbar.getByText('Việc của tôi')).toHaveCount(0);

  await navbar.getByRole('link', { name: 'Agencies' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agencies' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Agencies' })).toBeVisible();

  // A code the browser accepts but the server refuses: the refusal is in English.
  await page.getByTestId('agency-create').click();
  const dialog = page.getByRole('dialog', { name: 'Add an agency' });
  await dialog.getByLabel('Identification code').fill(PEOPLES_COMMITTEE.code);
  await dialog.getByLabel('Agency name').fill('Sở Thử nghiệm ngôn ngữ');
  await dialog.getByLabel('Abbreviation').fill('STNNN');
  await dialog.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'Department', exact: true }).click();
  await dialog.getByRole('button', { name: 'Add agency' }).click();

  const refusal = `Code ${PEOPLES_COMMITTEE.code} is already assigned to "${PEOPLES_COMMITTEE.name}". Each code belongs to one agency only, old codes included.`;
  await expect(dialog.getByLabel('Identification code')).toHaveAccessibleDescription(new RegExp(escapeRegExp(refusal)));
  // Shown once, under the field it concerns, not repeated in a box at the top of the form.
  await expect(dialog.getByText(refusal)).toHaveCount(1);
  await saveScreenshot(page, '3-language-english-server-message');
});
