/**
 * What can be wrong with the records in a received package, beyond the bag
 * itself (bag-problems.ts): a closed list of codes, each worded in Vietnamese
 * and English, so the report reads the same in the UI, in the downloaded
 * JSON and in tests.
 */
import type { ArchivalProblem } from '@nghiemthu/shared';

export type RecordProblemCode =
  | 'NO_RECORDS'
  | 'RECORD_METADATA_MISSING'
  | 'DUPLICATE_RECORD'
  | 'PAYLOAD_WITHOUT_RECORD'
  | 'METADATA_UNREADABLE'
  | 'METADATA_INVALID'
  | 'METADATA_NAME_MISMATCH'
  | 'DOCUMENT_PATH_MISMATCH'
  | 'FILE_MISSING'
  | 'FILE_CHANGED'
  | 'FILE_NOT_DESCRIBED'
  | 'SEAL_MISMATCH'
  | 'SEAL_NOT_IN_AUDIT'
  | 'AUDIT_EVENT_ALTERED'
  | 'AUDIT_ORDER_BROKEN'
  | 'AUDIT_LINK_BROKEN'
  | 'HELD_HERE_DIFFERENT'
  | 'AGENCY_UNKNOWN_HERE';

type Wording = { severity: ArchivalProblem['severity']; vi: (p: string, d: string) => string; en: (p: string, d: string) => string };

const WORDING: Record<RecordProblemCode, Wording> = {
  NO_RECORDS: {
    severity: 'error',
    vi: () => 'Gói không có tệp siêu dữ liệu hồ sơ nào (metadata/records/*.json): không phải gói chuyển giao hồ sơ của NghiemThu',
    en: () => 'The package has no record metadata file (metadata/records/*.json): it is not a NghiemThu records package',
  },
  RECORD_METADATA_MISSING: {
    severity: 'error',
    vi: (_p, d) => `bag-info.txt kê hồ sơ ${d} nhưng gói không có tệp siêu dữ liệu của hồ sơ này`,
    en: (_p, d) => `bag-info.txt lists record ${d} but the package has no metadata file for it`,
  },
  DUPLICATE_RECORD: {
    severity: 'error',
    vi: (p, d) => `"${p}" mô tả lại hồ sơ ${d} đã có trong một tệp siêu dữ liệu khác`,
    en: (p, d) => `"${p}" describes record ${d} again, already described by another metadata file`,
  },
  PAYLOAD_WITHOUT_RECORD: {
    severity: 'error',
    vi: (p) => `Tệp "${p}" không thuộc hồ sơ nào có trong gói`,
    en: (p) => `File "${p}" belongs to no record in the package`,
  },
  METADATA_UNREADABLE: {
    severity: 'error',
    vi: (p, d) => `Tệp siêu dữ liệu "${p}" không phải JSON hợp lệ: ${d}`,
    en: (p, d) => `Metadata file "${p}" is not valid JSON: ${d}`,
  },
  METADATA_INVALID: {
    severity: 'error',
    vi: (p, d) => `Tệp siêu dữ liệu "${p}" không đúng khuôn dạng: ${d}`,
    en: (p, d) => `Metadata file "${p}" does not have the expected layout: ${d}`,
  },
  METADATA_NAME_MISMATCH: {
    severity: 'error',
    vi: (p, d) => `Tệp "${p}" mô tả hồ sơ ${d}: tên tệp phải là mã hồ sơ`,
    en: (p, d) => `File "${p}" describes record ${d}: the file must be named after the record code`,
  },
  DOCUMENT_PATH_MISMATCH: {
    severity: 'error',
    vi: (p, d) => `Văn bản ${d} ghi đường dẫn "${p}", không đúng data/<mã hồ sơ>/<tên tệp>`,
    en: (p, d) => `Document ${d} gives the path "${p}", not data/<record code>/<file name>`,
  },
  FILE_MISSING: {
    severity: 'error',
    vi: (p) => `Thiếu tệp "${p}" của hồ sơ trong gói`,
    en: (p) => `The record's file "${p}" is missing from the package`,
  },
  FILE_CHANGED: {
    severity: 'error',
    vi: (p, d) => `Tệp "${p}" khác với mã băm và kích thước ghi trong siêu dữ liệu (${d}): tệp đã bị thay đổi`,
    en: (p, d) => `File "${p}" differs from the checksum and size in the metadata (${d}): the file was changed`,
  },
  FILE_NOT_DESCRIBED: {
    severity: 'error',
    vi: (p) => `Tệp "${p}" nằm trong thư mục của hồ sơ nhưng không có trong siêu dữ liệu`,
    en: (p) => `File "${p}" is in the record's folder but not in its metadata`,
  },
  SEAL_MISMATCH: {
    severity: 'error',
    vi: (p, d) => `Mã niêm phong tính lại từ siêu dữ liệu và các tệp (${d}) khác mã niêm phong ghi trong "${p}": hồ sơ đã bị thay đổi sau khi đóng`,
    en: (p, d) => `The seal recomputed from the metadata and files (${d}) differs from the seal recorded in "${p}": the record was changed after closing`,
  },
  SEAL_NOT_IN_AUDIT: {
    severity: 'error',
    vi: () => 'Nhật ký kèm theo không có sự kiện đóng hồ sơ (record.closed) ghi đúng mã niêm phong này',
    en: () => 'The audit events carry no record.closed event with this seal',
  },
  AUDIT_EVENT_ALTERED: {
    severity: 'error',
    vi: (_p, d) => `Sự kiện nhật ký số ${d} đã bị sửa: mã băm không khớp nội dung`,
    en: (_p, d) => `Audit event ${d} was altered: its hash does not match its content`,
  },
  AUDIT_ORDER_BROKEN: {
    severity: 'error',
    vi: (_p, d) => `Sự kiện nhật ký số ${d} sai thứ tự: số thứ tự và thời gian phải tăng dần`,
    en: (_p, d) => `Audit event ${d} is out of order: sequence numbers and times must increase`,
  },
  AUDIT_LINK_BROKEN: {
    severity: 'error',
    vi: (_p, d) => `Sự kiện nhật ký số ${d} không nối với sự kiện liền trước (prevHash khác mã băm của sự kiện trước)`,
    en: (_p, d) => `Audit event ${d} does not link to the event before it (prevHash differs from that event's hash)`,
  },
  HELD_HERE_DIFFERENT: {
    severity: 'warning',
    vi: (_p, d) => `Hệ thống này đang giữ hồ sơ ${d} với nội dung khác (khác định danh hoặc mã niêm phong): không phải cùng một hồ sơ`,
    en: (_p, d) => `This installation holds a record ${d} with other content (another identifier or seal): not the same record`,
  },
  AGENCY_UNKNOWN_HERE: {
    severity: 'warning',
    vi: (_p, d) => `Mã định danh cơ quan ${d} không có trong danh mục cơ quan của hệ thống này`,
    en: (_p, d) => `Agency code ${d} is not in this installation's agency registry`,
  },
};

export function recordProblem(code: RecordProblemCode, path?: string, detail = ''): ArchivalProblem {
  const wording = WORDING[code];
  const p = path ?? '';
  return {
    code,
    severity: wording.severity,
    ...(path === undefined ? {} : { path }),
    message_vi: wording.vi(p, detail),
    message_en: wording.en(p, detail),
  };
}
