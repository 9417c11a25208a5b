import { randomBytes, randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import type { DossierState } from '@nghiemthu/shared';
import type { SignedIn, TestApp } from './test-app.js';

/** A 1×1 PNG (a scan that is not a PDF). */
export function samplePng(): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), body])));
    return Buffer.concat([length, Buffer.from(type), body, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const pixel = zlib.deflateSync(Buffer.concat([Buffer.from([0]), randomBytes(3)]));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixel), chunk('IEND', Buffer.alloc(0))]);
}

/** A small valid PDF with unique content, so each upload is a new blob. */
export function samplePdf(text = randomUUID()): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text} ${randomBytes(8).toString('hex')}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

/**
 * Factories for orders and dossiers on the demo province: the ordering agency
 * is the Department of Science and Technology (officer, leader), the provider
 * its Digital Transformation Centre (provider). Each call makes fresh data.
 */
export function acceptanceFactories(t: TestApp) {
  const ids = new Map<string, string>();
  const sessions = new Map<string, { who: SignedIn; at: number }>();

  /**
   * A signed-in demo user, reused while the session is fresh: the factories
   * act as many people many times, and every sign-in is rate-limited and audited.
   */
  async function as(username: string): Promise<SignedIn> {
    const now = t.clock.now().getTime();
    const cached = sessions.get(username);
    if (cached && now - cached.at < 10 * 60_000 && now >= cached.at) {
      cached.at = now;
      return cached.who;
    }
    const who = await t.signIn(username);
    sessions.set(username, { who, at: now });
    return who;
  }

  async function serviceId(code: string): Promise<string> {
    if (!ids.has(code)) {
      const admin = await as('admin');
      const page = await t.app.inject({ method: 'GET', url: `/api/catalogue/services?q=${encodeURIComponent(code)}`, headers: admin.headers });
      const found = page.json().items.find((s: { code: string }) => s.code === code);
      if (!found) throw new Error(`no demo service ${code}`);
      ids.set(code, found.id);
    }
    return ids.get(code)!;
  }

  async function providerId(): Promise<string> {
    if (!ids.has('provider')) {
      const agency = await t.app.inject({ method: 'GET', url: '/api/agencies/by-code/000.01.11.H99', headers: (await as('admin')).headers });
      ids.set('provider', agency.json().current.id);
    }
    return ids.get('provider')!;
  }

  /** Operating LGSP (45,500,000/month in 2026) for 12 months and e-mail (18,500,000/month) for 12 months, accepted quarterly. */
  async function orderInput(overrides: Record<string, unknown> = {}) {
    const lgsp = await serviceId('DV-VH-LGSP');
    const mail = await serviceId('DV-VH-THU');
    return {
      title: 'Đặt hàng dịch vụ vận hành LGSP và thư điện tử công vụ năm 2026',
      method: 'ordering',
      legalRegime: 'decree_32_2019',
      providerAgencyId: await providerId(),
      budgetYear: 2026,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      periodKind: 'quarterly',
      basisDocuments: [{ number: '12/QĐ-SKHCN', date: '2026-01-05', signer: 'Trần Thị Lãnh Đạo', summary: 'Quyết định đặt hàng dịch vụ sự nghiệp công năm 2026' }],
      lines: [
        { serviceId: lgsp, quantity: '12' },
        { serviceId: mail, quantity: '12' },
      ],
      fundingSources: [{ source: 'state_budget', amount: 12 * 45_500_000 + 12 * 18_500_000 }],
      advancePercent: '30',
      advanceTerms: 'Tạm ứng 30 % giá trị sau khi ký.',
      paymentTerms: 'Thanh toán theo quý sau khi có biên bản nghiệm thu.',
      acceptanceMethod: 'Nghiệm thu theo quý trên cơ sở hồ sơ và hội đồng nghiệm thu.',
      ...overrides,
    };
  }

  const send = (who: SignedIn, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, language = 'vi') =>
    t.app.inject({ method, url, payload: payload as never, headers: { ...who.headers, 'accept-language': language } });

  /** A draft order by the demo officer, or signed by the demo leader. */
  async function createOrder(options: { signed?: boolean; overrides?: Record<string, unknown> } = {}) {
    const officer = await as('officer');
    const created = await send(officer, 'POST', '/api/orders', await orderInput(options.overrides));
    if (created.statusCode !== 201) throw new Error(`order not created: ${created.body}`);
    if (!options.signed) return created.json();
    const leader = await as('leader');
    const signed = await send(leader, 'POST', `/api/orders/${created.json().id}/sign`, {});
    if (signed.statusCode !== 200) throw new Error(`order not signed: ${signed.body}`);
    return signed.json();
  }

  /** The audit events of one entity, oldest first. */
  async function auditOf(entityId: string) {
    const page = await t.services.audit.list({ entityId, page: 1, pageSize: 200, sort: 'seq', order: 'asc' }, { kind: 'all' });
    return page.items;
  }

  async function upload(who: SignedIn, fileName: string, content: Buffer = samplePdf()) {
    const boundary = `----nghiemthu${randomUUID()}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await t.app.inject({ method: 'POST', url: '/api/files', payload, headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    if (response.statusCode !== 201) throw new Error(`upload failed: ${response.body}`);
    return response.json() as { id: string; sha256: string };
  }

  const ok = async (response: Promise<{ statusCode: number; body: string; json(): any }>, what: string) => {
    const result = await response;
    if (result.statusCode >= 300) throw new Error(`${what}: ${result.statusCode} ${result.body}`);
    return result.json();
  };
  const step = (who: SignedIn, id: string, action: string, body: object = {}) => ok(send(who, 'POST', `/api/dossiers/${id}/steps/${action}`, body), action);

  /** A provider's complete draft for a period: report, quantities, KPI actuals (one UPTIME miss), the three required documents. */
  async function preparedDossier(orderId: string, periodNo = 1, actuals: Record<string, string> = { UPTIME: '99.2', RESPONSE: '3' }) {
    const provider = await as('provider');
    const draft = await ok(send(provider, 'POST', '/api/dossiers', { orderId, periodNo }), 'create dossier');
    await ok(send(provider, 'PATCH', `/api/dossiers/${draft.id}`, {
      completionReport: 'Báo cáo kết quả vận hành quý: hệ thống hoạt động ổn định, xử lý 42 sự cố.',
      selfAssessment: 'Đơn vị tự đánh giá hoàn thành khối lượng; chỉ tiêu sẵn sàng của LGSP chưa đạt do sự cố mất điện ngày 12/02.',
      lines: draft.lines.map((l: { lineNo: number; plannedQuantity: string }) => ({ lineNo: l.lineNo, deliveredQuantity: l.plannedQuantity })),
      kpis: draft.kpis.map((k: { lineNo: number; code: string }) => ({ lineNo: k.lineNo, code: k.code, actual: k.lineNo === 1 ? (actuals[k.code] ?? '99.9') : (k.code === 'UPTIME' ? '99.9' : '2') })),
    }), 'fill dossier');
    for (const documentType of ['completion_report', 'self_assessment', 'kpi_evidence']) {
      const file = await upload(provider, `${documentType}.pdf`);
      await ok(send(provider, 'POST', `/api/dossiers/${draft.id}/files`, { fileId: file.id, documentType, lineNo: documentType === 'kpi_evidence' ? 1 : null, kpiCode: documentType === 'kpi_evidence' ? 'UPTIME' : null }), 'attach');
    }
    return draft.id as string;
  }

  /**
   * Walks a dossier through the workflow with the demo roles until it reaches
   * `target`: provider submits, officer receives, leader assigns the officer,
   * a council of council1 (chair), council2 and council3 with quorum 2, the
   * appraiser accepts every planned quantity, all vote, the chair closes, the
   * leader approves, the officer issues minutes and records the final payment.
   */
  async function dossierIn(target: DossierState, options: { orderId?: string; periodNo?: number } = {}) {
    const orderId = options.orderId ?? (await createOrder({ signed: true })).id;
    const id = await preparedDossier(orderId, options.periodNo ?? 1);
    if (target === 'draft') return id;
    const [provider, officer, leader] = [await as('provider'), await as('officer'), await as('leader')];
    let detail = await step(provider, id, 'submit');
    if (target === 'submitted') return id;
    detail = await step(officer, id, 'receive');
    if (target === 'received') return id;
    detail = await step(leader, id, 'assign_appraiser', { appraiserId: officer.me.user.id });
    const members = await Promise.all(['council1', 'council2', 'council3'].map((u) => t.signIn(u)));
    await ok(send(officer, 'PUT', `/api/dossiers/${id}/council`, {
      decisionNumber: '88/QĐ-SKHCN', decisionDate: '2026-01-10', quorum: 2,
      members: [{ userId: members[0]!.me.user.id, role: 'chair' }, { userId: members[1]!.me.user.id, role: 'member' }, { userId: members[2]!.me.user.id, role: 'secretary' }],
    }), 'council');
    if (target === 'in_appraisal') return id;
    await ok(send(officer, 'PUT', `/api/dossiers/${id}/appraisal`, {
      lines: detail.lines.map((l: { lineNo: number; plannedQuantity: string }) => ({ lineNo: l.lineNo, acceptedQuantity: l.plannedQuantity })),
      remarks: 'Khối lượng đạt; chỉ tiêu sẵn sàng LGSP không đạt, giảm trừ theo quy định.',
    }), 'appraisal');
    detail = await step(officer, id, 'complete_appraisal');
    if (target === 'in_council') return id;
    for (const member of members) {
      await ok(send(member, 'POST', `/api/dossiers/${id}/council/conflict`, { hasConflict: false }), 'declare');
      await ok(send(member, 'PUT', `/api/dossiers/${id}/council/votes`, { votes: detail.lines.map((l: { lineNo: number }) => ({ lineNo: l.lineNo, vote: 'agree', score: 90 })) }), 'vote');
    }
    await step(members[0]!, id, 'close_council_review', { summary: 'Hội đồng thống nhất đề nghị nghiệm thu, áp dụng giảm trừ chỉ tiêu sẵn sàng.' });
    if (target === 'awaiting_decision') return id;
    if (target === 'rejected') {
      await step(leader, id, 'reject', { reason: 'Hồ sơ minh chứng không phù hợp số liệu giám sát.' });
      return id;
    }
    await step(leader, id, 'approve', { conclusion: 'accepted', conclusionText: 'Đồng ý nghiệm thu khối lượng quý I/2026, giảm trừ theo chỉ tiêu sẵn sàng.' });
    if (target === 'approved') return id;
    await step(officer, id, 'issue_minutes', { place: 'An Bình' });
    if (target === 'minutes_issued') return id;
    const current = await ok(send(officer, 'GET', `/api/dossiers/${id}`), 'get');
    await step(officer, id, 'record_final_payment', { payment: { amount: current.acceptedValue, paidOn: current.minutes.issuedOn, treasuryReference: 'KBNN-AB-2026-0101' } });
    return id;
  }

  return { as, upload, step, ok, preparedDossier, dossierIn, auditOf, serviceId, providerId, orderInput, createOrder, send };
}
