import { expect, saveScreenshot, signIn, test } from '../support/test';

/**
 * A leader delegates approvals to an officer of the same agency; the officer
 * sees on "Việc của tôi" that they act for the leader; the leader revokes it
 * and the notice is gone.
 */
test('a leader delegates approvals, the deputy is told, and the leader revokes it', async ({ page, browser }) => {
  await signIn(page, 'leader');
  await page.getByRole('link', { name: 'Ủy quyền phê duyệt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ủy quyền phê duyệt' })).toBeVisible();

  await page.getByRole('button', { name: 'Ủy quyền mới' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ủy quyền phê duyệt mới' });
  await dialog.getByRole('combobox', { name: 'Người được ủy quyền' }).fill('nguyen');
  await page.getByRole('option', { name: /Nguyễn Văn Chuyên/ }).click();
  await dialog.getByLabel('Lý do').fill('Đi công tác tại Hà Nội (kiểm thử)');
  await dialog.getByRole('button', { name: 'Ủy quyền', exact: true }).click();
  await expect(dialog).toBeHidden();
  // The demo history has an earlier, ended delegation to the same officer: pick this one by its reason.
  const row = page.getByRole('row', { name: /Nguyễn Văn Chuyên/ }).filter({ hasText: 'Đi công tác tại Hà Nội (kiểm thử)' });
  await expect(row).toContainText('Đi công tác tại Hà Nội');
  await saveScreenshot(page, '8-delegation-created');

  const deputyContext = await browser.newContext();
  const deputy = await deputyContext.newPage();
  await signIn(deputy, 'officer');
  await expect(deputy.getByText(/Bạn đang được ủy quyền phê duyệt thay ông\/bà Phạm Minh Lãnh đến \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\./)).toBeVisible();

  await row.getByRole('button', { name: /Thu hồi/ }).click();
  await page.getByRole('dialog', { name: 'Thu hồi ủy quyền' }).getByRole('button', { name: 'Thu hồi ủy quyền' }).click();
  await expect(row).toContainText('Đã thu hồi');

  await deputy.reload();
  await expect(deputy.getByRole('heading', { level: 1, name: 'Việc của tôi' })).toBeVisible();
  await expect(deputy.getByText(/Bạn đang được ủy quyền/)).toHaveCount(0);
  await deputyContext.close();
});
