/**
 * What can be wrong with a received bag, as a closed list of codes with a
 * message in Vietnamese and English, so the UI and the CLI show the same words
 * and tests can assert on codes.
 */

export type BagProblemCode =
  | 'ARCHIVE_UNREADABLE'
  | 'NOT_SINGLE_DIRECTORY'
  | 'UNSAFE_PATH'
  | 'UNSUPPORTED_ENTRY'
  | 'DUPLICATE_ENTRY'
  | 'TAG_FILE_TOO_LARGE'
  | 'BAGIT_TXT_MISSING'
  | 'BAGIT_TXT_INVALID'
  | 'MANIFEST_MISSING'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_NOT_VERIFIED'
  | 'FILE_MISSING'
  | 'FILE_NOT_IN_MANIFEST'
  | 'CHECKSUM_MISMATCH'
  | 'BAG_INFO_MISSING'
  | 'BAG_INFO_INVALID'
  | 'OXUM_MISMATCH'
  | 'TAGMANIFEST_MISSING'
  | 'TAGMANIFEST_INVALID'
  | 'TAG_FILE_MISSING'
  | 'TAG_CHECKSUM_MISMATCH'
  | 'TAG_FILE_NOT_IN_TAGMANIFEST'
  | 'FETCH_IGNORED';

/** Errors make the bag invalid; warnings are worth showing but RFC 8493 allows them. */
export type BagProblemSeverity = 'error' | 'warning';

export type BagProblem = {
  code: BagProblemCode;
  severity: BagProblemSeverity;
  /** Relative to the bag's top-level folder ("data/x.pdf", "bag-info.txt"), when the problem concerns one file. */
  path?: string;
  message_vi: string;
  message_en: string;
};

type Wording = { severity: BagProblemSeverity; vi: (p: string, d: string) => string; en: (p: string, d: string) => string };

const WORDING: Record<BagProblemCode, Wording> = {
  ARCHIVE_UNREADABLE: {
    severity: 'error',
    vi: (_p, d) => `Không đọc được tệp tar (hỏng hoặc bị cắt cụt): ${d}`,
    en: (_p, d) => `The tar archive cannot be read (corrupt or truncated): ${d}`,
  },
  NOT_SINGLE_DIRECTORY: {
    severity: 'error',
    vi: (p) => `"${p}" nằm ngoài thư mục gốc duy nhất của gói`,
    en: (p) => `"${p}" is outside the bag's single top-level folder`,
  },
  UNSAFE_PATH: {
    severity: 'error',
    vi: (p, d) => `Đường dẫn không an toàn "${p}" (${d}); tệp bị bỏ qua`,
    en: (p, d) => `Unsafe path "${p}" (${d}); the entry was skipped`,
  },
  UNSUPPORTED_ENTRY: {
    severity: 'error',
    vi: (p, d) => `"${p}" không phải tệp thông thường (${d}); bị bỏ qua`,
    en: (p, d) => `"${p}" is not a regular file (${d}); it was skipped`,
  },
  DUPLICATE_ENTRY: {
    severity: 'error',
    vi: (p) => `"${p}" xuất hiện nhiều lần trong tệp tar`,
    en: (p) => `"${p}" occurs more than once in the tar archive`,
  },
  TAG_FILE_TOO_LARGE: {
    severity: 'error',
    vi: (p, d) => `Tệp thẻ "${p}" lớn hơn giới hạn ${d} byte`,
    en: (p, d) => `Tag file "${p}" is larger than the ${d}-byte limit`,
  },
  BAGIT_TXT_MISSING: {
    severity: 'error',
    vi: () => 'Thiếu tệp bagit.txt: đây không phải gói BagIt',
    en: () => 'bagit.txt is missing: this is not a BagIt bag',
  },
  BAGIT_TXT_INVALID: {
    severity: 'error',
    vi: (_p, d) => `bagit.txt không hợp lệ: ${d}`,
    en: (_p, d) => `bagit.txt is invalid: ${d}`,
  },
  MANIFEST_MISSING: {
    severity: 'error',
    vi: () => 'Thiếu manifest-sha256.txt: không kiểm tra được tính toàn vẹn của dữ liệu',
    en: () => 'manifest-sha256.txt is missing: the payload cannot be verified',
  },
  MANIFEST_INVALID: {
    severity: 'error',
    vi: (p, d) => `Tệp kê khai "${p}" sai định dạng: ${d}`,
    en: (p, d) => `Manifest "${p}" is malformed: ${d}`,
  },
  MANIFEST_NOT_VERIFIED: {
    severity: 'warning',
    vi: (p) => `Chỉ kiểm tra đủ tệp, không kiểm tra mã băm của "${p}" (hệ thống chỉ kiểm tra SHA-256)`,
    en: (p) => `Only completeness was checked for "${p}", not its checksums (only SHA-256 is verified)`,
  },
  FILE_MISSING: {
    severity: 'error',
    vi: (p, d) => `Thiếu tệp "${p}" có trong ${d}`,
    en: (p, d) => `File "${p}" listed in ${d} is missing`,
  },
  FILE_NOT_IN_MANIFEST: {
    severity: 'error',
    vi: (p, d) => `Tệp "${p}" không có trong ${d}`,
    en: (p, d) => `File "${p}" is not listed in ${d}`,
  },
  CHECKSUM_MISMATCH: {
    severity: 'error',
    vi: (p) => `Mã băm SHA-256 của tệp "${p}" không khớp: tệp đã bị thay đổi hoặc hỏng`,
    en: (p) => `SHA-256 of "${p}" does not match: the file was changed or damaged`,
  },
  BAG_INFO_MISSING: {
    severity: 'warning',
    vi: () => 'Không có bag-info.txt: không có Payload-Oxum để đối chiếu',
    en: () => 'bag-info.txt is missing: there is no Payload-Oxum to compare',
  },
  BAG_INFO_INVALID: {
    severity: 'error',
    vi: (_p, d) => `bag-info.txt không hợp lệ: ${d}`,
    en: (_p, d) => `bag-info.txt is invalid: ${d}`,
  },
  OXUM_MISMATCH: {
    severity: 'error',
    vi: (_p, d) => `Payload-Oxum không khớp với dữ liệu nhận được (${d})`,
    en: (_p, d) => `Payload-Oxum does not match the payload received (${d})`,
  },
  TAGMANIFEST_MISSING: {
    severity: 'warning',
    vi: () => 'Không có tagmanifest-sha256.txt: các tệp thẻ (siêu dữ liệu) không được kiểm tra',
    en: () => 'tagmanifest-sha256.txt is missing: tag (metadata) files are not verified',
  },
  TAGMANIFEST_INVALID: {
    severity: 'error',
    vi: (p, d) => `Tệp kê khai thẻ "${p}" sai định dạng: ${d}`,
    en: (p, d) => `Tag manifest "${p}" is malformed: ${d}`,
  },
  TAG_FILE_MISSING: {
    severity: 'error',
    vi: (p, d) => `Thiếu tệp thẻ "${p}" có trong ${d}`,
    en: (p, d) => `Tag file "${p}" listed in ${d} is missing`,
  },
  TAG_CHECKSUM_MISMATCH: {
    severity: 'error',
    vi: (p) => `Mã băm SHA-256 của tệp thẻ "${p}" không khớp: tệp đã bị sửa`,
    en: (p) => `SHA-256 of tag file "${p}" does not match: the file was edited`,
  },
  TAG_FILE_NOT_IN_TAGMANIFEST: {
    severity: 'warning',
    vi: (p) => `Tệp thẻ "${p}" không có trong tagmanifest-sha256.txt nên không được kiểm tra`,
    en: (p) => `Tag file "${p}" is not listed in tagmanifest-sha256.txt, so it is not verified`,
  },
  FETCH_IGNORED: {
    severity: 'warning',
    vi: () => 'Gói có fetch.txt: hệ thống không tải tệp từ xa, chỉ kiểm tra các tệp có trong gói',
    en: () => 'The bag has fetch.txt: remote files are not fetched, only the files in the bag are checked',
  },
};

export function bagProblem(code: BagProblemCode, path?: string, detail = ''): BagProblem {
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
