import { DEMO_PASSWORD, expect, saveScreenshot, test } from '../support/test';

/** Journey 7: signing in needs no mouse, and every page has a main landmark and a skip link. */

test('the sign-in form is completed with the keyboard alone and the skip link leads to the main content', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('main')).toHaveCount(1);

  const form = page.getByTestId('login-form');
  const username = form.getByLabel('Tên đăng nhập');
  const password = form.getByRole('textbox', { name: 'Mật khẩu', exact: true });
  // The username field has the focus when the page opens.
  await expect(username).toBeFocused();
  await page.keyboard.type('officer');
  await page.keyboard.press('Tab');
  await expect(password).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Việc của tôi' })).toBeVisible();
  await expect(page.getByText('Xin chào, Nguyễn Văn Chuyên.')).toBeVisible();
  const main = page.getByRole('main');
  await expect(main).toHaveCount(1);
  await expect(main).toHaveAttribute('id', 'main-content');

  // From the top of a fresh page, the first Tab stop is the skip link; Enter moves into the main content.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Việc của tôi' })).toBeVisible();
  // The page focuses its heading on navigation (for screen readers); start Tab from the top of the document instead.
  await page.evaluate(() => {
    document.body.setAttribute('tabindex', '-1');
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Chuyển đến nội dung chính' });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();
  await saveScreenshot(page, '7-keyboard-skip-link');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main-content$/);
  await expect(main).toBeFocused();
});
