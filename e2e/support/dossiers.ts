import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Browser, Locator, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn } from './test';

/**
 * Acceptance dossiers in the browser journeys: what belongs to other pages (an order, a
 * draft dossier, the council's members) is made through the API as the demo users; what a
 * person does on the dossier page is done through the page, one helper per step.
 */

export type Api = { request: APIRequestContext; userId: string; csrfToken: string };

/** A demo user signed in to the API on their own context (cookies and CSRF token of their session). */
export async function signInApi(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, username: string): Promise<Api> {
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'accept-language': 'vi' } });
  const response = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(response.ok(), `API sign-in as ${username}`).toBe(true);
  const me = (await response.json()) as { user: { id: string }; csrfToken: string };
  return { request, userId: me.user.id, csrfToken: me.csrfToken };
}

/** Several demo users signed in to the API, by username. */
export async function signInApis<const N extends string>(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, usernames: readonly N[]): Promise<Record<N, Api>> {
  const apis = await Promise.all(usernames.map((username) => signInApi(playwright, baseURL, username)));
  return Object.fromEntries(usernames.map((username, index) => [username, apis[index]])) as Record<N, Api>;
}

async function send<T>(api: Api, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, data?: unknown): Promise<T> {
  const response = await api.request.fetch(url, { method, data, headers: method === 'GET' ? {} : { 'x-csrf-token': api.csrfToken } });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/**
 * A signed order of the Department of Science and Technology for its Digital Transformation Centre:
 * LGSP operation (45,500,000/month) and official e-mail (18,500,000/month), 12 months each, accepted
 * quarterly, so period 1 plans 192,000,000 ₫. Made by the officer, signed by the leader.
 */
export async function createSignedOrder(officer: Api, leader: Api, title: string): Promise<string> {
  const serviceId = async (code: string) => {
    const page = await send<{ items: { id: string; code: string }[] }>(officer, 'GET', `/api/catalogue/services?q=${code}`);
    const found = page.items.find((service) => service.code === code);
    expect(found, `demo service ${code}`).toBeTruthy();
    return found!.id;
  };
  const provider = await send<{ current: { id: string } }>(officer, 'GET', '/api/agencies/by-code/000.01.11.H99');
  const order = await send<{ id: string }>(officer, 'POST', '/api/orders', {
    title,
    method: 'ordering',
    legalRegime: 'decree_32_2019',
    providerAgencyId: provider.current.id,
    budgetYear: 2026,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    periodKind: 'quarterly',
    basisDocuments: [{ number: '12/QĐ-SKHCN', date: '2026-01-05', signer: 'Phạm Minh Lãnh', summary: 'Quyết định đặt hàng dịch vụ sự nghiệp công năm 2026 (kiểm thử)' }],
    lines: [{ serviceId: await serviceId('DV-VH-LGSP'), quantity: '12' }, { serviceId: await serviceId('DV-VH-THU'), quantity: '12' }],
    fundingSources: [{ source: 'state_budget', amount: 12 * 45_500_000 + 12 * 18_500_000 }],
    paymentTerms: 'Thanh toán theo quý sau khi có biên bản nghiệm thu.',
    acceptanceMethod: 'Nghiệm thu theo quý trên cơ sở hồ sơ và hội đồng nghiệm thu.',
  });
  await send(leader, 'POST', `/api/orders/${order.id}/sign`, {});
  return order.id;
}

/** The provider's empty draft for one period of the order; returns its id. */
export async function createDraftDossier(provider: Api, orderId: string, periodNo = 1): Promise<string> {
  const draft = await send<{ id: string }>(provider, 'POST', '/api/dossiers', { orderId, periodNo });
  return draft.id;
}

/**
 * The council by decision: council1 (DOST) chairs, council2 (Finance) and council3 (Home Affairs),
 * quorum 2. Through the API because an officer cannot list users of other agencies (see the
 * council journey marked test.fail): the dossier page then shows the council the API made.
 */
export async function setUpCouncil(officer: Api, dossierId: string, members: { chair: Api; member: Api; secretary: Api }): Promise<void> {
  await send(officer, 'PUT', `/api/dossiers/${dossierId}/council`, {
    decisionNumber: '88/QĐ-SKHCN',
    decisionDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()),
    quorum: 2,
    members: [
      { userId: members.chair.userId, role: 'chair' },
      { userId: members.member.userId, role: 'member' },
      { userId: members.secretary.userId, role: 'secretary' },
    ],
  });
}

/** A workflow step through the API, for what a journey does not look at. */
export async function stepViaApi(api: Api, dossierId: string, action: string, body: object = {}): Promise<void> {
  await send(api, 'POST', `/api/dossiers/${dossierId}/steps/${action}`, body);
}

/** The provider completes the draft through the API (report, quantities, actuals, the three required documents) and submits it. */
export async function submitViaApi(provider: Api, dossierId: string): Promise<void> {
  const draft = await send<{ lines: { lineNo: number; plannedQuantity: string }[]; kpis: { lineNo: number; code: string }[] }>(provider, 'GET', `/api/dossiers/${dossierId}`);
  await send(provider, 'PATCH', `/api/dossiers/${dossierId}`, {
    completionReport: 'Báo cáo kết quả vận hành quý (kiểm thử).',
    selfAssessment: 'Đơn vị hoàn thành khối lượng (kiểm thử).',
    lines: draft.lines.map((line) => ({ lineNo: line.lineNo, deliveredQuantity: line.plannedQuantity })),
    kpis: draft.kpis.map((kpi) => ({ lineNo: kpi.lineNo, code: kpi.code, actual: kpi.code === 'UPTIME' ? '99.9' : '2' })),
  });
  for (const documentType of ['completion_report', 'self_assessment', 'kpi_evidence']) {
    const uploaded = await provider.request.post('/api/files', { multipart: { file: samplePdf(`${documentType}.pdf`) }, headers: { 'x-csrf-token': provider.csrfToken } });
    expect(uploaded.status(), `upload ${documentType}`).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    await send(provider, 'POST', `/api/dossiers/${dossierId}/files`, { fileId: id, documentType, lineNo: null, kpiCode: null });
  }
  await stepViaApi(provider, dossierId, 'submit');
}

/** A small valid PDF, unique per call so each upload is a new file. */
export function samplePdf(name: string): { name: string; mimeType: string; buffer: Buffer } {
  const text = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${randomUUID()}\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(text) };
}

/** A person in their own browser context, signed in through the form, on the dossier page. */
export async function openAs(browser: Browser, username: string, dossierId: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  await page.goto(`/dossiers/${dossierId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return page;
}

export const state = (page: Page) => page.getByTestId('dossier-state');

/** Opens a section of the dossier page (a tab on desktop). */
export async function openSection(page: Page, name: RegExp | string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

/** Chooses an option of a Mantine Select by its label. */
export async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option }).click();
}

/** Clicks a workflow step in the action bar, then the confirming button of its dialog; returns the dialog. */
export async function takeStep(page: Page, button: string, dialogTitle: string | RegExp, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByTestId('dossier-actions').getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: dialogTitle });
  await expect(dialog).toBeVisible();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** The provider writes the report, the delivered quantities (as planned) and the KPI actuals; LGSP availability 99.2 % misses its 99.5 % target. */
export async function fillDossierContent(page: Page): Promise<void> {
  const form = page.getByTestId('dossier-content-form');
  await form.getByRole('textbox', { name: 'Báo cáo kết quả thực hiện' }).fill('Báo cáo kết quả vận hành quý I/2026: hệ thống hoạt động ổn định, xử lý 42 sự cố, không có sự cố nghiêm trọng.');
  await form.getByRole('textbox', { name: 'Tự đánh giá' }).fill('Đơn vị hoàn thành khối lượng; tỷ lệ sẵn sàng của LGSP chưa đạt do sự cố mất điện ngày 12/02.');
  for (const [lineNo, uptime] of [[1, '99.2'], [2, '99,9']] as const) {
    const line = form.getByTestId(`dossier-line-edit-${lineNo}`);
    await line.getByRole('textbox', { name: /^Khối lượng thực hiện/ }).fill('3');
    await line.getByRole('textbox', { name: 'Tỷ lệ sẵn sàng của hệ thống (%)' }).fill(uptime);
    await line.getByRole('textbox', { name: 'Thời gian phản hồi sự cố (giờ)' }).fill('2');
  }
  await form.getByRole('button', { name: 'Lưu nội dung' }).click();
  await expect(page.getByText('Đã lưu nội dung hồ sơ.')).toBeVisible();
}

/** Uploads one PDF through the "Đính kèm tài liệu" block as a document of a type, optionally for line 1's availability KPI. */
export async function attachDocument(page: Page, type: string, fileName: string, forUptime = false): Promise<void> {
  const block = page.getByTestId('dossier-upload');
  await choose(page, block.getByRole('combobox', { name: 'Loại tài liệu' }), new RegExp(`^${type}`));
  if (forUptime) {
    await choose(page, block.getByRole('combobox', { name: 'Dòng dịch vụ' }), /^Dòng 1:/);
    await choose(page, block.getByRole('combobox', { name: 'Chỉ tiêu' }), 'Tỷ lệ sẵn sàng của hệ thống');
  }
  await block.locator('input[type="file"]').setInputFiles(samplePdf(fileName));
  await block.getByRole('button', { name: 'Tải lên và đính kèm' }).click();
  await expect(page.getByTestId('dossier-files').getByRole('link', { name: fileName })).toBeVisible();
}

/** The provider fills the draft, attaches the three required documents and submits; returns the dossier code. */
export async function prepareAndSubmit(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ chưa nộp' })).toBeVisible();
  await fillDossierContent(page);
  await openSection(page, /^Tài liệu/);
  await attachDocument(page, 'Báo cáo kết quả thực hiện', 'bao-cao-ket-qua-quy-I-2026.pdf');
  await attachDocument(page, 'Báo cáo tự đánh giá', 'bao-cao-tu-danh-gia-quy-I-2026.pdf');
  await attachDocument(page, 'Minh chứng chỉ tiêu chất lượng', 'nhat-ky-giam-sat-LGSP.pdf', true);
  await expect(page.getByTestId('required-kpi_evidence')).toHaveAttribute('data-missing', 'false');
  await takeStep(page, 'Nộp hồ sơ', 'Nộp hồ sơ nghiệm thu');
  await expect(state(page)).toHaveText('Chờ tiếp nhận');
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  const code = /Hồ sơ nghiệm thu (\S+)/.exec(heading ?? '')?.[1];
  expect(code, 'the dossier code in the title').toMatch(/^000\.00\.11\.H99-\d{6}-\d{4}$/);
  return code!;
}

/** The leader names the demo officer as appraiser. */
export async function assignOfficer(page: Page): Promise<void> {
  await takeStep(page, 'Phân công thẩm định', 'Phân công thẩm định', async (dialog) => {
    await choose(page, dialog.getByRole('combobox', { name: 'Người thẩm định' }), /Nguyễn Văn Chuyên/);
  });
  await expect(state(page)).toHaveText('Đang thẩm định');
}

/** The appraising officer accepts the delivered quantities; the server's deduction for the missed KPI appears; the appraisal goes to the council. */
export async function appraiseAndComplete(page: Page): Promise<void> {
  await openSection(page, 'Khối lượng & chất lượng');
  const form = page.getByTestId('dossier-appraisal-form');
  await expect(form.getByRole('textbox', { name: /^Khối lượng nghiệm thu dòng 1/ })).toHaveValue('3');
  await form.getByRole('textbox', { name: 'Nhận xét thẩm định' }).fill('Khối lượng đạt; tỷ lệ sẵn sàng LGSP không đạt chỉ tiêu, giảm trừ theo quy định.');
  await form.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
  await expect(page.getByTestId('dossier-kpi-1-UPTIME')).toContainText('Không đạt');
  await expect(page.getByTestId('money-deduction')).toContainText(/2\.730\.000\s₫/);
  await expect(page.getByTestId('money-accepted')).toContainText(/189\.270\.000\s₫/);
  await takeStep(page, 'Hoàn thành thẩm định', 'Hoàn thành thẩm định');
  await expect(state(page)).toHaveText('Hội đồng đang xem xét');
}

/** A council member declares no conflict of interest and votes on both lines (optionally disagreeing on line 1, with a comment). */
export async function declareAndVote(page: Page, options: { disagreeOnLine1?: string } = {}): Promise<void> {
  const declaration = page.getByTestId('dossier-conflict-form');
  await declaration.getByRole('radio', { name: 'Tôi không có xung đột lợi ích' }).check();
  await declaration.getByRole('button', { name: 'Gửi khai báo' }).click();
  await expect(page.getByText('Đã khai báo không có xung đột lợi ích.')).toBeVisible();
  const vote = page.getByTestId('dossier-vote-form');
  for (const lineNo of [1, 2]) {
    const line = vote.getByTestId(`dossier-vote-line-${lineNo}`);
    const disagrees = lineNo === 1 && options.disagreeOnLine1;
    await line.getByRole('radio', { name: disagrees ? 'Không đồng ý' : 'Đồng ý', exact: true }).check();
    await line.getByRole('textbox', { name: `Điểm dòng ${lineNo} (0–100)` }).fill(disagrees ? '60' : '90');
    if (disagrees) await line.getByRole('textbox', { name: `Ý kiến dòng ${lineNo}` }).fill(options.disagreeOnLine1!);
  }
  await vote.getByRole('button', { name: 'Gửi phiếu biểu quyết' }).click();
  await expect(page.getByText('Đã ghi nhận phiếu biểu quyết.')).toBeVisible();
}

/**
 * From a submitted dossier to the leader's decision, as in both journeys: the officer receives,
 * the leader assigns the officer, the council is set up, the officer appraises, three members
 * declare and vote (council2 dissents on line 1) and the chair closes the review.
 */
export async function throughCouncil(browser: Browser, dossierId: string, officerPage: Page, people: { officer: Api; council1: Api; council2: Api; council3: Api }): Promise<Page> {
  await officerPage.reload();
  await takeStep(officerPage, 'Tiếp nhận', 'Tiếp nhận hồ sơ');
  await expect(state(officerPage)).toHaveText('Chờ phân công thẩm định');

  const leader = await openAs(browser, 'leader', dossierId);
  await assignOfficer(leader);

  await setUpCouncil(people.officer, dossierId, { chair: people.council1, member: people.council2, secretary: people.council3 });
  await officerPage.reload();
  await openSection(officerPage, 'Hội đồng');
  await expect(officerPage.getByTestId('council-members')).toContainText('Vũ Văn Đồng');
  await appraiseAndComplete(officerPage);

  const chair = await openAs(browser, 'council1', dossierId);
  await declareAndVote(chair);
  const member = await openAs(browser, 'council2', dossierId);
  await declareAndVote(member, { disagreeOnLine1: 'Minh chứng tỷ lệ sẵn sàng chưa thuyết phục, đề nghị giảm trừ thêm.' });
  await expect(member.getByTestId('council-votes-counted')).toHaveText('2/2');
  const secretary = await openAs(browser, 'council3', dossierId);
  await declareAndVote(secretary);
  await member.context().close();
  await secretary.context().close();

  await chair.reload();
  await expect(chair.getByTestId('council-votes').locator('[data-dissent]')).toContainText('Không đồng ý');
  await takeStep(chair, 'Kết thúc phiên hội đồng', 'Kết thúc phiên hội đồng', async (dialog) => {
    await dialog.getByRole('textbox', { name: 'Ý kiến kết luận của hội đồng' }).fill('Hội đồng đề nghị nghiệm thu, áp dụng giảm trừ chỉ tiêu sẵn sàng; một ý kiến không đồng ý ở dòng 1.');
  });
  await expect(state(chair)).toHaveText('Chờ lãnh đạo quyết định');
  await chair.context().close();

  await leader.reload();
  return leader;
}
