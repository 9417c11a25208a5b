import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  attachDocument, createDraftDossier, createSignedOrder, openAs, openSection, prepareAndSubmit, signInApis, state, stepViaApi, submitViaApi, takeStep,
  throughCouncil,
} from '../support/dossiers';
import { expect, saveScreenshot, signIn, test, uniqueSuffix } from '../support/test';

/**
 * Journey: one acceptance dossier from draft to paid. The order and the empty draft come from
 * the API (their pages are other journeys'); everything on the dossier page is done by the
 * people whose step it is: the provider fills and submits it, is asked for a supplement and
 * answers; the officer receives it; the leader assigns the officer; the officer appraises (a
 * missed KPI is deducted); three council members declare and vote, one dissenting; the chair
 * closes; the leader approves; the officer issues the minutes (a real PDF) and records the final
 * payment; the timeline shows every step.
 */
test('a dossier goes from draft to paid through every step, with a supplement round and minutes as PDF', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(360_000);
  const { officer, leader, provider, council1, council2, council3 } = await signInApis(playwright, baseURL!, ['officer', 'leader', 'provider', 'council1', 'council2', 'council3']);
  const orderId = await createSignedOrder(officer, leader, `Vận hành LGSP và thư điện tử công vụ năm 2026 (nghiệm thu ${uniqueSuffix()})`);
  const dossierId = await createDraftDossier(provider, orderId, 1);

  // The provider: report, quantities, KPI actuals; submitting without the documents is refused item by item.
  await signIn(page, 'provider');
  await page.goto(`/dossiers/${dossierId}`);
  await expect(page.getByTestId('dossier-period')).toContainText('Quý I/2026');
  await expect(page.getByTestId('money-planned')).toContainText(/192\.000\.000\s₫/);
  await page.getByTestId('dossier-actions').getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  const refused = page.getByRole('dialog', { name: 'Nộp hồ sơ nghiệm thu' });
  await refused.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await expect(refused.getByTestId('dossier-step-problem')).toContainText('Hồ sơ chưa đủ để nộp');
  await expect(refused.getByTestId('dossier-step-problem')).toContainText('Thiếu tài liệu bắt buộc: báo cáo kết quả thực hiện.');
  await refused.getByRole('button', { name: 'Hủy' }).click();
  // The refusal also marks the fields it names.
  await expect(page.getByTestId('dossier-line-edit-1').getByRole('textbox', { name: /^Khối lượng thực hiện/ })).toHaveAttribute('aria-invalid', 'true');
  const code = await prepareAndSubmit(page);

  // The officer asks for a supplement; the provider reads why, adds a document and answers.
  const officerPage = await openAs(browser, 'officer', dossierId);
  const request = 'Bổ sung nhật ký giám sát LGSP tháng 02/2026 và bảng kê sự cố mất điện.';
  await takeStep(officerPage, 'Yêu cầu bổ sung', `Yêu cầu bổ sung hồ sơ ${code}`, async (dialog) => {
    await dialog.getByRole('textbox', { name: 'Nội dung cần bổ sung' }).fill(request);
  });
  await expect(state(officerPage)).toHaveText('Chờ bổ sung');

  await page.reload();
  await expect(state(page)).toHaveText('Chờ bổ sung');
  await expect(page.getByTestId('dossier-supplement-request')).toContainText(request);
  await openSection(page, /^Tài liệu/);
  await attachDocument(page, 'Tài liệu bổ sung', 'nhat-ky-giam-sat-thang-02-2026.pdf');
  await expect(page.getByTestId('dossier-files-supplement')).toContainText('Bổ sung lần 1');
  await takeStep(page, 'Nộp bổ sung', 'Nộp bổ sung hồ sơ');
  await expect(state(page)).toHaveText('Chờ tiếp nhận');

  // Receipt, assignment, appraisal, council: to the leader's decision.
  const leaderPage = await throughCouncil(browser, dossierId, officerPage, { officer, council1, council2, council3 });
  await takeStep(leaderPage, 'Phê duyệt', 'Phê duyệt kết quả nghiệm thu', async (dialog) => {
    await dialog.getByRole('radio', { name: 'Nghiệm thu', exact: true }).check();
    await dialog.getByRole('textbox', { name: 'Nội dung kết luận' }).fill('Đồng ý nghiệm thu khối lượng quý I/2026, giảm trừ theo chỉ tiêu tỷ lệ sẵn sàng.');
  });
  await expect(state(leaderPage)).toHaveText('Đã phê duyệt');
  await expect(leaderPage.getByTestId('dossier-decision')).toContainText('Phạm Minh Lãnh');
  await leaderPage.context().close();

  // The officer issues the minutes and downloads the PDF the server rendered.
  await officerPage.reload();
  await takeStep(officerPage, 'Ban hành biên bản', 'Ban hành biên bản nghiệm thu', async (dialog) => {
    await dialog.getByRole('textbox', { name: 'Địa điểm' }).fill('An Bình');
  });
  await expect(state(officerPage)).toHaveText('Đã ban hành biên bản');
  await openSection(officerPage, 'Biên bản & thanh toán');
  const minutesNumber = (await officerPage.getByTestId('minutes-number').textContent())!.trim();
  expect(minutesNumber).toMatch(/^\d+\/BB-SKHCN$/);
  await expect(officerPage.getByTestId('dossier-minutes').getByTestId('minutes-official')).toBeVisible();
  const [download] = await Promise.all([officerPage.waitForEvent('download'), officerPage.getByTestId('minutes-download').click()]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minutes-'));
  try {
    const pdf = path.join(dir, 'bien-ban.pdf');
    await download.saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('BIÊN BẢN NGHIỆM THU');
    expect(text).toContain(minutesNumber);
    expect(text).toContain(code);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The final payment, pre-filled with what is accepted and unpaid, closes the dossier.
  await takeStep(officerPage, 'Ghi nhận thanh toán cuối', 'Ghi nhận thanh toán cuối', async (dialog) => {
    await expect(dialog.getByRole('textbox', { name: 'Số tiền' })).toHaveValue('189270000');
    await dialog.getByRole('textbox', { name: 'Số chứng từ Kho bạc' }).fill('KBNN-AB-2026-0101');
  });
  await expect(state(officerPage)).toHaveText('Đã thanh toán');
  await expect(officerPage.getByTestId('money-paid')).toContainText(/189\.270\.000\s₫/);
  await expect(officerPage.getByTestId('dossier-payments')).toContainText('KBNN-AB-2026-0101');

  await openSection(officerPage, 'Tiến trình');
  const timeline = officerPage.getByTestId('dossier-timeline');
  for (const action of [
    'submit', 'request_supplement', 'answer_supplement', 'receive', 'assign_appraiser', 'complete_appraisal',
    'close_council_review', 'approve', 'issue_minutes', 'record_final_payment',
  ]) {
    await expect(timeline.getByTestId(`timeline-${action}`)).toBeVisible();
  }
  await expect(timeline.getByTestId('timeline-request_supplement')).toContainText(request);
  await expect(timeline.getByTestId('timeline-current')).toHaveCount(0);
  await saveScreenshot(officerPage, '50-dossier-paid-timeline');
});

/** An officer sets up the council in the page, choosing members of three agencies (GET /api/dossiers/:id/candidates). */
test('an officer sets up a council with members of other agencies', async ({ page, playwright, baseURL }) => {
  const { officer, leader, provider } = await signInApis(playwright, baseURL!, ['officer', 'leader', 'provider']);
  const orderId = await createSignedOrder(officer, leader, `Hội đồng nghiệm thu (kiểm thử ${uniqueSuffix()})`);
  const dossierId = await createDraftDossier(provider, orderId, 1);
  await submitViaApi(provider, dossierId);
  await stepViaApi(officer, dossierId, 'receive');
  await signIn(page, 'officer');
  await page.goto(`/dossiers/${dossierId}`);
  await openSection(page, 'Hội đồng');
  await page.getByRole('button', { name: 'Thành lập hội đồng' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thành lập hội đồng nghiệm thu' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Số quyết định' }).fill('91/QĐ-SKHCN');
  const choose = async (number: number, name: RegExp) => {
    await dialog.getByRole('combobox', { name: `Thành viên ${number}`, exact: true }).click();
    await page.getByRole('option', { name }).click();
  };
  const rows = await dialog.getByTestId(/^council-form-member-/).count();
  for (let i = rows; i < 3; i++) await dialog.getByRole('button', { name: 'Thêm thành viên' }).click();
  await choose(1, /Hoàng Thị Hội \(SKHCN\)/);
  await choose(2, /Vũ Văn Đồng \(STC\)/);
  await choose(3, /Đặng Thị Thẩm \(SNV\)/);
  await dialog.getByRole('button', { name: 'Lưu hội đồng' }).click();
  await expect(dialog).toBeHidden();
  const members = page.getByTestId('council-members');
  for (const name of ['Hoàng Thị Hội', 'Vũ Văn Đồng', 'Đặng Thị Thẩm']) await expect(members).toContainText(name);
});

/** A council established for the whole order in its page; a dossier that reaches appraisal sits under that decision. */
test('an officer sets up the council of an order, and its dossiers sit under it', async ({ page, playwright, baseURL }) => {
  const { officer, leader, provider } = await signInApis(playwright, baseURL!, ['officer', 'leader', 'provider']);
  const orderId = await createSignedOrder(officer, leader, `Hội đồng của đơn đặt hàng (kiểm thử ${uniqueSuffix()})`);
  await signIn(page, 'officer');
  await page.goto(`/orders/${orderId}`);
  await page.getByRole('tab', { name: 'Hội đồng nghiệm thu' }).click();
  await expect(page.getByTestId('order-council')).toContainText('chưa có hội đồng');
  await page.getByRole('button', { name: 'Thành lập hội đồng' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thành lập hội đồng nghiệm thu cho đơn đặt hàng' });
  await dialog.getByRole('textbox', { name: 'Số quyết định' }).fill('95/QĐ-SKHCN');
  const choose = async (number: number, name: RegExp) => {
    await dialog.getByRole('combobox', { name: `Thành viên ${number}`, exact: true }).click();
    await page.getByRole('option', { name }).click();
  };
  await choose(1, /Hoàng Thị Hội \(SKHCN\)/);
  await choose(2, /Vũ Văn Đồng \(STC\)/);
  await choose(3, /Đặng Thị Thẩm \(SNV\)/);
  await dialog.getByRole('button', { name: 'Lưu hội đồng' }).click();
  await expect(dialog).toBeHidden();
  const members = page.getByTestId('order-council-members');
  for (const name of ['Hoàng Thị Hội', 'Vũ Văn Đồng', 'Đặng Thị Thẩm']) await expect(members).toContainText(name);
  await expect(page).toHaveURL(/tab=council/);
  await saveScreenshot(page, '60-order-council');

  const dossierId = await createDraftDossier(provider, orderId, 1);
  await submitViaApi(provider, dossierId);
  await stepViaApi(officer, dossierId, 'receive');
  await stepViaApi(leader, dossierId, 'assign_appraiser', { appraiserId: officer.userId });
  await page.goto(`/dossiers/${dossierId}`);
  await openSection(page, 'Hội đồng');
  await expect(page.getByTestId('council-from-order')).toBeVisible();
  await expect(page.getByTestId('council-members')).toContainText('Vũ Văn Đồng');
});
