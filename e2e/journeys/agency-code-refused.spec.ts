import { fillDepartmentUnderPeoplesCommittee, openCreateAgencyDialog } from '../support/agencies';
import { escapeRegExp, expect, saveScreenshot, signIn, test, uniqueSuffix } from '../support/test';

/**
 * Journey 5: a malformed agency code is refused at the code field with the message of
 * packages/shared/src/messages.ts, and nothing reaches the registry.
 */

const LEVEL_GAP = 'Mã theo QCVN 102 phải khai báo đủ các cấp phía trên (ví dụ 000.03.07.H54 cần cấp 2 là 07).';
const BAD_CHARACTERS = 'Mã định danh chỉ gồm chữ số, chữ in hoa A-Z và dấu chấm (Quyết định 20/2020/QĐ-TTg).';

test('a code with a level gap or bad characters is refused at the field and nothing is created', async ({ page }) => {
  await signIn(page, 'admin');
  const suffix = uniqueSuffix();
  const name = `Sở Mã sai ${suffix}`;
  const dialog = await openCreateAgencyDialog(page);
  await fillDepartmentUnderPeoplesCommittee(page, dialog, { code: '000.05.00.H99', name, shortName: `SMS${suffix}` });

  const code = dialog.getByLabel('Mã định danh');
  const submit = dialog.getByRole('button', { name: 'Thêm cơ quan' });
  await submit.click();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveAccessibleDescription(new RegExp(escapeRegExp(LEVEL_GAP)));
  await expect(dialog.getByText(LEVEL_GAP)).toBeVisible();
  await expect(code).toBeFocused();

  await code.fill('abc-123');
  await code.blur();
  await expect(code).toHaveValue('ABC-123');
  await submit.click();
  await expect(code).toHaveAccessibleDescription(new RegExp(escapeRegExp(BAD_CHARACTERS)));
  await expect(dialog.getByText(BAD_CHARACTERS)).toBeVisible();
  await expect(dialog.getByText(LEVEL_GAP)).toHaveCount(0);
  await saveScreenshot(page, '5-agency-code-refused');

  // The close button in the dialog's header; see the next test for "Hủy" under a refused code.
  await dialog.getByRole('button', { name: 'Đóng' }).click();
  await expect(dialog).toBeHidden();

  // Neither the name nor either code made it into the registry.
  const search = page.getByRole('textbox', { name: 'Tìm kiếm' });
  const table = page.getByTestId('agencies-table');
  for (const text of [name, '000.05.00.H99', 'ABC-123']) {
    await search.fill(text);
    await expect(table).toContainText('Không có kết quả phù hợp');
  }
  const response = await page.request.get('/api/agencies/by-code/000.05.00.H99');
  expect(response.status()).not.toBe(200);
});

test('the refusal stays at the code field when it loses focus, so "Hủy" closes the dialog at the first click', async ({ page }) => {
  await signIn(page, 'admin');
  const dialog = await openCreateAgencyDialog(page);
  await fillDepartmentUnderPeoplesCommittee(page, dialog, { code: 'abc-123', name: 'Sở Không tạo', shortName: 'SKT' });
  await dialog.getByRole('button', { name: 'Thêm cơ quan' }).click();
  const code = dialog.getByLabel('Mã định danh');
  await expect(code).toBeFocused();
  await expect(dialog.getByText(BAD_CHARACTERS)).toBeVisible();

  await code.blur();
  await expect(dialog.getByText(BAD_CHARACTERS), 'the explanation must stay while the code is still wrong').toBeVisible({ timeout: 2_000 });
  await code.focus();
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toBeHidden({ timeout: 2_000 });
});
