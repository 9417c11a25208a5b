import { DEMO_PASSWORD, expect, saveScreenshot, test } from '../support/test';

/** Journey 2: the sign-in page offers the demo accounts and says clearly when a password is wrong. */

const DEMO_ACCOUNTS = [
  ['admin', 'Quản trị hệ thống', 'Trần Quản Trị'],
  ['agencyadmin', 'Quản trị đơn vị', 'Lê Thị Quản Lý'],
  ['officer', 'Cán bộ, chuyên viên', 'Nguyễn Văn Chuyên'],
  ['leader', 'Lãnh đạo', 'Phạm Minh Lãnh'],
  ['council1', 'Thành viên hội đồng nghiệm thu', 'Hoàng Thị Hội'],
  ['council2', 'Thành viên hội đồng nghiệm thu', 'Vũ Văn Đồng'],
  ['council3', 'Thành viên hội đồng nghiệm thu', 'Đặng Thị Thẩm'],
  ['provider', 'Cán bộ đơn vị cung cấp dịch vụ', 'Bùi Văn Cung'],
  ['provider2', 'Cán bộ đơn vị cung cấp dịch vụ', 'Lý Thị Thầu'],
  ['inspector', 'Thanh tra, kiểm tra', 'Đỗ Thanh Tra'],
] as const;

test('the demo accounts are listed and one click fills the sign-in form', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page).toHaveTitle('Đăng nhập – NghiemThu');
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
  await expect(page.getByText('Tỉnh An Bình (dữ liệu minh họa)')).toBeVisible();

  const demo = page.getByRole('region', { name: 'Tài khoản dùng thử' });
  await expect(demo).toContainText(`Mật khẩu chung: ${DEMO_PASSWORD}`);
  const rows = demo.getByRole('row');
  await expect(rows).toHaveCount(DEMO_ACCOUNTS.length + 1);
  for (const [index, [username, roleLabel, fullName]] of DEMO_ACCOUNTS.entries()) {
    const row = rows.nth(index + 1);
    await expect(row.getByRole('button', { name: `Dùng tài khoản ${username}` })).toHaveText(username);
    await expect(row).toContainText(roleLabel);
    await expect(row).toContainText(fullName);
  }

  await demo.getByRole('button', { name: 'Dùng tài khoản leader' }).click();
  const form = page.getByTestId('login-form');
  await expect(form.getByLabel('Tên đăng nhập')).toHaveValue('leader');
  await expect(form.getByRole('textbox', { name: 'Mật khẩu', exact: true })).toHaveValue(DEMO_PASSWORD);
  // The filled form is ready to send: the focus waits on its button.
  await expect(form.getByRole('button', { name: 'Đăng nhập' })).toBeFocused();
  await saveScreenshot(page, '2-sign-in-demo-accounts');

  await form.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Việc của tôi' })).toBeVisible();
  await expect(page.getByText('Xin chào, Phạm Minh Lãnh.')).toBeVisible();
});

test('a wrong password is refused with a Vietnamese message and an empty form says what is missing', async ({ page }) => {
  await page.goto('/sign-in');
  const form = page.getByTestId('login-form');
  const username = form.getByLabel('Tên đăng nhập');
  const password = form.getByRole('textbox', { name: 'Mật khẩu', exact: true });

  await form.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(username).toHaveAccessibleDescription(/Bắt buộc nhập\./);
  await expect(password).toHaveAccessibleDescription(/Bắt buộc nhập\./);
  await expect(username).toBeFocused();

  // council3 is used by no other journey, so one wrong try never locks an account another journey needs.
  await username.fill('council3');
  await password.fill('khong-dung-mat-khau');
  await form.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(form.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await expect(page).toHaveURL(/\/sign-in$/);
  await saveScreenshot(page, '2-sign-in-wrong-password');
});
