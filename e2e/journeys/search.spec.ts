import { expect, saveScreenshot, signIn, test } from '../support/test';

/**
 * A search typed without diacritics finds the words of a scanned paper page, recognised by OCR
 * in the background after the demo loaded (the demo adds one scanned slip to the oldest record):
 * the hit says its text came from a scan and shows the words as written, marked.
 */
test('a search without diacritics finds a scanned page\'s OCR text', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'officer');
  await page.getByTestId('nav-records').click();
  await page.getByTestId('records-search').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tìm kiếm văn bản' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Từ khóa' }).fill('nhan ban giay cua ho so nghiem thu');
  // The words go into the address, so the search survives a reload and can be shared.
  await expect(page).toHaveURL(/[?&]q=nhan/);
  const ocrHit = page.getByTestId('search-hit').filter({ hasText: 'Chữ nhận dạng từ bản quét' });
  // Recognition runs as a background task once the server is up: look again until it has finished.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('search-results')).toBeVisible({ timeout: 5_000 });
    await expect(ocrHit.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 180_000, intervals: [3_000] });
  await expect(ocrHit.first()).toContainText('Phiếu giao nhận hồ sơ giấy');
  const marked = ocrHit.first().getByTestId('search-snippet').locator('mark');
  await expect(marked.first()).toBeVisible();
  expect((await marked.allTextContents()).map((word) => word.toLowerCase())).toContain('giấy');
  await saveScreenshot(page, '72-search-ocr');
});
