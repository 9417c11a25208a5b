import type { Language } from './messages.js';

/**
 * Readable names of audit actions for the log a civil servant or inspector
 * reads. The stored action stays the stable code; unknown codes show as is.
 */
export const AUDIT_ACTION_LABELS: Record<string, Record<Language, string>> = {
  'auth.login': { vi: 'Đăng nhập', en: 'Signed in' },
  'auth.logout': { vi: 'Đăng xuất', en: 'Signed out' },
  'auth.login_failed': { vi: 'Đăng nhập sai', en: 'Failed sign-in' },
  'auth.account_locked': { vi: 'Tài khoản bị khóa do nhập sai nhiều lần', en: 'Account locked after failed sign-ins' },
  'auth.login_refused_locked': { vi: 'Từ chối đăng nhập: tài khoản đang khóa', en: 'Sign-in refused: account locked' },
  'auth.login_refused_disabled': { vi: 'Từ chối đăng nhập: tài khoản vô hiệu', en: 'Sign-in refused: account disabled' },
  'auth.password_changed': { vi: 'Đổi mật khẩu', en: 'Changed password' },
  'sessions.purged': { vi: 'Dọn phiên làm việc cũ', en: 'Purged old sessions' },
  'user.created': { vi: 'Tạo người dùng', en: 'Created user' },
  'user.updated': { vi: 'Sửa người dùng', en: 'Updated user' },
  'user.password_reset': { vi: 'Đặt lại mật khẩu', en: 'Reset password' },
  'user.unlocked': { vi: 'Mở khóa tài khoản', en: 'Unlocked account' },
  'agency.created': { vi: 'Thêm cơ quan', en: 'Registered agency' },
  'agency.updated': { vi: 'Sửa cơ quan', en: 'Updated agency' },
  'agency.closed': { vi: 'Đóng cơ quan', en: 'Closed agency' },
  'agency.merged': { vi: 'Sáp nhập cơ quan', en: 'Merged agency' },
  'agency.code_changed': { vi: 'Đổi mã định danh', en: 'Changed agency code' },
  'agency.exported': { vi: 'Xuất danh mục cơ quan', en: 'Exported agency registry' },
  'agency.import_started': { vi: 'Bắt đầu nhập danh mục cơ quan', en: 'Started agency import' },
  'file.uploaded': { vi: 'Tải tệp lên', en: 'Uploaded file' },
  'file.downloaded': { vi: 'Tải tệp xuống', en: 'Downloaded file' },
  'audit.exported': { vi: 'Xuất nhật ký', en: 'Exported audit log' },
  'audit.verify_started': { vi: 'Kiểm tra toàn vẹn nhật ký', en: 'Started audit chain check' },
  'demo.seeded': { vi: 'Nạp dữ liệu minh họa', en: 'Loaded demo data' },
};

export function auditActionLabel(action: string, language: Language): string {
  return AUDIT_ACTION_LABELS[action]?.[language] ?? action;
}
