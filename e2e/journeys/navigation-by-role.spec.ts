import { NAV_SECTIONS, SECTIONS_BY_ROLE, type NavSection, type Role } from '@nghiemthu/shared';
import { expect, saveScreenshot, signIn, test } from '../support/test';

/** Journey 1: each demo role signs in and sees exactly its sections (SECTIONS_BY_ROLE), then signs out. */

const DEMO_USERS: { username: string; fullName: string; role: Role }[] = [
  { username: 'admin', fullName: 'Trần Quản Trị', role: 'system_admin' },
  { username: 'agencyadmin', fullName: 'Lê Thị Quản Lý', role: 'agency_admin' },
  { username: 'officer', fullName: 'Nguyễn Văn Chuyên', role: 'officer' },
  { username: 'leader', fullName: 'Phạm Minh Lãnh', role: 'leader' },
  { username: 'council1', fullName: 'Hoàng Thị Hội', role: 'council_member' },
  { username: 'provider', fullName: 'Bùi Văn Cung', role: 'provider_officer' },
  { username: 'inspector', fullName: 'Đỗ Thanh Tra', role: 'inspector' },
];

const SECTION_LABELS: Record<NavSection, string> = {
  myWork: 'Việc của tôi',
  orders: 'Đặt hàng',
  acceptance: 'Nghiệm thu',
  records: 'Hồ sơ lưu trữ',
  reports: 'Báo cáo',
  administration: 'Quản trị',
};
const COMING_SOON: readonly NavSection[] = ['reports'];
const SECTION_PATHS: Partial<Record<NavSection, string>> = { orders: '/orders', acceptance: '/dossiers', records: '/records' };
const SEES_USERS_AND_AUDIT: readonly Role[] = ['system_admin', 'agency_admin', 'inspector'];

for (const user of DEMO_USERS) {
  test(`${user.username} (${user.role}) sees exactly the sections of the role and can sign out`, async ({ page }) => {
    await signIn(page, user.username);
    await expect(page.getByText(`Xin chào, ${user.fullName}.`)).toBeVisible();

    const navbar = page.getByRole('navigation', { name: 'Chức năng chính' });
    const expected = SECTIONS_BY_ROLE[user.role];
    for (const section of NAV_SECTIONS) {
      const item = navbar.getByTestId(`nav-${section}`);
      if (!expected.includes(section)) {
        await expect(item, `${section} must be absent for ${user.role}`).toHaveCount(0);
        continue;
      }
      await expect(item).toBeVisible();
      await expect(item).toContainText(SECTION_LABELS[section]);
      const path = SECTION_PATHS[section];
      if (path) await expect(item).toHaveAttribute('href', path);
      if (COMING_SOON.includes(section)) {
        await expect(item).toHaveAttribute('aria-disabled', 'true');
        await expect(item).toContainText('Sắp có');
        await expect(item.getByRole('link')).toHaveCount(0);
      }
    }

    await expect(navbar.getByTestId('nav-myWork')).toHaveAttribute('href', '/');
    await expect(navbar.getByTestId('nav-myWork')).toHaveAttribute('aria-current', 'page');

    if (expected.includes('administration')) {
      const administration = navbar.getByRole('group', { name: 'Quản trị' });
      await expect(administration.getByRole('link', { name: 'Cơ quan, đơn vị' })).toHaveAttribute('href', '/agencies');
      const seesUsersAndAudit = SEES_USERS_AND_AUDIT.includes(user.role);
      await expect(administration.getByTestId('nav-users')).toHaveCount(seesUsersAndAudit ? 1 : 0);
      await expect(administration.getByTestId('nav-audit')).toHaveCount(seesUsersAndAudit ? 1 : 0);
      if (seesUsersAndAudit) {
        await expect(administration.getByRole('link', { name: 'Người dùng' })).toHaveAttribute('href', '/users');
        await expect(administration.getByRole('link', { name: 'Nhật ký hệ thống' })).toHaveAttribute('href', '/audit');
      }
    }
    await saveScreenshot(page, `1-navigation-${user.username}`);

    await page.getByRole('button', { name: `Tài khoản ${user.fullName}` }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByTestId('login-form')).toBeVisible();

    // The session is really gone: a page after sign-in sends back to the sign-in form.
    await page.goto('/agencies');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
  });
}
