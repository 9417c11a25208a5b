import { createDraftDossier, createSignedOrder, openAs, openSection, prepareAndSubmit, signInApis, state, takeStep, throughCouncil } from '../support/dossiers';
import { expect, saveScreenshot, signIn, test, uniqueSuffix } from '../support/test';

/**
 * Journey: the same path as acceptance-cycle.spec.ts (without the supplement round) up to the
 * leader, who does not approve: the dossier is "Không nghiệm thu", nothing is accepted, and the
 * provider reads the leader's reason in the timeline.
 */
test('a leader rejects a dossier with a reason, and the provider reads it', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(300_000);
  const { officer, leader, provider, council1, council2, council3 } = await signInApis(playwright, baseURL!, ['officer', 'leader', 'provider', 'council1', 'council2', 'council3']);
  const orderId = await createSignedOrder(officer, leader, `Vận hành LGSP và thư điện tử công vụ năm 2026 (không nghiệm thu ${uniqueSuffix()})`);
  const dossierId = await createDraftDossier(provider, orderId, 1);

  await signIn(page, 'provider');
  await page.goto(`/dossiers/${dossierId}`);
  const code = await prepareAndSubmit(page);

  const officerPage = await openAs(browser, 'officer', dossierId);
  const leaderPage = await throughCouncil(browser, dossierId, officerPage, { officer, council1, council2, council3 });
  const reason = 'Số liệu giám sát tỷ lệ sẵn sàng không khớp nhật ký hệ thống; đề nghị đơn vị lập lại hồ sơ.';
  await takeStep(leaderPage, 'Không phê duyệt', `Không phê duyệt hồ sơ ${code}`, async (dialog) => {
    await dialog.getByRole('textbox', { name: 'Lý do không nghiệm thu' }).fill(reason);
  });
  await expect(state(leaderPage)).toHaveText('Không nghiệm thu');
  await expect(leaderPage.getByTestId('dossier-actions')).toHaveCount(0);

  // The provider sees the outcome, that nothing is accepted, and why, in the timeline.
  await page.reload();
  await expect(state(page)).toHaveText('Không nghiệm thu');
  await expect(page.getByTestId('dossier-decision')).toContainText(reason);
  await expect(page.getByTestId('money-accepted')).toContainText('Không nghiệm thu');
  await openSection(page, 'Tiến trình');
  const rejection = page.getByTestId('dossier-timeline').getByTestId('timeline-reject');
  await expect(rejection).toContainText('Không phê duyệt');
  await expect(rejection).toContainText('Phạm Minh Lãnh');
  await expect(rejection.getByTestId('timeline-reason')).toHaveText(reason);
  await saveScreenshot(page, '51-dossier-rejected-timeline');
});
