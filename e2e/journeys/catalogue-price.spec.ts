import { expect, saveScreenshot, signIn, test } from '../support/test';

/**
 * An administrator adds a new unit price period to a catalogue service: the
 * open period is closed the day before, money shows in VND, and a period that
 * would overlap an issued price is refused with the reason at the field.
 */
test('an administrator adds a price period and an overlapping one is refused', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Danh mục dịch vụ' }).click();
  await page.getByRole('link', { name: /Số hóa hồ sơ, tài liệu lưu trữ/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Số hóa hồ sơ/ })).toBeVisible();

  const addPrice = async (unitPrice: string, validFrom: string) => {
    await page.getByRole('button', { name: 'Thêm đơn giá' }).click();
    const dialog = page.getByRole('dialog', { name: /Thêm đơn giá cho/ });
    await dialog.getByLabel(/Đơn giá \(đồng/).fill(unitPrice);
    await dialog.getByRole('textbox', { name: /Áp dụng từ ngày/ }).fill(validFrom);
    await dialog.getByRole('textbox', { name: /Áp dụng từ ngày/ }).press('Tab');
    await dialog.getByLabel(/Số quyết định/).fill('99/2026/QĐ-UBND (kiểm thử)');
    await dialog.getByRole('textbox', { name: /Ngày quyết định/ }).fill('15/12/2026');
    await dialog.getByRole('textbox', { name: /Ngày quyết định/ }).press('Tab');
    await dialog.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân tỉnh An Bình (minh họa)');
    await dialog.getByRole('button', { name: 'Thêm đơn giá' }).click();
    return dialog;
  };

  const added = await addPrice('1.300', '01/01/2027');
  await expect(added).toBeHidden();
  const prices = page.getByRole('region', { name: 'Đơn giá theo thời kỳ' }).or(page.locator('section', { hasText: 'Đơn giá theo thời kỳ' })).first();
  await expect(prices).toContainText('01/01/2027');
  await expect(prices).toContainText('1.300 ₫');
  await expect(prices).toContainText('31/12/2026'); // the open period now ends the day before

  const refused = await addPrice('1.400', '01/06/2026');
  await expect(refused).toBeVisible();
  // The reason is readable even though the date field has the focus and its calendar is open.
  await expect(refused.getByText(/trùng|chồng/i).first()).toBeVisible();
  await expect(refused.getByText(/trùng|chồng/i).first()).toBeInViewport();
  await saveScreenshot(page, '9-catalogue-price-overlap');
});
