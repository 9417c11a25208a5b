import type { Browser, Page } from '@playwright/test';
import { expect, saveScreenshot, signIn, test, uniqueSuffix } from '../support/test';

/** The demo's record past its retention period (class HN, 5 years, ended in 2019). */
const EXPIRED = { code: '2019.HN.001', title: 'Hồ sơ hội nghị tập huấn chuyển đổi số năm 2019 (minh họa)' };

async function openAs(browser: Browser, username: string, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return page;
}

/**
 * The officer lists the records past their retention period and proposes
 * destroying the demo's 2019 conference record under a decision; the leader
 * approves, the agency administrator gives the second approval, the officer
 * carries it out: the destruction minutes are issued with each file's hash
 * and the record shows as destroyed.
 */
test('an expired record goes through two-person disposition', async ({ page, browser }) => {
  await signIn(page, 'officer');
  await page.getByTestId('nav-records').click();
  await page.getByTestId('records-disposition').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tiêu hủy hồ sơ hết hạn' })).toBeVisible();
  const row = page.getByTestId('expired-row').filter({ hasText: EXPIRED.code });
  await expect(row).toContainText(EXPIRED.title);
  await row.getByRole('checkbox').check();
  await saveScreenshot(page, '74-disposition-expired');
  await page.getByTestId('propose-batch').click();

  const decision = `${uniqueSuffix()}/QĐ-SKHCN`;
  const dialog = page.getByRole('dialog', { name: 'Đề nghị tiêu hủy hồ sơ hết giá trị' });
  await dialog.getByLabel('Số quyết định hủy').fill(decision);
  await dialog.getByLabel('Ý kiến của cơ quan có thẩm quyền về lưu trữ').fill('Chi cục Văn thư - Lưu trữ tỉnh đồng ý hủy (kiểm thử)');
  await dialog.getByRole('button', { name: 'Lập đề nghị' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Đợt tiêu hủy theo quyết định ${decision}` })).toBeVisible();
  await expect(page.getByTestId('batch-status')).toHaveText('Chờ phê duyệt');
  // The proposer may not approve their own proposal.
  await expect(page.getByTestId('batch-approve')).toHaveCount(0);
  const batchUrl = page.url();

  const leader = await openAs(browser, 'leader', batchUrl);
  await leader.getByTestId('batch-approve').click();
  await expect(leader.getByTestId('step-first')).toContainText('Phạm Minh Lãnh');
  await expect(leader.getByTestId('batch-status')).toHaveText('Chờ phê duyệt');
  // The second approval must come from someone else.
  await expect(leader.getByTestId('batch-approve')).toHaveCount(0);
  await leader.context().close();

  const admin = await openAs(browser, 'agencyadmin', batchUrl);
  await admin.getByTestId('batch-approve').click();
  await expect(admin.getByTestId('step-second')).toContainText('Lê Thị Quản Lý');
  await expect(admin.getByTestId('batch-status')).toHaveText('Đã phê duyệt, chờ thực hiện');
  await admin.context().close();

  await page.reload();
  await page.getByTestId('batch-execute').click();
  await page.getByRole('dialog', { name: 'Thực hiện tiêu hủy hồ sơ' }).getByTestId('batch-execute-confirm').click();
  await expect(page.getByTestId('batch-status')).toHaveText('Đã tiêu hủy');
  await expect(page.getByTestId('step-executed')).toContainText('Nguyễn Văn Chuyên');
  await expect(page.getByTestId('destroyed-file')).toHaveCount(2);
  await expect(page.getByTestId('destroyed-file').first()).toContainText(/[0-9a-f]{64}/);
  await saveScreenshot(page, '75-disposition-executed');

  const download = page.waitForEvent('download');
  await page.getByTestId('batch-minutes').click();
  expect((await download).suggestedFilename()).toMatch(/^Bien-ban-huy-tai-lieu-\d{2}-BB-SKHCN\.pdf$/);

  await page.getByTestId('batch-record').getByRole('link', { name: EXPIRED.title }).click();
  await expect(page.getByTestId('record-code')).toHaveText(EXPIRED.code);
  await expect(page.getByText('Đã tiêu hủy', { exact: true })).toBeVisible();
  await expect(page.getByTestId('legal-hold')).toContainText(`Hồ sơ đã bị tiêu hủy theo quyết định ${decision}`);
  await saveScreenshot(page, '76-record-destroyed');
});
