import type { AgencyType, Role } from '@nghiemthu/shared';

/**
 * A fictional province, named so nobody mistakes it for real records. H99 is
 * not a code any real province holds. It is shaped like a real one after the
 * 2025 reforms: the People's Committee, the DOST that absorbed the former
 * Department of Information and Communications (the demo merger), a Center
 * for Digital Transformation as provider, other departments and communes.
 */
export const DEMO_PROVINCE_NAME = 'Tỉnh An Bình (dữ liệu minh họa)';
export const DEMO_PASSWORD = 'nghiemthu-demo';

export type DemoAgency = {
  code: string;
  name: string;
  shortName: string;
  type: AgencyType;
  parentCode: string | null;
  validFrom: string;
  /** Earlier codes, oldest first, each carried until the next took effect; `reason` says why the next code replaced it. */
  formerCodes?: { code: string; validFrom: string; reason: string }[];
  closed?: { validTo: string; successorCode: string; reason: string };
};

export const DEMO_AGENCIES: DemoAgency[] = [
  { code: '000.00.00.H99', name: 'Ủy ban nhân dân tỉnh An Bình (minh họa)', shortName: 'UBND', type: 'peoples_committee', parentCode: null, validFrom: '2025-07-01',
    formerCodes: [{ code: '000.00.00.H98', validFrom: '2015-01-01', reason: 'Hợp nhất tỉnh Bình Sơn với tỉnh An Bình: cấp mã theo tỉnh mới H99 (Nghị quyết hợp nhất tỉnh, minh họa)' }] },
  { code: '000.00.01.H99', name: 'Văn phòng Ủy ban nhân dân tỉnh', shortName: 'VPUBND', type: 'department', parentCode: '000.00.00.H99', validFrom: '2025-07-01' },
  { code: '000.00.02.H99', name: 'Thanh tra tỉnh', shortName: 'TTR', type: 'department', parentCode: '000.00.00.H99', validFrom: '2025-07-01' },
  { code: '000.00.03.H99', name: 'Sở Nội vụ', shortName: 'SNV', type: 'department', parentCode: '000.00.00.H99', validFrom: '2025-07-01' },
  { code: '000.00.05.H99', name: 'Sở Tài chính', shortName: 'STC', type: 'department', parentCode: '000.00.00.H99', validFrom: '2025-07-01' },
  { code: '000.00.11.H99', name: 'Sở Khoa học và Công nghệ', shortName: 'SKHCN', type: 'department', parentCode: '000.00.00.H99', validFrom: '2025-07-01',
    formerCodes: [{ code: '000.00.11.H98', validFrom: '2015-01-01', reason: 'Hợp nhất tỉnh: Sở Khoa học và Công nghệ nhận mã theo tỉnh mới H99 (minh họa)' }] },
  { code: '000.00.12.H98', name: 'Sở Thông tin và Truyền thông tỉnh Bình Sơn', shortName: 'STTTT', type: 'department', parentCode: '000.00.00.H99', validFrom: '2015-01-01',
    closed: { validTo: '2025-02-28', successorCode: '000.00.11.H99', reason: 'Hợp nhất vào Sở Khoa học và Công nghệ (Nghị quyết sắp xếp bộ máy, minh họa)' } },
  { code: '000.01.11.H99', name: 'Trung tâm Chuyển đổi số và Đổi mới sáng tạo', shortName: 'TTCDS', type: 'public_service_unit', parentCode: '000.00.11.H99', validFrom: '2025-07-01' },
  { code: '000.00.31.H99', name: 'Ủy ban nhân dân xã Bình Minh', shortName: 'XBM', type: 'commune', parentCode: '000.00.00.H99', validFrom: '2025-07-01' },
  { code: '000.00.32.H99', name: 'Ủy ban nhân dân xã Tân Phú', shortName: 'XTP', type: 'commune', parentCode: '000.00.00.H99', validFrom: '2025-07-01' },
  { code: 'H99.DN.0000001', name: 'Công ty Cổ phần Giải pháp Số An Bình (minh họa)', shortName: 'GPSAB', type: 'enterprise', parentCode: null, validFrom: '2020-03-15' },
];

export type DemoUser = { username: string; fullName: string; role: Role; agencyCode: string };

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', fullName: 'Trần Quản Trị', role: 'system_admin', agencyCode: '000.00.01.H99' },
  { username: 'agencyadmin', fullName: 'Lê Thị Quản Lý', role: 'agency_admin', agencyCode: '000.00.11.H99' },
  { username: 'officer', fullName: 'Nguyễn Văn Chuyên', role: 'officer', agencyCode: '000.00.11.H99' },
  { username: 'leader', fullName: 'Phạm Minh Lãnh', role: 'leader', agencyCode: '000.00.11.H99' },
  { username: 'council1', fullName: 'Hoàng Thị Hội', role: 'council_member', agencyCode: '000.00.11.H99' },
  { username: 'council2', fullName: 'Vũ Văn Đồng', role: 'council_member', agencyCode: '000.00.05.H99' },
  { username: 'council3', fullName: 'Đặng Thị Thẩm', role: 'council_member', agencyCode: '000.00.03.H99' },
  { username: 'provider', fullName: 'Bùi Văn Cung', role: 'provider_officer', agencyCode: '000.01.11.H99' },
  { username: 'inspector', fullName: 'Đỗ Thanh Tra', role: 'inspector', agencyCode: '000.00.02.H99' },
];

export const DEMO_USERNAMES = DEMO_USERS.map((user) => user.username);
