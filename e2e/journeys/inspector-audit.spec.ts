import { expect, saveScreenshot, signIn, test } from '../support/test';

/** Journey 6: the inspector reads and verifies the audit log and can change nothing. */

test('the inspector reads the audit log, verifies it is intact, and sees no buttons to change agencies or users', async ({ page }) => {
  await signIn(page, 'inspector');

  await page.getByTestId('nav-agencies').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cơ quan, đơn vị' })).toBeVisible();
  await expect(page.getByTestId('agencies-table')).toContainText('Sở Khoa học và Công nghệ');
  await expect(page.getByTestId('agency-create')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Nhập từ tệp' })).toHaveCount(0);

  await page.getByTestId('agencies-table').getByRole('link', { name: 'Sở Khoa học và Công nghệ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sở Khoa học và Công nghệ' })).toBeVisible();
  await expect(page.getByTestId('predecessors')).toContainText('Sở Thông tin và Truyền thông tỉnh Bình Sơn');
  await expect(page.getByRole('button', { name: 'Sửa thông tin' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Đổi mã định danh' })).toHaveCount(0);
  await expect(page.getByTestId('agency-close')).toHaveCount(0);

  await page.getByTestId('nav-users').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Người dùng' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Danh sách tài khoản người dùng' })).toContainText('Trần Quản Trị');
  await expect(page.getByTestId('user-create')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Sửa|Đặt lại mật khẩu cho|Mở khóa) / })).toHaveCount(0);

  await page.getByTestId('nav-audit').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký hệ thống' })).toBeVisible();
  const table = page.getByTestId('audit-table');
  // The inspector's own sign-in is the newest event.
  await expect(table.getByRole('row').nth(1)).toContainText('auth.login');
  await expect(table.getByRole('row').nth(1)).toContainText('inspector');

  await page.getByRole('textbox', { name: 'Thao tác' }).fill('agency.created');
  const created = table.getByRole('row').filter({ hasText: 'agency.created' });
  await expect(created.first()).toBeVisible();
  // Each event reads in words, with the stable action code beside it.
  await expect(created.first()).toContainText('Thêm cơ quan');
  await expect(table.getByRole('row').filter({ hasText: 'auth.login' })).toHaveCount(0);

  await page.getByTestId('audit-verify').click();
  const result = page.getByTestId('audit-verify-result');
  await expect(result).toContainText('Nhật ký toàn vẹn', { timeout: 30_000 });
  await expect(result).toContainText(/Đã kiểm tra [\d.]+ sự kiện, đến sự kiện số \d+\./);
  await saveScreenshot(page, '6-inspector-audit-verified');
});
