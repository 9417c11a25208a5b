import { and, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { localDate, translate, type OrderExportQuery } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { agencies, orders } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import {
  EXPORT_MAX_ROWS, XLSX_MEDIA_TYPE, cappedIds, excelDate, excelDateTime, rowsInOrder, streamWorkbook, type ExportColumn,
} from '../../lib/xlsx-export.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { OrdersService } from './orders.service.js';

const ordering = alias(agencies, 'ordering');
const provider = alias(agencies, 'provider');

type ExportRow = {
  row: typeof orders.$inferSelect;
  from: typeof agencies.$inferSelect;
  to: typeof agencies.$inferSelect;
  sums: { accepted: number; paid: number };
};

const SORT_LABELS: Record<OrderExportQuery['sort'], string> = {
  updatedAt: 'ngày cập nhật', code: 'mã đơn', title: 'tên đơn', budgetYear: 'năm ngân sách', totalValue: 'giá trị đơn', status: 'trạng thái',
};
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The spreadsheet's columns, headed in Vietnamese: the file is passed around the agency as it is. */
const COLUMNS: ExportColumn<ExportRow>[] = [
  { header: 'Mã đơn', width: 20, kind: 'text', value: (o) => o.row.code },
  { header: 'Tên đơn đặt hàng', width: 55, kind: 'text', value: (o) => o.row.title },
  { header: 'Phương thức', width: 14, kind: 'text', value: (o) => capitalized(translate('vi', `orderingMethod_${o.row.method}`)) },
  { header: 'Cơ quan đặt hàng', width: 36, kind: 'text', value: (o) => o.from.name },
  { header: 'Đơn vị cung cấp', width: 36, kind: 'text', value: (o) => o.to.name },
  { header: 'Năm ngân sách', width: 10, kind: 'integer', value: (o) => o.row.budgetYear },
  { header: 'Ngày bắt đầu', width: 12, kind: 'date', value: (o) => excelDate(o.row.startDate) },
  { header: 'Ngày kết thúc', width: 12, kind: 'date', value: (o) => excelDate(o.row.endDate) },
  { header: 'Trạng thái', width: 16, kind: 'text', value: (o) => capitalized(translate('vi', `orderStatus_${o.row.status}`)) },
  { header: 'Phiên bản', width: 9, kind: 'integer', value: (o) => o.row.version },
  { header: 'Giá trị đơn (đồng)', width: 18, kind: 'money', value: (o) => o.row.totalValue },
  { header: 'Đã nghiệm thu (đồng)', width: 18, kind: 'money', value: (o) => o.sums.accepted },
  { header: 'Đã thanh toán (đồng)', width: 18, kind: 'money', value: (o) => o.sums.paid },
  { header: 'Cập nhật lúc', width: 17, kind: 'dateTime', value: (o) => excelDateTime(o.row.updatedAt) },
];

export type OrdersExportDeps = {
  db: Db;
  clock: Clock;
  audit: AuditService;
  orders: Pick<OrdersService, 'listWhere' | 'listOrder' | 'money'>;
};

/**
 * The order list as an .xlsx file: the same filters, reach and order as GET /api/orders, no pages,
 * at most EXPORT_MAX_ROWS rows, streamed; recorded in the audit log with its filters first.
 */
export function createOrdersExport(deps: OrdersExportDeps) {
  const { db, clock, audit } = deps;

  const joined = () => db.select({ row: orders, from: ordering, to: provider }).from(orders)
    .innerJoin(ordering, eq(ordering.id, orders.orderingAgencyId))
    .innerJoin(provider, eq(provider.id, orders.providerAgencyId));

  async function exportXlsx(actor: Actor, query: OrderExportQuery, source: AuditSource) {
    const { where } = await deps.orders.listWhere(actor, query);
    const { ids, isTruncated } = await cappedIds((limit) => db.select({ id: orders.id }).from(orders).where(where).orderBy(...deps.orders.listOrder(query)).limit(limit));
    await audit.record(db, source, { action: 'order.exported', entityType: 'order', after: { filters: query, rows: ids.length, isTruncated } });

    const now = clock.now();
    const [first] = ids.length > 0 ? await joined().where(eq(orders.id, ids[0]!)) : [];
    const load = async (chunk: string[]): Promise<ExportRow[]> => {
      const found = await joined().where(and(where, inArray(orders.id, chunk)));
      const sums = await deps.orders.money(found.map((f) => f.row.id));
      return found.map((f) => ({ ...f, sums: sums.get(f.row.id)! }));
    };
    return {
      fileName: `don-dat-hang-${localDate(now)}.xlsx`,
      mediaType: XLSX_MEDIA_TYPE,
      body: streamWorkbook({
        sheetName: 'Đơn đặt hàng',
        columns: COLUMNS,
        batches: rowsInOrder(ids, load, (o) => o.row.id),
        about: [
          ['Danh sách', 'Đơn đặt hàng'],
          ['Xuất lúc', excelDateTime(now)],
          ['Người xuất', `${actor.fullName} (${actor.username})`],
          ['Điều kiện lọc', describeFilters(query, first)],
          ['Sắp xếp', `Theo ${SORT_LABELS[query.sort]}, ${query.order === 'asc' ? 'tăng dần' : 'giảm dần'}`],
          ['Số đơn', ids.length],
          ...(isTruncated
            ? [['Lưu ý', `Danh sách có hơn ${EXPORT_MAX_ROWS.toLocaleString('vi-VN')} đơn; tệp chỉ gồm ${EXPORT_MAX_ROWS.toLocaleString('vi-VN')} đơn đầu theo thứ tự trên. Hãy lọc thêm để xuất phần còn lại.`] as [string, string]]
            : []),
        ],
      }),
    };
  }

  return { exportXlsx };
}

/** The filters in words; agencies are named from an exported row (ids mean nothing to a reader). */
function describeFilters(query: OrderExportQuery, first: Omit<ExportRow, 'sums'> | undefined): string {
  const parts = [
    query.q ? `Tìm "${query.q}"` : null,
    query.status ? `Trạng thái: ${capitalized(translate('vi', `orderStatus_${query.status}`))}` : null,
    query.method ? `Phương thức: ${capitalized(translate('vi', `orderingMethod_${query.method}`))}` : null,
    query.budgetYear ? `Năm ngân sách: ${query.budgetYear}` : null,
    query.providerAgencyId ? `Đơn vị cung cấp: ${first ? first.to.name : query.providerAgencyId}` : null,
    query.orderingAgencyId ? `Cơ quan đặt hàng: ${first ? first.from.name : query.orderingAgencyId}` : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join('; ') : 'Không lọc: mọi đơn trong phạm vi của người xuất';
}

export type OrdersExport = ReturnType<typeof createOrdersExport>;
