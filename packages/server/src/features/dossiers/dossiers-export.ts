import { and, eq, inArray } from 'drizzle-orm';
import { localDate, translate, type DeadlineStatus, type DossierExportQuery, type DossierState } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { dossiers, orders } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import {
  EXPORT_MAX_ROWS, XLSX_MEDIA_TYPE, cappedIds, excelDate, excelDateTime, rowsInOrder, streamWorkbook, type ExportColumn,
} from '../../lib/xlsx-export.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { DossierDeadlines } from './dossier-deadlines.js';
import type { DossiersService } from './dossiers.service.js';

type Joined = Awaited<ReturnType<ReturnType<DossiersService['baseQuery']>['where']>>[number];
type ExportRow = Joined & { deadline: DeadlineStatus };

const DEADLINE_LABELS: Record<DeadlineStatus, string> = { none: '', on_time: 'Trong hạn', due_soon: 'Sắp đến hạn', overdue: 'Quá hạn' };
const SORT_LABELS: Record<DossierExportQuery['sort'], string> = {
  stepDueDate: 'hạn xử lý', updatedAt: 'ngày cập nhật', code: 'mã hồ sơ', submittedAt: 'ngày nộp', plannedValue: 'giá trị kế hoạch', state: 'trạng thái',
};

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const dossierStateLabel = (state: DossierState) => capitalized(translate('vi', `dossierState_${state}`));

/** The spreadsheet's columns, headed in Vietnamese: the file is passed around the agency as it is. */
const COLUMNS: ExportColumn<ExportRow>[] = [
  { header: 'Mã hồ sơ', width: 22, kind: 'text', value: (j) => j.row.code },
  { header: 'Mã đơn đặt hàng', width: 20, kind: 'text', value: (j) => j.order.code },
  { header: 'Tên đơn đặt hàng', width: 50, kind: 'text', value: (j) => j.order.title },
  { header: 'Kỳ nghiệm thu', width: 16, kind: 'text', value: (j) => j.row.periodLabel },
  { header: 'Từ ngày', width: 12, kind: 'date', value: (j) => excelDate(j.row.periodStart) },
  { header: 'Đến ngày', width: 12, kind: 'date', value: (j) => excelDate(j.row.periodEnd) },
  { header: 'Cơ quan đặt hàng', width: 36, kind: 'text', value: (j) => j.from.name },
  { header: 'Đơn vị cung cấp', width: 36, kind: 'text', value: (j) => j.to.name },
  { header: 'Trạng thái', width: 26, kind: 'text', value: (j) => dossierStateLabel(j.row.state) },
  { header: 'Ngày nộp', width: 12, kind: 'date', value: (j) => (j.row.submittedAt ? excelDate(localDate(j.row.submittedAt)) : null) },
  { header: 'Hạn xử lý', width: 12, kind: 'date', value: (j) => excelDate(j.row.stepDueDate) },
  { header: 'Thời hạn', width: 14, kind: 'text', value: (j) => DEADLINE_LABELS[j.deadline] || null },
  { header: 'Đã gia hạn', width: 11, kind: 'text', value: (j) => (j.row.stepExtended ? 'Có' : null) },
  { header: 'Người thẩm định', width: 24, kind: 'text', value: (j) => j.appraiser?.fullName ?? null },
  { header: 'Giá trị kế hoạch (đồng)', width: 18, kind: 'money', value: (j) => j.row.plannedValue },
  { header: 'Giảm trừ (đồng)', width: 16, kind: 'money', value: (j) => j.row.deductionTotal },
  { header: 'Giá trị nghiệm thu (đồng)', width: 18, kind: 'money', value: (j) => j.row.acceptedValue },
  { header: 'Đã thanh toán (đồng)', width: 18, kind: 'money', value: (j) => j.row.paidTotal },
  { header: 'Cập nhật lúc', width: 17, kind: 'dateTime', value: (j) => excelDateTime(j.row.updatedAt) },
];

export type DossiersExportDeps = {
  db: Db;
  clock: Clock;
  audit: AuditService;
  deadlines: DossierDeadlines;
  dossiers: Pick<DossiersService, 'listWhere' | 'listOrder' | 'baseQuery'>;
};

/**
 * The dossier list as an .xlsx file: the same filters, reach and order as GET /api/dossiers, no
 * pages, at most EXPORT_MAX_ROWS rows, streamed. The export is recorded in the audit log with its
 * filters before the file is written.
 */
export function createDossiersExport(deps: DossiersExportDeps) {
  const { db, clock, audit, deadlines } = deps;

  async function exportXlsx(actor: Actor, query: DossierExportQuery, source: AuditSource) {
    const where = await deps.dossiers.listWhere(actor, query);
    const { ids, isTruncated } = await cappedIds((limit) =>
      db.select({ id: dossiers.id }).from(dossiers).innerJoin(orders, eq(orders.id, dossiers.orderId))
        .where(where).orderBy(...deps.dossiers.listOrder(query)).limit(limit));
    await audit.record(db, source, { action: 'dossier.exported', entityType: 'dossier', after: { filters: query, rows: ids.length, isTruncated } });

    const now = clock.now();
    const today = localDate(now);
    const cal = await deadlines.calendarAround(now);
    const [first] = ids.length > 0 ? await deps.dossiers.baseQuery().where(eq(dossiers.id, ids[0]!)) : [];
    const batches = (async function* () {
      for await (const batch of rowsInOrder(ids, (chunk) => deps.dossiers.baseQuery().where(and(where, inArray(dossiers.id, chunk))), (j) => j.row.id)) {
        yield batch.map((j) => ({ ...j, deadline: deadlines.status(j.row.state, j.row.stepDueDate, today, cal) }));
      }
    })();
    return {
      fileName: `ho-so-nghiem-thu-${today}.xlsx`,
      mediaType: XLSX_MEDIA_TYPE,
      body: streamWorkbook({
        sheetName: 'Hồ sơ nghiệm thu',
        columns: COLUMNS,
        batches,
        about: [
          ['Danh sách', 'Hồ sơ nghiệm thu'],
          ['Xuất lúc', excelDateTime(now)],
          ['Người xuất', `${actor.fullName} (${actor.username})`],
          ['Điều kiện lọc', describeFilters(query, first)],
          ['Sắp xếp', `Theo ${SORT_LABELS[query.sort]}, ${query.order === 'asc' ? 'tăng dần' : 'giảm dần'}`],
          ['Số hồ sơ', ids.length],
          ...(isTruncated
            ? [['Lưu ý', `Danh sách có hơn ${EXPORT_MAX_ROWS.toLocaleString('vi-VN')} hồ sơ; tệp chỉ gồm ${EXPORT_MAX_ROWS.toLocaleString('vi-VN')} hồ sơ đầu theo thứ tự trên. Hãy lọc thêm để xuất phần còn lại.`] as [string, string]]
            : []),
        ],
      }),
    };
  }

  return { exportXlsx };
}

/** The filters in words; the order and provider are named from an exported row (ids mean nothing to a reader). */
function describeFilters(query: DossierExportQuery, first: Joined | undefined): string {
  const parts = [
    query.q ? `Tìm "${query.q}"` : null,
    query.state ? `Trạng thái: ${dossierStateLabel(query.state)}` : null,
    query.deadline ? `Thời hạn: ${DEADLINE_LABELS[query.deadline]}` : null,
    query.orderId ? `Đơn đặt hàng: ${first ? `${first.order.code} – ${first.order.title}` : query.orderId}` : null,
    query.providerAgencyId ? `Đơn vị cung cấp: ${first ? first.to.name : query.providerAgencyId}` : null,
    query.orderingAgencyId ? `Cơ quan đặt hàng: ${first ? first.from.name : query.orderingAgencyId}` : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join('; ') : 'Không lọc: mọi hồ sơ trong phạm vi của người xuất';
}

export type DossiersExport = ReturnType<typeof createDossiersExport>;
