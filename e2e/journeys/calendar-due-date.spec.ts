import { expect, saveScreenshot, signIn, test } from '../support/test';

/** Deadlines skip weekends and public holidays: one working day after the Friday before Tết 2026 is the Monday after it. */
test('the due-date calculator skips the Tết 2026 holidays', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Lịch ngày làm việc' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lịch ngày làm việc' })).toBeVisible();

  const calculator = page.getByTestId('calendar-due-date');
  await calculator.getByRole('textbox', { name: 'Từ ngày' }).fill('13/02/2026');
  await calculator.getByRole('textbox', { name: 'Từ ngày' }).press('Tab');
  await calculator.getByRole('textbox', { name: 'Số ngày làm việc' }).fill('1');
  await expect(calculator).toContainText('23/02/2026 (Thứ Hai)');
  await saveScreenshot(page, '10-calendar-due-date-tet');
});
