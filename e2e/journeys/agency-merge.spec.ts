import type { Page } from '@playwright/test';
import { createDepartment } from '../support/agencies';
import {
  escapeRegExp,
  expect,
  PEOPLES_COMMITTEE,
  pickAgency,
  saveScreenshot,
  signIn,
  test,
  uniqueSuffix,
  unusedLevel2Code,
} from '../support/test';

/**
 * Journey 4: the administrator registers two departments, merges the second into the
 * first, and the registry then tells the story: predecessors, code history, and the
 * old code resolving to the agency that holds the work today.
 */

test('an administrator merges one new department into another and the old code leads to the successor', async ({ page }) => {
  await signIn(page, 'admin');
  const suffix = uniqueSuffix();
  const successor = { code: await unusedLevel2Code(page), name: `Sở Chuyển đổi số ${suffix}`, shortName: `SCDS${suffix}` };
  const successorPath = await createDepartment(page, successor);
  await expect(page.getByText('Đang hoạt động').first()).toBeVisible();
  const general = detailSection(page, 'Thông tin chung');
  await expect(general).toContainText(`${successor.code} (QCVN 102:2016/BTTTT)`);
  await expect(general.getByRole('link', { name: PEOPLES_COMMITTEE.name })).toBeVisible();

  const merged = { code: await unusedLevel2Code(page), name: `Sở Thông tin số ${suffix}`, shortName: `STTS${suffix}` };
  await createDepartment(page, merged);

  // Close the second department, naming the first as its successor.
  const reason = `Quyết định số 15/QĐ-UBND về việc hợp nhất ${merged.shortName} vào ${successor.shortName} (kiểm thử)`;
  await page.getByTestId('agency-close').click();
  const dialog = page.getByRole('dialog', { name: `Đóng hoặc sáp nhập "${merged.name}"` });
  await expect(dialog).toBeVisible();
  await pickAgency(page, dialog.getByRole('combobox', { name: 'Sáp nhập vào (cơ quan kế thừa)' }), successor.code, successor.code);
  await dialog.getByLabel('Lý do, căn cứ').fill(reason);
  await dialog.getByRole('button', { name: 'Đóng và sáp nhập' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByText(/^Cơ quan này đã đóng từ ngày \d{2}\/\d{2}\/\d{4}\./)).toBeVisible();
  await expect(page.getByTestId('agency-close')).toHaveCount(0);
  const mergedGeneral = detailSection(page, 'Thông tin chung');
  await expect(mergedGeneral).toContainText(reason);
  await expect(mergedGeneral.getByRole('link', { name: successor.name })).toBeVisible();

  // The successor's page lists the merged department and keeps its own code history.
  await page.goto(successorPath);
  await expect(page.getByRole('heading', { level: 1, name: successor.name })).toBeVisible();
  const predecessors = page.getByTestId('predecessors');
  await expect(predecessors.getByRole('heading', { name: 'Cơ quan đã sáp nhập vào đơn vị này' })).toBeVisible();
  const predecessor = predecessors.getByRole('listitem').filter({ hasText: merged.name });
  await expect(predecessor).toHaveCount(1);
  await expect(predecessor).toContainText(merged.code);
  await expect(predecessor).toContainText(/sáp nhập ngày \d{2}\/\d{2}\/\d{4}/);
  const codeHistory = page.getByTestId('code-history');
  await expect(codeHistory.getByRole('row').filter({ hasText: successor.code })).toContainText('Đang dùng');

  // The merged department's page keeps the code it carried until it closed.
  await predecessors.getByRole('link', { name: merged.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: merged.name })).toBeVisible();
  await expect(page.getByTestId('code-history').getByRole('row').filter({ hasText: merged.code })).toBeVisible();

  // In the list, the old code resolves to the successor.
  await page.getByTestId('nav-agencies').click();
  const lookup = page.getByRole('search', { name: 'Tra cứu theo mã định danh' });
  await lookup.getByLabel('Mã định danh (kể cả mã cũ)').fill(merged.code);
  await lookup.getByRole('button', { name: 'Tra cứu' }).click();
  const answer = page.getByRole('region', { name: 'Tra cứu theo mã định danh' }).getByRole('alert');
  await expect(answer).toContainText(`Mã ${merged.code} được cấp cho ${merged.name} (${merged.code})`);
  await expect(answer).toContainText(`Hiện nay cơ quan tiếp nhận là ${successor.name} (${successor.code})`);

  await page.getByRole('textbox', { name: 'Tìm kiếm' }).fill(suffix);
  const table = page.getByTestId('agencies-table');
  await expect(table.getByRole('row')).toHaveCount(3);
  const row = table.getByRole('row').filter({ hasText: merged.code });
  await expect(row).toContainText('Đã đóng');
  await expect(row).toContainText(`Sáp nhập vào ${successor.shortName}`);
  await saveScreenshot(page, '4-agency-merge-lookup');

  await answer.getByRole('link', { name: new RegExp(`^${escapeRegExp(successor.name)}`) }).click();
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(successorPath)}$`));
  await expect(page.getByRole('heading', { level: 1, name: successor.name })).toBeVisible();
});

/** A titled part of the agency page (its sections carry a heading but no accessible name). */
function detailSection(page: Page, title: string) {
  return page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: title }) });
}
