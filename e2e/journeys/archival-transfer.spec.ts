import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, saveScreenshot, signIn, test } from '../support/test';

/**
 * The officer hands closed records to the historical archive: from "Hồ sơ lưu trữ" to
 * "Chuyển giao hồ sơ lưu trữ", ticks two closed records (on the list, across its checkboxes),
 * exports them, watches the task finish and downloads the BagIt package, a .tar whose
 * layout GNU tar lists: bagit.txt first, the records' files under data/, tagmanifest last.
 */
test('an archival package downloads', async ({ page }) => {
  await signIn(page, 'officer');
  await page.getByTestId('nav-records').click();
  await page.getByTestId('records-archival-transfer').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chuyển giao hồ sơ lưu trữ' })).toBeVisible();

  const rows = page.getByTestId('archival-record-row');
  await expect(rows.first()).toBeVisible();
  const count = Math.min(2, await rows.count());
  const codes: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const row = rows.nth(index);
    codes.push((await row.locator('td.mono').textContent())!.trim());
    await row.getByRole('checkbox').check();
  }
  await expect(page.getByTestId('archival-picked')).toContainText(`Đã chọn ${count} hồ sơ`);
  await saveScreenshot(page, '72-archival-transfer-choice');

  await page.getByTestId('archival-export').click();
  const done = page.getByTestId('archival-export-done');
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toContainText(/Đã tạo gói NT-\d{8}-[0-9A-F]{8}/);
  await expect(done).toContainText(`${count} hồ sơ`);
  await saveScreenshot(page, '73-archival-transfer-done');

  const download = page.waitForEvent('download');
  await page.getByTestId('archival-download').click();
  const file = await download;
  const name = file.suggestedFilename();
  expect(name).toMatch(/^NT-\d{8}-[0-9A-F]{8}\.tar$/);
  const saved = await file.path();
  const bag = name.replace(/\.tar$/, '');
  const listed = execFileSync('tar', ['-tf', saved], { encoding: 'utf8' }).split('\n').filter(Boolean);
  expect(listed[0]).toBe(`${bag}/bagit.txt`);
  expect(listed.at(-1)).toBe(`${bag}/tagmanifest-sha256.txt`);
  for (const code of codes) {
    expect(listed).toContain(`${bag}/metadata/records/${code}.json`);
    expect(listed.some((entry) => entry.startsWith(`${bag}/data/${code}/`))).toBe(true);
  }
  expect(fs.statSync(saved).size).toBeGreaterThan(0);

  // The transfer is listed, finished, with its package to download again.
  await expect(page.getByTestId('archival-transfer-row').first()).toContainText(bag);
  await expect(page.getByTestId('archival-transfer-row').first()).toContainText('Hoàn thành');
});
