import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_SHEETS, type CatalogueSheet } from '@nghiemthu/shared';
import { auditEvents, catalogueServices, serviceInformationSystems, serviceKpis, servicePrices } from '../../db/schema.js';
import { fingerprint } from '../../testing/fingerprint.js';
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js';
import { catalogueHelpers } from './catalogue-test-helpers.js';

type Row = Record<string, string | number>;
type Sheets = Record<CatalogueSheet, Row[]>;

let t: TestApp;
let admin: SignedIn;
let h: ReturnType<typeof catalogueHelpers>;
beforeAll(async () => {
  t = await buildTestApp({ worker: true });
  admin = await t.signIn('admin');
  h = catalogueHelpers(t);
  // A small catalogue of our own, whatever the demo holds.
  const owner = (await h.inject(admin, 'GET', '/api/agencies/by-code/000.00.11.H99')).json().current.id;
  const system = (await h.inject(admin, 'POST', '/api/information-systems', { code: 'HT-XFER', name: 'Hệ thống xuất nhập', ownerAgencyId: owner, securityLevel: 3 })).json();
  const service = await h.createService(admin, { code: 'DV-XFER', name: 'Vận hành hệ thống xuất nhập', orderingMethods: ['ordering', 'tendering'] });
  await h.inject(admin, 'POST', `/api/catalogue/services/${service.id}/prices`, h.price());
  await h.inject(admin, 'POST', `/api/catalogue/services/${service.id}/kpis`, h.kpi());
  await h.inject(admin, 'POST', `/api/catalogue/services/${service.id}/systems`, { informationSystemId: system.id });
});
afterAll(() => t.close());

const exportFile = (who: SignedIn) => t.app.inject({ method: 'GET', url: '/api/catalogue/export', headers: who.headers });

async function readWorkbook(bytes: Buffer): Promise<Sheets> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const result = {} as Sheets;
  for (const name of Object.keys(CATALOGUE_SHEETS) as CatalogueSheet[]) {
    const [header = [], ...rows] = workbook.getWorksheet(name)!.getSheetValues().slice(1).map((values) => (values as ExcelJS.CellValue[]).slice(1));
    result[name] = rows.map((values) => Object.fromEntries(header.map((key, i) => [String(key), values[i] == null ? '' : (values[i] as string | number)])));
  }
  return result;
}

async function workbookFile(sheets: Partial<Sheets>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of Object.keys(CATALOGUE_SHEETS) as CatalogueSheet[]) {
    const columns = CATALOGUE_SHEETS[name];
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([...columns]);
    for (const row of sheets[name] ?? []) sheet.addRow(columns.map((column) => (row[column] === undefined || row[column] === '' ? null : row[column])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function postImport(who: SignedIn, fileName: string, content: Buffer, language = 'vi') {
  const boundary = `----nghiemthu${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST', url: '/api/catalogue/import', payload,
    headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': language },
  });
}

async function importAndWait(content: Buffer, language = 'vi') {
  const response = await postImport(admin, 'danh-muc-dich-vu.xlsx', content, language);
  expect(response.statusCode, response.body).toBe(202);
  expect(response.json().kind).toBe('catalogue.import');
  return t.waitForTask(response.json().id, admin);
}

/** Every catalogue table, all columns, in a fixed order: what a refused import must leave alone. */
async function catalogueSnapshot() {
  return JSON.stringify(await Promise.all([
    t.db.select().from(catalogueServices).orderBy(asc(catalogueServices.code)),
    t.db.select().from(servicePrices).orderBy(asc(servicePrices.id)),
    t.db.select().from(serviceKpis).orderBy(asc(serviceKpis.id)),
    t.db.select().from(serviceInformationSystems).orderBy(asc(serviceInformationSystems.serviceId), asc(serviceInformationSystems.informationSystemId)),
  ]));
}

describe('catalogue export', () => {
  it('gives any signed-in user one workbook with the four sheets, and records the export', async () => {
    const response = await exportFile(await t.signIn('inspector'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="danh-muc-dich-vu-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const sheets = await readWorkbook(response.rawPayload);
    expect(sheets.services.find((row) => row.code === 'DV-XFER')).toEqual({
      code: 'DV-XFER', name: 'Vận hành hệ thống xuất nhập', unit: 'hệ thống/tháng', orderingMethods: 'ordering, tendering',
      normReference: 'Quyết định số 12/2025/QĐ-UBND (minh họa)', status: 'active',
    });
    expect(sheets.prices.find((row) => row.serviceCode === 'DV-XFER')).toMatchObject({ unitPrice: 15_000_000, validFrom: '2025-01-01', validTo: '' });
    expect(JSON.parse(String(sheets.kpis.find((row) => row.serviceCode === 'DV-XFER')!.deductionRule))).toEqual({ kind: 'per_unit', percentPerUnit: '2', maxPercent: '10' });
    expect(sheets['systems-links']).toContainEqual({ serviceCode: 'DV-XFER', systemCode: 'HT-XFER' });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'catalogue.exported'));
    expect(event).toMatchObject({ actorUsername: 'inspector' });
    expect((await t.app.inject({ method: 'GET', url: '/api/catalogue/export' })).statusCode).toBe(401);
  });
});

describe('catalogue import', () => {
  it('round-trips: importing the export changes nothing and counts everything unchanged', async () => {
    const exported = (await exportFile(admin)).rawPayload;
    const sheets = await readWorkbook(exported);
    const before = await catalogueSnapshot();
    const task = await importAndWait(exported);
    expect(task.error).toBeNull();
    expect(task.result).toEqual({
      services: { created: 0, updated: 0, retired: 0, unchanged: sheets.services.length },
      prices: { added: 0, closed: 0, unchanged: sheets.prices.length },
      kpis: { created: 0, updated: 0, unchanged: sheets.kpis.length },
      links: { added: 0, unchanged: sheets['systems-links'].length },
    });
    expect(await catalogueSnapshot()).toBe(before);
  });

  it('creates services, adds a price change, updates a KPI and links a system, audited as the importing user', async () => {
    const sheets = await readWorkbook((await exportFile(admin)).rawPayload);
    sheets.services.push({ code: 'DV-SOHOA-MOI', name: 'Số hóa hồ sơ, tài liệu', unit: 'trang A4', orderingMethods: 'ordering; tendering', status: 'active' });
    sheets.prices.push(
      { serviceCode: 'DV-SOHOA-MOI', unitPrice: '1.200', validFrom: '01/01/2025', decisionNumber: '12/2025/QĐ-UBND', decisionDate: '2024-12-20', decisionIssuer: 'Ủy ban nhân dân tỉnh' },
      { serviceCode: 'DV-XFER', unitPrice: 16_000_000, validFrom: '2026-01-01', decisionNumber: '45/2025/QĐ-UBND', decisionDate: '2025-12-15', decisionIssuer: 'Ủy ban nhân dân tỉnh' },
    );
    Object.assign(sheets.kpis.find((row) => row.serviceCode === 'DV-XFER')!, { target: '99.0' });
    sheets.kpis.push({
      serviceCode: 'DV-SOHOA-MOI', code: 'ERRORS', name: 'Tỷ lệ trang lỗi', unit: '%', target: '1', direction: 'at_most', measurement: 'Kiểm tra mẫu 5 %',
      deductionRule: '{"kind":"tiers","tiers":[{"threshold":"2","percent":"5"}]}',
    });
    sheets['systems-links'].push({ serviceCode: 'DV-SOHOA-MOI', systemCode: 'HT-XFER' });
    const task = await importAndWait(await workbookFile(sheets));
    expect(task.error).toBeNull();
    expect(task.result).toMatchObject({
      services: { created: 1, updated: 0 }, prices: { added: 2, closed: 0 }, kpis: { created: 1, updated: 1 }, links: { added: 1 },
    });
    expect(task.progressDone).toBe(task.progressTotal);

    const xfer = (await t.db.select().from(catalogueServices).where(eq(catalogueServices.code, 'DV-XFER')))[0]!;
    expect(await t.services.catalogue.priceOn(xfer.id, '2025-12-31')).toMatchObject({ unitPrice: 15_000_000, validTo: '2025-12-31' });
    expect(await t.services.catalogue.priceOn(xfer.id, '2026-02-01')).toMatchObject({ unitPrice: 16_000_000 });
    const created = (await t.db.select().from(catalogueServices).where(eq(catalogueServices.code, 'DV-SOHOA-MOI')))[0]!;
    expect(created.orderingMethods).toEqual(['ordering', 'tendering']);
    expect(await t.services.catalogue.priceOn(created.id, '2025-06-01')).toMatchObject({ unitPrice: 1_200 });

    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(events.map((e) => `${e.action} by ${e.actorUsername}`)).toEqual([
      'catalogue_service.created by admin', 'catalogue_price.added by admin', 'catalogue_kpi.added by admin', 'catalogue_link.added by admin',
    ]);
    const [imported] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, task.id)).orderBy(asc(auditEvents.seq)).offset(1);
    expect(imported).toMatchObject({ action: 'catalogue.imported', actorUsername: 'admin' });
  });

  it('refuses a file with bad rows on several sheets, naming each by sheet, row and column, and changes nothing', async () => {
    const sheets = await readWorkbook((await exportFile(admin)).rawPayload);
    sheets.services.push(
      { code: 'DV BAD', name: 'Mã có dấu cách', unit: 'lần', orderingMethods: 'ordering' },
      { code: 'DV-OK-2', name: 'Phương thức lạ', unit: 'lần', orderingMethods: 'ordering, bidding' },
    );
    sheets.prices.push(
      { serviceCode: 'DV-XFER', unitPrice: '15.000.000,5', validFrom: '2027-01-01', decisionNumber: 'x', decisionDate: '2026-12-01', decisionIssuer: 'UBND' },
      { serviceCode: 'DV-XFER', unitPrice: 1, validFrom: '2025-06-01', validTo: '2025-06-30', decisionNumber: '99/QĐ', decisionDate: '2025-05-01', decisionIssuer: 'UBND' },
      { serviceCode: 'DV-KHONG-CO', unitPrice: 1, validFrom: '2025-01-01', decisionNumber: 'x', decisionDate: '31/02/2025', decisionIssuer: 'UBND' },
    );
    sheets.kpis.push({ serviceCode: 'DV-XFER', code: 'K-BAD', name: 'Chỉ tiêu', unit: '%', target: '99,5', direction: 'above', measurement: 'x', deductionRule: '{"kind":"flat"}' });
    sheets['systems-links'].push({ serviceCode: 'DV-XFER', systemCode: 'HT-KHONG-CO' });
    const before = await catalogueSnapshot();
    const fingerprintBefore = await fingerprint(t.db);
    const task = await importAndWait(await workbookFile(sheets));
    expect(task.status).toBe('failed');
    const servicesRow = sheets.services.length; // header is row 1: the last pushed row is row length + 1
    const pricesRow = sheets.prices.length + 1;
    const kpisRow = sheets.kpis.length + 1;
    const linksRow = sheets['systems-links'].length + 1;
    expect(task.error).toEqual({
      message: 'Tệp có 10 lỗi; chưa có dòng nào được nhập. Sửa các dòng được nêu rồi nhập lại.',
      details: [
        { path: `trang services, dòng ${servicesRow}, cột code`, message: 'Mã hệ thống chỉ gồm chữ, chữ số và các dấu . _ - (ví dụ LGSP hoặc HT-QLVB), không dấu cách.' },
        { path: `trang services, dòng ${servicesRow + 1}, cột orderingMethods`, message: 'Giá trị "bidding" không hợp lệ; dùng một trong: assignment, ordering, tendering.' },
        { path: `trang prices, dòng ${pricesRow - 2}, cột unitPrice`, message: 'Số tiền "15.000.000,5" không hợp lệ; nhập số nguyên đồng, không âm, không có phần thập phân.' },
        { path: `trang prices, dòng ${pricesRow - 1}, cột validFrom`, message: expect.stringContaining('Thời kỳ áp dụng trùng với đơn giá theo 12/2025/QĐ-UBND (01/01/2025') },
        { path: `trang prices, dòng ${pricesRow}, cột serviceCode`, message: 'Không tìm thấy dịch vụ mã DV-KHONG-CO trong trang services hoặc trong danh mục.' },
        { path: `trang prices, dòng ${pricesRow}, cột decisionDate`, message: 'Ngày "31/02/2025" không hợp lệ; dùng dạng yyyy-MM-dd hoặc dd/MM/yyyy.' },
        { path: `trang kpis, dòng ${kpisRow}, cột target`, message: 'Số "99,5" không hợp lệ; dùng dấu chấm thập phân, tối đa 4 chữ số sau dấu chấm.' },
        { path: `trang kpis, dòng ${kpisRow}, cột direction`, message: 'Giá trị "above" không hợp lệ; dùng một trong: at_least, at_most.' },
        { path: `trang kpis, dòng ${kpisRow}, cột deductionRule`, message: expect.stringMatching(/^Quy tắc giảm trừ không hợp lệ: /) },
        { path: `trang systems-links, dòng ${linksRow}, cột systemCode`, message: 'Không tìm thấy hệ thống thông tin mã HT-KHONG-CO.' },
      ],
    });
    expect(await catalogueSnapshot()).toBe(before);
    // Only the task's own bookkeeping (its row, the upload and its audit events) differs.
    const after = await fingerprint(t.db);
    expect({ ...after, audit_events: '', audit_head: '', files: '', tasks: '' }).toEqual({ ...fingerprintBefore, audit_events: '', audit_head: '', files: '', tasks: '' });
  });

  it('words the row errors in English when asked, and refuses editing an issued price', async () => {
    const sheets = await readWorkbook((await exportFile(admin)).rawPayload);
    const row = sheets.prices.findIndex((price) => price.serviceCode === 'DV-XFER' && price.validFrom === '2025-01-01');
    sheets.prices[row]!.unitPrice = 14_000_000;
    const task = await importAndWait(await workbookFile(sheets), 'en');
    expect(task.error.details).toEqual([
      { path: `sheet prices, row ${row + 2}, column unitPrice`, message: 'The price from 01/01/2025 was issued with different content; an import may only add an end date to the current price, never edit an issued price.' },
    ]);
  });

  it('names a missing sheet, refuses other file types, and lets only system administrators import', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('services').addRow([...CATALOGUE_SHEETS.services]);
    const task = await importAndWait(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(task.error).toEqual({ message: 'Tệp thiếu trang "prices". Hãy dùng tệp mẫu xuất từ hệ thống.' });
    expect((await postImport(admin, 'danh-muc.csv', Buffer.from('code\n'))).statusCode).toBe(415);
    for (const username of ['agencyadmin', 'officer', 'inspector']) {
      expect((await postImport(await t.signIn(username), 'danh-muc.xlsx', await workbookFile({}))).statusCode, username).toBe(403);
    }
  });
});
