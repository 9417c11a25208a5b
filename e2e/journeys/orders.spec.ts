import type { Locator, Page } from '@playwright/test';
import { expect, saveScreenshot, signIn, test, uniqueSuffix } from '../support/test';

/**
 * An officer orders two operation services from the Center for Digital
 * Transformation, quarterly, funded from the state budget: a wrong funding
 * amount is refused at the funding field in Vietnamese, "= Tổng" fixes it, and
 * the order shows its total and four quarters. A leader signs it, then amends
 * it with a reason and an approving decision; the first version stays readable.
 */
const PROVIDER = 'Trung tâm Chuyển đổi số và Đổi mới sáng tạo';
/** VND as formatVnd writes it: dots between thousands, a (non-breaking) space, then ₫. */
const vnd = (digits: string) => new RegExp(`${digits.replace(/\./g, '\\.')}\\s₫`);

async function fillDate(field: Locator, date: string): Promise<void> {
  await field.fill(date);
  await field.press('Tab');
}

async function pickService(page: Page, line: Locator, code: string, quantity: string): Promise<void> {
  await line.getByRole('combobox', { name: 'Dịch vụ' }).fill(code);
  await page.getByRole('option', { name: new RegExp(`^${code} ·`) }).click();
  await line.getByRole('textbox', { name: 'Khối lượng' }).fill(quantity);
}

test('an officer creates an order, a leader signs and amends it, and version 1 stays readable', async ({ page, browser }) => {
  const title = `Vận hành LGSP và thư điện tử công vụ năm 2026 (kiểm thử ${uniqueSuffix()})`;
  await signIn(page, 'officer');
  await page.getByTestId('nav-orders').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đơn đặt hàng' })).toBeVisible();
  await page.getByRole('link', { name: 'Tạo đơn đặt hàng' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tạo đơn đặt hàng' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Tên đơn đặt hàng' }).fill(title);
  await page.getByRole('radio', { name: 'Đặt hàng', exact: true }).check();
  const provider = page.getByRole('combobox', { name: 'Đơn vị cung cấp dịch vụ' });
  await provider.click();
  await provider.fill('Chuyển đổi số');
  await page.getByRole('option', { name: new RegExp(PROVIDER) }).click();
  await page.getByRole('textbox', { name: 'Năm ngân sách' }).fill('2026');
  await fillDate(page.getByRole('textbox', { name: 'Ngày bắt đầu' }), '01/01/2026');
  await fillDate(page.getByRole('textbox', { name: 'Ngày kết thúc' }), '31/12/2026');

  const basis = page.getByTestId('basis-document-1');
  await basis.getByRole('textbox', { name: 'Số, ký hiệu' }).fill('1234/QĐ-UBND');
  await fillDate(basis.getByRole('textbox', { name: 'Ngày ban hành' }), '20/12/2025');
  await basis.getByRole('textbox', { name: 'Người ký' }).fill('Lê Văn Tỉnh, Phó Chủ tịch');
  await basis.getByRole('textbox', { name: 'Trích yếu' }).fill('Giao dự toán ngân sách nhà nước năm 2026 (minh họa)');

  await pickService(page, page.getByTestId('order-line-1'), 'DV-VH-LGSP', '12');
  await page.getByRole('button', { name: 'Thêm dịch vụ' }).click();
  await pickService(page, page.getByTestId('order-line-2'), 'DV-VH-THU', '12');
  await expect(page.getByTestId('order-total')).toHaveText(vnd('768.000.000'));
  // Quarterly by default: the server's even split, previewed before saving.
  await expect(page.getByTestId('periods-preview').locator('tbody tr')).toHaveCount(4);

  const funding = page.getByTestId('funding-field');
  await funding.getByRole('textbox', { name: 'Số tiền' }).fill('700.000.000');
  await expect(funding.getByTestId('funding-mismatch')).toBeVisible();
  await page.getByRole('textbox', { name: 'Điều kiện thanh toán' }).fill('Thanh toán theo quý, trong 10 ngày làm việc kể từ ngày ký biên bản nghiệm thu.');
  await page.getByRole('textbox', { name: 'Phương thức nghiệm thu' }).fill('Nghiệm thu theo quý trên cơ sở báo cáo vận hành và số liệu giám sát.');
  await page.getByRole('button', { name: 'Tạo đơn đặt hàng' }).click();

  // Refused by the server, in Vietnamese, at the funding field; nothing was created.
  await expect(funding.getByTestId('funding-error')).toHaveText(
    /Tổng các nguồn kinh phí \(700\.000\.000\s₫\) phải bằng tổng giá trị đặt hàng \(768\.000\.000\s₫\)/,
  );
  await expect(funding.getByRole('textbox', { name: 'Số tiền' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/orders\/new$/);
  await saveScreenshot(page, '10-order-funding-refused');

  await funding.getByRole('button', { name: /^= Tổng/ }).click();
  await expect(funding.getByRole('textbox', { name: 'Số tiền' })).toHaveValue('768000000');
  await page.getByRole('button', { name: 'Tạo đơn đặt hàng' }).click();

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId('summary-ordered')).toContainText(vnd('768.000.000'));
  await expect(page.getByText('Dự thảo', { exact: true })).toBeVisible();
  await page.getByRole('tab', { name: 'Kỳ nghiệm thu' }).click();
  const periods = page.getByTestId('order-period-row');
  await expect(periods).toHaveCount(4);
  await expect(periods.nth(0)).toContainText('Quý I/2026');
  await expect(periods.nth(3)).toContainText('Quý IV/2026');
  const code = (await page.getByTestId('order-code').textContent()) ?? '';

  // The leader signs.
  const leaderContext = await browser.newContext();
  const leader = await leaderContext.newPage();
  await signIn(leader, 'leader');
  await leader.goto(orderUrl);
  await leader.getByRole('button', { name: 'Ký đơn' }).click();
  const signDialog = leader.getByRole('dialog', { name: `Ký đơn đặt hàng ${code}` });
  await signDialog.getByRole('button', { name: 'Ký đơn' }).click();
  await expect(signDialog).toBeHidden();
  await expect(leader.getByText('Đã ký', { exact: true })).toBeVisible();

  // …then amends it: THU goes down to 6, with a reason and the approving decision.
  await leader.getByRole('link', { name: 'Điều chỉnh', exact: true }).click();
  await expect(leader.getByRole('heading', { level: 1, name: `Điều chỉnh đơn ${code}` })).toBeVisible();
  await leader.getByRole('textbox', { name: 'Lý do điều chỉnh' }).fill('Giảm khối lượng thư điện tử công vụ do chuyển một phần người dùng sang hệ thống mới (kiểm thử).');
  await leader.getByRole('textbox', { name: 'Văn bản phê duyệt điều chỉnh' }).fill('Quyết định số 45/QĐ-SKHCN ngày 01/07/2026');
  await leader.getByTestId('order-line-2').getByRole('textbox', { name: 'Khối lượng' }).fill('6');
  await expect(leader.getByTestId('order-total')).toHaveText(vnd('657.000.000'));
  await leader.getByTestId('funding-field').getByRole('button', { name: /^= Tổng/ }).click();
  await leader.getByRole('button', { name: 'Lưu điều chỉnh' }).click();

  await expect(leader).toHaveURL(orderUrl);
  await expect(leader.getByTestId('order-version')).toHaveText('Phiên bản 2');
  await expect(leader.getByTestId('summary-ordered')).toContainText(vnd('657.000.000'));
  await leader.getByRole('tab', { name: 'Phiên bản (2)' }).click();
  const versions = leader.getByTestId('order-version-row');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText('Quyết định số 45/QĐ-SKHCN');
  await expect(versions.nth(0)).toContainText('Phạm Minh Lãnh');

  await leader.getByRole('button', { name: 'Xem phiên bản 1' }).click();
  const version1 = leader.getByRole('dialog', { name: 'Phiên bản 1 của đơn đặt hàng' });
  const thuLine = version1.getByTestId('order-line-row').filter({ hasText: 'DV-VH-THU' });
  await expect(thuLine.getByTestId('line-quantity')).toContainText('12');
  await expect(version1.getByTestId('lines-total')).toHaveText(vnd('768.000.000'));
  await saveScreenshot(leader, '10-order-version-1');
  await leaderContext.close();
});
