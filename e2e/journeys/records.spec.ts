import { expect, saveScreenshot, signIn, test } from '../support/test';

/**
 * An accepted and paid dossier is a closed, sealed record: the officer finds it under
 * "Hồ sơ lưu trữ", opens it, sees its documents in order from the order to the audit trail,
 * named <record code>.<ordinal>, and downloads the minutes exactly as kept.
 */
test('an accepted dossier appears as a closed record with its documents in order', async ({ page }) => {
  await signIn(page, 'officer');
  await page.getByTestId('nav-records').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ lưu trữ' })).toBeVisible();
  const rows = page.getByTestId('record-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('Đã đóng');
  await saveScreenshot(page, '70-records-list');

  await rows.first().getByRole('link').click();
  const code = (await page.getByTestId('record-code').textContent())!.trim();
  expect(code).toMatch(/^\d{4}\.NT\.\d{3}$/);
  await expect(page.getByText('Đã niêm phong')).toBeVisible();
  const documents = page.getByTestId('record-document');
  const count = await documents.count();
  expect(count).toBeGreaterThan(5);
  await expect(documents.first()).toContainText('Nội dung đơn đặt hàng');
  await expect(documents.first()).toContainText(`${code}.01.json`);
  await expect(documents.last()).toContainText('Nhật ký xử lý hồ sơ');
  const minutes = documents.filter({ hasText: 'Biên bản nghiệm thu' }).first();
  await expect(minutes).toContainText(/Số \d{2}\/BB-/);
  await saveScreenshot(page, '71-record-documents');

  const download = page.waitForEvent('download');
  await minutes.getByRole('link', { name: /^Tải xuống/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${code.replace(/\./g, '\\.')}\\.\\d{2}\\.pdf$`));
});
