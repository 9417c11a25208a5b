import { expect, saveScreenshot, signIn, test } from '../support/test';

/** The open rules of acceptance are settings: an administrator shortens a step, an officer sees the rule in force. */
test('an administrator changes a step deadline and an officer reads it', async ({ page, browser }) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Cấu hình nghiệm thu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cấu hình quy trình nghiệm thu' })).toBeVisible();
  const field = page.getByRole('textbox', { name: 'Thẩm định – Đặt hàng', exact: true });
  await expect(field).toHaveValue('10');
  await field.fill('8');
  await expect(page.getByText('Mặc định: 10')).toBeVisible();
  await page.getByTestId('acceptance-settings-save').click();
  await expect(page.getByText('Đã lưu cấu hình nghiệm thu.')).toBeVisible();
  await saveScreenshot(page, '30-acceptance-settings');

  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signIn(officer, 'officer');
  await officer.goto('/settings/acceptance');
  const row = officer.getByRole('row', { name: /^Thẩm định/ });
  await expect(row).toContainText('8 ngày');
  await expect(officer.getByTestId('acceptance-settings-save')).toHaveCount(0);
  await officerContext.close();

  // Put the default back so other journeys see the demo as it ships.
  await page.getByRole('button', { name: 'Khôi phục mặc định' }).click();
  await page.getByTestId('acceptance-settings-save').click();
  await expect(page.getByText('Đã lưu cấu hình nghiệm thu.').last()).toBeVisible();
  await expect(page.getByTestId('acceptance-settings-save')).toBeDisabled();
  await expect(page.getByRole('textbox', { name: 'Thẩm định – Đặt hàng', exact: true })).toHaveValue('10');
});
