import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expect, saveScreenshot, signIn, test, uniqueSuffix } from '../support/test';

/**
 * A signed order (made through the API) gets a draft dossier from the provider on the
 * "Lập hồ sơ" page; once it is filled in and submitted (API), the officer finds it in
 * "Việc của tôi" as "Tiếp nhận hồ sơ", finds it again in the dossier list by code and
 * state, and downloads the list as Excel; the leader opens the overview and follows a
 * count to the filtered list.
 */
const PROVIDER_CODE = '000.01.11.H99';

type Api = { get: (path: string) => Promise<any>; send: (method: 'POST' | 'PATCH', path: string, body?: unknown) => Promise<any>; upload: (name: string) => Promise<{ id: string }>; close: () => Promise<void> };

/** A demo user's session for calls the journey does not click through; the session's CSRF token goes with every change. */
async function apiAs(baseURL: string, username: string): Promise<Api> {
  const context: APIRequestContext = await playwrightRequest.newContext({ baseURL });
  const login = await context.post('/api/auth/login', { data: { username, password: 'nghiemthu-demo' } });
  expect(login.ok(), `sign-in as ${username}`).toBe(true);
  const headers = { 'x-csrf-token': (await login.json()).csrfToken as string };
  const check = async (what: string, response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<any> => {
    expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true);
    return response.json();
  };
  return {
    get: async (path) => check(`GET ${path}`, await context.get(path)),
    send: async (method, path, body = {}) => check(`${method} ${path}`, await context.fetch(path, { method, data: body, headers })),
    upload: async (name) => {
      const pdf = Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${randomUUID()}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
      return check(`upload ${name}`, await context.post('/api/files', { multipart: { file: { name, mimeType: 'application/pdf', buffer: pdf } }, headers }));
    },
    close: () => context.dispose(),
  };
}

async function serviceId(api: Api, code: string): Promise<string> {
  const page = await api.get(`/api/catalogue/services?q=${encodeURIComponent(code)}`);
  return page.items.find((service: { code: string }) => service.code === code).id;
}

/** An officer's order for LGSP and e-mail operation in 2026, accepted quarterly, signed by the leader. */
async function signedOrder(baseURL: string, title: string): Promise<{ id: string; code: string }> {
  const officer = await apiAs(baseURL, 'officer');
  const leader = await apiAs(baseURL, 'leader');
  const provider = await officer.get(`/api/agencies/by-code/${PROVIDER_CODE}`);
  const order = await officer.send('POST', '/api/orders', {
    title,
    method: 'ordering',
    legalRegime: 'decree_32_2019',
    providerAgencyId: provider.current.id,
    budgetYear: 2026,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    periodKind: 'quarterly',
    basisDocuments: [{ number: '12/QĐ-SKHCN', date: '2026-01-05', signer: 'Phạm Minh Lãnh', summary: 'Quyết định đặt hàng dịch vụ sự nghiệp công năm 2026 (kiểm thử)' }],
    lines: [{ serviceId: await serviceId(officer, 'DV-VH-LGSP'), quantity: '12' }, { serviceId: await serviceId(officer, 'DV-VH-THU'), quantity: '12' }],
    fundingSources: [{ source: 'state_budget', amount: 12 * 45_500_000 + 12 * 18_500_000 }],
    advancePercent: '0',
    paymentTerms: 'Thanh toán theo quý sau khi có biên bản nghiệm thu.',
    acceptanceMethod: 'Nghiệm thu theo quý trên cơ sở hồ sơ và hội đồng nghiệm thu.',
  });
  await leader.send('POST', `/api/orders/${order.id}/sign`);
  await Promise.all([officer.close(), leader.close()]);
  return { id: order.id, code: order.code };
}

/** The provider fills in the draft (report, quantities, KPI actuals, the required documents) and submits it; returns its new code. */
async function fillAndSubmit(baseURL: string, dossierId: string): Promise<string> {
  const provider = await apiAs(baseURL, 'provider');
  const draft = await provider.get(`/api/dossiers/${dossierId}`);
  await provider.send('PATCH', `/api/dossiers/${dossierId}`, {
    completionReport: 'Báo cáo kết quả vận hành quý I/2026: hệ thống hoạt động ổn định (kiểm thử).',
    selfAssessment: 'Đơn vị tự đánh giá hoàn thành khối lượng và các chỉ tiêu chất lượng.',
    lines: draft.lines.map((line: { lineNo: number; plannedQuantity: string }) => ({ lineNo: line.lineNo, deliveredQuantity: line.plannedQuantity })),
    kpis: draft.kpis.map((kpi: { lineNo: number; code: string; target: string }) => ({ lineNo: kpi.lineNo, code: kpi.code, actual: kpi.target })),
  });
  for (const documentType of draft.requiredDocuments as string[]) {
    const file = await provider.upload(`${documentType}.pdf`);
    await provider.send('POST', `/api/dossiers/${dossierId}/files`, { fileId: file.id, documentType });
  }
  const submitted = await provider.send('POST', `/api/dossiers/${dossierId}/steps/submit`);
  await provider.close();
  expect(submitted.state).toBe('submitted');
  return submitted.code as string;
}

test('a provider prepares a dossier; the officer finds it in My work, in the list and in Excel; the leader follows the overview', async ({ page, browser, baseURL }) => {
  const title = `Vận hành LGSP và thư điện tử công vụ năm 2026 (kiểm thử hồ sơ ${uniqueSuffix()})`;
  const order = await signedOrder(baseURL!, title);

  // The provider prepares the dossier of the first quarter on the "Lập hồ sơ" page.
  await signIn(page, 'provider');
  await page.goto(`/dossiers/new?orderId=${order.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lập hồ sơ nghiệm thu' })).toBeVisible();
  await expect(page.getByText(title, { exact: true })).toBeVisible();
  const periods = page.getByTestId('dossier-new-period');
  await expect(periods).toHaveCount(4);
  await expect(periods.nth(0)).toContainText('Chưa có hồ sơ');
  await page.getByTestId('dossier-new-submit').click();
  await expect(page.getByText('Hãy chọn một kỳ nghiệm thu chưa có hồ sơ.')).toBeVisible();
  await page.getByRole('radio', { name: 'Quý I/2026' }).check();
  await saveScreenshot(page, '40-dossier-new');
  await page.getByTestId('dossier-new-submit').click();
  await expect(page).toHaveURL(/\/dossiers\/[0-9a-f-]{36}$/);
  const dossierId = page.url().split('/').pop()!;

  // Back on the page, the first quarter is taken now.
  await page.goto(`/dossiers/new?orderId=${order.id}`);
  await expect(periods.nth(0).getByRole('radio')).toBeDisabled();
  await expect(periods.nth(0)).toContainText('Đang soạn');

  const code = await fillAndSubmit(baseURL!, dossierId);

  // The officer: "Tiếp nhận hồ sơ" waits in My work.
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signIn(officer, 'officer');
  const queue = officer.getByTestId('my-work-queue');
  const item = queue.getByTestId('my-work-item').filter({ hasText: code });
  await expect(item).toBeVisible();
  await expect(item.getByTestId('my-work-task')).toHaveText('Tiếp nhận hồ sơ');
  await expect(item).toContainText(title);
  await saveScreenshot(officer, '40-dossier-my-work');

  // …and in the dossier list, by code and state; the filters stay in the address.
  await officer.getByTestId('nav-acceptance').click();
  await expect(officer.getByRole('heading', { level: 1, name: 'Hồ sơ nghiệm thu' })).toBeVisible();
  await officer.getByRole('textbox', { name: 'Tìm kiếm' }).fill(code);
  await officer.getByRole('textbox', { name: 'Tìm kiếm' }).press('Enter');
  await officer.getByRole('combobox', { name: 'Trạng thái' }).click();
  await officer.getByRole('option', { name: 'Chờ tiếp nhận' }).click();
  await expect(officer).toHaveURL(new RegExp(`[?&]q=${code}`));
  await expect(officer).toHaveURL(/[?&]state=submitted/);
  const rows = officer.getByTestId('dossier-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(code);
  await expect(rows.first()).toContainText(order.code);
  await expect(rows.first().getByTestId('dossier-state')).toHaveText('Chờ tiếp nhận');
  await saveScreenshot(officer, '40-dossier-list');

  // The same list as an Excel file.
  const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByTestId('dossier-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^ho-so-nghiem-thu-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as never);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).getCell(1).value).toBe('Mã hồ sơ');
  expect(sheet.rowCount).toBe(2);
  expect(sheet.getRow(2).getCell(1).value).toBe(code);
  expect(sheet.getRow(2).getCell(9).value).toBe('Chờ tiếp nhận');
  await officerContext.close();

  // The leader opens the overview and follows the "Chờ tiếp nhận" count to the filtered list.
  const leaderContext = await browser.newContext();
  const leader = await leaderContext.newPage();
  await signIn(leader, 'leader');
  await leader.getByTestId('nav-acceptance-overview').click();
  await expect(leader.getByRole('heading', { level: 1, name: 'Tổng quan nghiệm thu' })).toBeVisible();
  const waiting = leader.getByTestId('overview-state-submitted');
  await expect(waiting).not.toHaveText('0');
  await saveScreenshot(leader, '40-dossier-overview');
  const count = Number(await waiting.textContent());
  await waiting.click();
  await expect(leader).toHaveURL(/\/dossiers\?state=submitted$/);
  await expect(leader.getByRole('combobox', { name: 'Trạng thái' })).toHaveValue('Chờ tiếp nhận');
  await expect(leader.getByText(new RegExp(`trên tổng số ${count}$`))).toBeVisible();
  const states = leader.getByTestId('dossier-row').getByTestId('dossier-state');
  await expect(states.first()).toHaveText('Chờ tiếp nhận');
  expect(new Set(await states.allTextContents())).toEqual(new Set(['Chờ tiếp nhận']));
  await leaderContext.close();
});
