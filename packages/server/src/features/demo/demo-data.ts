import type { AgencyType, Role, ServiceKpiBody } from '@nghiemthu/shared';

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
  { username: 'provider2', fullName: 'Lý Thị Thầu', role: 'provider_officer', agencyCode: 'H99.DN.0000001' },
  { username: 'inspector', fullName: 'Đỗ Thanh Tra', role: 'inspector', agencyCode: '000.00.02.H99' },
];

export const DEMO_USERNAMES = DEMO_USERS.map((user) => user.username);

/**
 * The province's information systems (domain brief §1), all fictional: owned
 * by the People's Committee or DOST, operated by the Center for Digital
 * Transformation. Security levels as such systems are commonly classified.
 */
export type DemoInformationSystem = {
  code: string;
  name: string;
  description: string;
  ownerCode: string;
  securityLevel: number;
  securityDecisionNumber: string;
  components: { name: string; description: string | null }[];
};

const OPERATOR_CODE = '000.01.11.H99';
export const DEMO_SYSTEM_OPERATOR_CODE = OPERATOR_CODE;

export const DEMO_INFORMATION_SYSTEMS: DemoInformationSystem[] = [
  { code: 'LGSP', name: 'Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP) (minh họa)', description: 'Kết nối các hệ thống của tỉnh với nhau và với Nền tảng NDXP quốc gia.', ownerCode: '000.00.11.H99', securityLevel: 3, securityDecisionNumber: '101/QĐ-SKHCN (minh họa)',
    components: [{ name: 'Trục tích hợp (ESB)', description: 'Cụm 2 máy chủ' }, { name: 'Cổng quản lý API', description: null }] },
  { code: 'CONG-TTDT', name: 'Cổng thông tin điện tử tỉnh (minh họa)', description: 'Cổng thông tin chính thức của Ủy ban nhân dân tỉnh.', ownerCode: '000.00.00.H99', securityLevel: 3, securityDecisionNumber: '102/QĐ-UBND (minh họa)',
    components: [{ name: 'Cổng chính', description: null }, { name: 'Cổng thành phần của các sở, xã', description: null }] },
  { code: 'THU-CONG-VU', name: 'Hệ thống thư điện tử công vụ (minh họa)', description: 'Thư điện tử cho cán bộ, công chức, viên chức.', ownerCode: '000.00.11.H99', securityLevel: 2, securityDecisionNumber: '103/QĐ-SKHCN (minh họa)',
    components: [{ name: 'Máy chủ thư', description: null }, { name: 'Lọc thư rác', description: null }] },
  { code: 'QLVB', name: 'Phần mềm quản lý văn bản và điều hành (minh họa)', description: 'Văn bản đến, văn bản đi, hồ sơ công việc, ký số.', ownerCode: '000.00.00.H99', securityLevel: 3, securityDecisionNumber: '104/QĐ-UBND (minh họa)',
    components: [{ name: 'Ứng dụng web', description: null }, { name: 'Ứng dụng di động', description: null }, { name: 'Kết nối trục liên thông văn bản quốc gia', description: null }] },
  { code: 'HT-TTHC', name: 'Hệ thống thông tin giải quyết thủ tục hành chính tỉnh (minh họa)', description: 'Một cửa điện tử, dịch vụ công trực tuyến và kho quản lý dữ liệu điện tử.', ownerCode: '000.00.00.H99', securityLevel: 3, securityDecisionNumber: '105/QĐ-UBND (minh họa)',
    components: [{ name: 'Một cửa điện tử', description: null }, { name: 'Kho quản lý dữ liệu điện tử của tổ chức, cá nhân', description: null }] },
  { code: 'HT-BAOCAO', name: 'Hệ thống thông tin báo cáo tỉnh (minh họa)', description: 'Thu thập, tổng hợp báo cáo định kỳ, kết nối Hệ thống báo cáo Chính phủ.', ownerCode: '000.00.00.H99', securityLevel: 2, securityDecisionNumber: '106/QĐ-UBND (minh họa)',
    components: [{ name: 'Ứng dụng báo cáo', description: null }] },
  { code: 'DU-LIEU-MO', name: 'Cổng dữ liệu mở tỉnh (minh họa)', description: 'Công bố dữ liệu mở của các cơ quan nhà nước tỉnh.', ownerCode: '000.00.11.H99', securityLevel: 2, securityDecisionNumber: '107/QĐ-SKHCN (minh họa)',
    components: [{ name: 'Cổng dữ liệu mở', description: null }] },
  { code: 'HNTH', name: 'Hệ thống hội nghị truyền hình trực tuyến (minh họa)', description: 'Kết nối tỉnh với các xã và với Trung ương.', ownerCode: '000.00.00.H99', securityLevel: 2, securityDecisionNumber: '108/QĐ-UBND (minh họa)',
    components: [{ name: 'Thiết bị điều khiển đa điểm (MCU)', description: null }, { name: 'Điểm cầu cấp xã', description: null }] },
  { code: 'PHONG-HOP-KGT', name: 'Hệ thống phòng họp không giấy (minh họa)', description: 'Tài liệu họp, biểu quyết, ghi chép điện tử.', ownerCode: '000.00.00.H99', securityLevel: 2, securityDecisionNumber: '109/QĐ-UBND (minh họa)',
    components: [{ name: 'Ứng dụng phòng họp', description: null }] },
  { code: 'TTDL', name: 'Trung tâm dữ liệu tỉnh (minh họa)', description: 'Hạ tầng máy chủ, lưu trữ, mạng dùng chung của tỉnh.', ownerCode: '000.00.11.H99', securityLevel: 3, securityDecisionNumber: '110/QĐ-SKHCN (minh họa)',
    components: [{ name: 'Hạ tầng ảo hóa', description: null }, { name: 'Hệ thống lưu trữ, sao lưu', description: null }, { name: 'Hệ thống mạng và tường lửa', description: null }] },
  { code: 'SOC', name: 'Hệ thống giám sát an toàn thông tin tỉnh (SOC) (minh họa)', description: 'Giám sát, phát hiện, cảnh báo sớm sự cố an toàn thông tin, kết nối NCSC.', ownerCode: '000.00.11.H99', securityLevel: 3, securityDecisionNumber: '111/QĐ-SKHCN (minh họa)',
    components: [{ name: 'Hệ thống SIEM', description: null }, { name: 'Cảm biến giám sát mạng', description: null }] },
];

const NORM = 'Quyết định số 12/2025/QĐ-UBND (minh họa)';
const PRICE_2025 = { validFrom: '2025-01-01', decisionNumber: '15/2025/QĐ-UBND (minh họa)', decisionDate: '2024-12-20', decisionIssuer: 'Ủy ban nhân dân tỉnh An Bình (minh họa)' };
const PRICE_2026 = { validFrom: '2026-01-01', decisionNumber: '48/2025/QĐ-UBND (minh họa)', decisionDate: '2025-12-15', decisionIssuer: 'Ủy ban nhân dân tỉnh An Bình (minh họa)' };

const UPTIME: ServiceKpiBody = { code: 'UPTIME', name: 'Tỷ lệ sẵn sàng của hệ thống', unit: '%', target: '99.5', direction: 'at_least',
  measurement: 'Số liệu giám sát tự động, tính theo tháng, trừ thời gian bảo trì đã thông báo',
  deductionRule: { kind: 'tiers', tiers: [{ threshold: '99.5', percent: '2' }, { threshold: '99', percent: '5' }, { threshold: '98', percent: '10' }] } };
const RESPONSE: ServiceKpiBody = { code: 'RESPONSE', name: 'Thời gian phản hồi sự cố', unit: 'giờ', target: '4', direction: 'at_most',
  measurement: 'Từ khi tiếp nhận báo sự cố đến khi có cán bộ xử lý, theo nhật ký hỗ trợ',
  deductionRule: { kind: 'per_unit', percentPerUnit: '0.5', maxPercent: '5' } };

export type DemoCatalogueService = {
  code: string;
  name: string;
  unit: string;
  orderingMethods: ('assignment' | 'ordering' | 'tendering')[];
  prices: number[]; // unit price from 2025-01-01, then (if given) from 2026-01-01
  kpis: ServiceKpiBody[];
  systemCodes: string[];
};

export const DEMO_NORM_REFERENCE = NORM;
export const DEMO_PRICE_DECISIONS = [PRICE_2025, PRICE_2026];

const operate = (code: string, systemCode: string, name: string, prices: number[]): DemoCatalogueService => ({
  code, name, unit: 'hệ thống/tháng', orderingMethods: ['assignment', 'ordering'], prices, kpis: [UPTIME, RESPONSE], systemCodes: [systemCode],
});

export const DEMO_CATALOGUE: DemoCatalogueService[] = [
  operate('DV-VH-LGSP', 'LGSP', 'Vận hành, duy trì Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)', [42_000_000, 45_500_000]),
  operate('DV-VH-CONG', 'CONG-TTDT', 'Vận hành, duy trì Cổng thông tin điện tử tỉnh', [28_000_000, 29_400_000]),
  operate('DV-VH-THU', 'THU-CONG-VU', 'Vận hành, duy trì Hệ thống thư điện tử công vụ', [18_500_000]),
  operate('DV-VH-QLVB', 'QLVB', 'Vận hành, duy trì Phần mềm quản lý văn bản và điều hành', [35_000_000, 36_750_000]),
  operate('DV-VH-TTHC', 'HT-TTHC', 'Vận hành, duy trì Hệ thống thông tin giải quyết thủ tục hành chính', [48_000_000, 50_400_000]),
  { ...operate('DV-VH-HNTH', 'HNTH', 'Vận hành hệ thống hội nghị truyền hình và phòng họp không giấy', [22_000_000]), systemCodes: ['HNTH', 'PHONG-HOP-KGT'] },
  operate('DV-VH-TTDL', 'TTDL', 'Vận hành, duy trì Trung tâm dữ liệu tỉnh', [65_000_000, 68_250_000]),
  { code: 'DV-GS-ATTT', name: 'Giám sát an toàn thông tin cho các hệ thống thông tin của tỉnh', unit: 'tháng', orderingMethods: ['ordering', 'tendering'], prices: [55_000_000, 57_750_000],
    kpis: [{ code: 'DETECT', name: 'Thời gian cảnh báo sự cố nghiêm trọng', unit: 'giờ', target: '2', direction: 'at_most', measurement: 'Từ khi phát hiện đến khi gửi cảnh báo cho đơn vị, theo nhật ký SOC', deductionRule: { kind: 'per_unit', percentPerUnit: '1', maxPercent: '10' } }],
    systemCodes: ['SOC', 'LGSP', 'CONG-TTDT', 'HT-TTHC', 'TTDL'] },
  { code: 'DV-SOHOA', name: 'Số hóa hồ sơ, tài liệu lưu trữ', unit: 'trang A4', orderingMethods: ['ordering', 'tendering'], prices: [1_250],
    kpis: [{ code: 'ERRORS', name: 'Tỷ lệ trang số hóa lỗi', unit: '%', target: '1', direction: 'at_most', measurement: 'Kiểm tra xác suất 5 % số trang mỗi đợt', deductionRule: { kind: 'tiers', tiers: [{ threshold: '1', percent: '3' }, { threshold: '3', percent: '10' }] } }],
    systemCodes: ['HT-TTHC'] },
  { code: 'DV-DAOTAO', name: 'Đào tạo, tập huấn kỹ năng số cho cán bộ, công chức', unit: 'lớp', orderingMethods: ['assignment', 'ordering'], prices: [18_000_000, 19_000_000],
    kpis: [{ code: 'ATTEND', name: 'Tỷ lệ học viên tham dự', unit: '%', target: '90', direction: 'at_least', measurement: 'Theo danh sách điểm danh có xác nhận', deductionRule: { kind: 'none' } }],
    systemCodes: [] },
];
