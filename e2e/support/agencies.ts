import type { Locator, Page } from '@playwright/test';
import { expect, PEOPLES_COMMITTEE, pickAgency } from './test';

export type NewAgency = { code: string; name: string; shortName: string };

/** From anywhere after sign-in: the agencies list with its "Thêm cơ quan, đơn vị" dialog open. */
export async function openCreateAgencyDialog(page: Page): Promise<Locator> {
  await page.getByTestId('nav-agencies').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cơ quan, đơn vị' })).toBeVisible();
  await page.getByTestId('agency-create').click();
  const dialog = page.getByRole('dialog', { name: 'Thêm cơ quan, đơn vị' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Fills the create form for a department directly under the People's Committee. */
export async function fillDepartmentUnderPeoplesCommittee(page: Page, dialog: Locator, agency: NewAgency): Promise<void> {
  await dialog.getByLabel('Mã định danh').fill(agency.code);
  await dialog.getByLabel('Tên cơ quan, đơn vị').fill(agency.name);
  await dialog.getByLabel('Tên viết tắt').fill(agency.shortName);
  await dialog.getByRole('combobox', { name: 'Loại' }).click();
  await page.getByRole('option', { name: 'Sở, ban, ngành', exact: true }).click();
  await pickAgency(page, dialog.getByRole('combobox', { name: 'Cơ quan cấp trên' }), 'Ủy ban nhân dân tỉnh', PEOPLES_COMMITTEE.code);
}

/** Creates the agency through the dialog; the app then opens its page. Returns that page's path. */
export async function createDepartment(page: Page, agency: NewAgency): Promise<string> {
  const dialog = await openCreateAgencyDialog(page);
  await fillDepartmentUnderPeoplesCommittee(page, dialog, agency);
  await dialog.getByRole('button', { name: 'Thêm cơ quan' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: agency.name })).toBeVisible();
  await expect(page).toHaveURL(/\/agencies\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}
