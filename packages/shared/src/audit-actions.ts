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
  'information_system.created': { vi: 'Thêm hệ thống thông tin', en: 'Registered information system' },
  'information_system.updated': { vi: 'Sửa hệ thống thông tin', en: 'Updated information system' },
  'information_system.retired': { vi: 'Ngừng sử dụng hệ thống thông tin', en: 'Retired information system' },
  'catalogue_service.created': { vi: 'Thêm dịch vụ vào danh mục', en: 'Added catalogue service' },
  'catalogue_service.updated': { vi: 'Sửa dịch vụ trong danh mục', en: 'Updated catalogue service' },
  'catalogue_service.retired': { vi: 'Ngừng áp dụng dịch vụ', en: 'Retired catalogue service' },
  'catalogue_price.added': { vi: 'Thêm đơn giá dịch vụ', en: 'Added service price' },
  'catalogue_price.closed': { vi: 'Kết thúc hiệu lực đơn giá', en: 'Ended service price' },
  'catalogue_kpi.added': { vi: 'Thêm chỉ tiêu chất lượng', en: 'Added quality KPI' },
  'catalogue_kpi.updated': { vi: 'Sửa chỉ tiêu chất lượng', en: 'Updated quality KPI' },
  'catalogue_kpi.removed': { vi: 'Xóa chỉ tiêu chất lượng', en: 'Removed quality KPI' },
  'catalogue_link.added': { vi: 'Gắn hệ thống thông tin với dịch vụ', en: 'Linked information system to service' },
  'catalogue_link.removed': { vi: 'Bỏ gắn hệ thống thông tin khỏi dịch vụ', en: 'Unlinked information system from service' },
  'catalogue.exported': { vi: 'Xuất danh mục dịch vụ', en: 'Exported service catalogue' },
  'catalogue.import_started': { vi: 'Bắt đầu nhập danh mục dịch vụ', en: 'Started service catalogue import' },
  'catalogue.imported': { vi: 'Nhập danh mục dịch vụ', en: 'Imported service catalogue' },
  'delegation.created': { vi: 'Ủy quyền phê duyệt', en: 'Delegated approvals' },
  'delegation.revoked': { vi: 'Thu hồi ủy quyền', en: 'Revoked delegation' },
  'demo.seeded': { vi: 'Nạp dữ liệu minh họa', en: 'Loaded demo data' },
  'calendar.day_added': { vi: 'Thêm ngày nghỉ / ngày làm bù', en: 'Added a calendar day' },
  'calendar.day_changed': { vi: 'Sửa ngày nghỉ / ngày làm bù', en: 'Changed a calendar day' },
  'calendar.day_removed': { vi: 'Xóa ngày nghỉ / ngày làm bù', en: 'Removed a calendar day' },
  'calendar.weekend_changed': { vi: 'Đổi ngày nghỉ hằng tuần', en: 'Changed the weekly days off' },
  'calendar.defaults_loaded': { vi: 'Nạp ngày nghỉ lễ mặc định', en: 'Loaded default public holidays' },
};

export function auditActionLabel(action: string, language: Language): string {
  return AUDIT_ACTION_LABELS[action]?.[language] ?? action;
}
