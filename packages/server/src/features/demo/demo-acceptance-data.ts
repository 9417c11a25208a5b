import type { DossierState, LegalRegime, OrderingMethod, PeriodKind } from '@nghiemthu/shared';

/**
 * A year and a half of acceptance work in the demo province, from 1 July 2025
 * to the day the demo is loaded: what the Department of Science and
 * Technology (SKHCN) ordered from its Digital Transformation Centre (TTCDS)
 * and, by tendering, from a local company, and where each acceptance dossier
 * stands. demo-acceptance.ts plays it through the services, as the demo
 * users, on the dates given here. Every number, decision and name is
 * fictional ("minh họa").
 *
 * Dates are local (Asia/Ho_Chi_Minh) working days. A dossier's history runs
 * from a fixed date, or ends a number of working days before "today", so the
 * dossiers still open are late, due soon or on time whatever day it is.
 */

// The orders are placed by the demo officer of Sở Khoa học và Công nghệ (000.00.11.H99).
const CENTRE_CODE = '000.01.11.H99'; // Trung tâm Chuyển đổi số và Đổi mới sáng tạo
const COMPANY_CODE = 'H99.DN.0000001'; // Công ty Cổ phần Giải pháp Số An Bình

/** The demo user who prepares each provider's dossiers, and how the provider speaks of itself in its reports. */
export const DEMO_PROVIDERS: Record<string, { username: 'provider' | 'provider2'; selfName: string }> = {
  [CENTRE_CODE]: { username: 'provider', selfName: 'Trung tâm' },
  [COMPANY_CODE]: { username: 'provider2', selfName: 'Công ty' },
};

/** The history opens with the new province's first budget half-year. Its open dossiers need October 2026 behind "today". */
export const HISTORY_STARTS_ON = '2025-07-01';

export type OrderKey = 'lgsp2025' | 'platforms2026' | 'portals2026' | 'training2026' | 'soc2026' | 'meetings2026' | 'digitisation2026';

export type DemoOrder = {
  key: OrderKey;
  title: string;
  method: OrderingMethod;
  legalRegime: LegalRegime;
  providerCode: string;
  budgetYear: number;
  startDate: string;
  endDate: string;
  periodKind: PeriodKind;
  /** Milestone orders only: each stage with its quantity per service code. */
  milestones?: { label: string; startDate: string; endDate: string; quantities: Record<string, string> }[];
  basisDocuments: { number: string; date: string; signer: string; summary: string }[];
  lines: { service: string; quantity: string; unitPrice?: number }[];
  /** Part of the total paid from fees the agency may retain; the rest is state budget. */
  retainedFees?: number;
  advancePercent?: string;
  advanceTerms?: string;
  paymentTerms: string;
  acceptanceMethod: string;
  createdOn: string;
  signedOn?: string;
  /** Started by hand (orders with dossiers start at the first submission). */
  startedOn?: string;
  cancelled?: { on: string; reason: string };
  /** An acceptance council established for the whole order (its dossiers then sit under it). */
  council?: { on: string; decisionNumber: string };
  advance?: { on: string; treasuryReference: string };
  amendment?: {
    on: string;
    reason: string;
    approvalDocument: string;
    /** A service added from some periods on, paid from the state budget. */
    addLine: { service: string; quantities: Record<number, string> };
  };
  closing?: {
    completedOn: string;
    liquidation: { on: string; minutesNumber: string; note: string };
    settlement: { on: string; decisionNumber: string; note: string };
    archivedOn: string;
  };
};

const PROVINCE_LEADER = 'Lê Văn Tỉnh, Phó Chủ tịch Ủy ban nhân dân tỉnh';
const DEPARTMENT_HEAD = 'Phạm Minh Lãnh, Giám đốc Sở';
const MONTHLY_PAYMENT = 'Thanh toán theo kỳ nghiệm thu, trong 10 ngày làm việc kể từ ngày ký biên bản nghiệm thu, qua Kho bạc Nhà nước khu vực.';

export const DEMO_ORDERS: DemoOrder[] = [
  {
    key: 'lgsp2025',
    title: 'Đặt hàng dịch vụ vận hành Nền tảng LGSP và Trung tâm dữ liệu tỉnh 6 tháng cuối năm 2025',
    method: 'ordering', legalRegime: 'decree_32_2019', providerCode: CENTRE_CODE, budgetYear: 2025,
    startDate: '2025-07-01', endDate: '2025-12-31', periodKind: 'quarterly',
    basisDocuments: [
      { number: '1520/QĐ-UBND (minh họa)', date: '2025-06-20', signer: PROVINCE_LEADER, summary: 'Giao dự toán ngân sách 6 tháng cuối năm 2025 cho các cơ quan, đơn vị của tỉnh mới' },
      { number: '58/QĐ-SKHCN (minh họa)', date: '2025-06-30', signer: DEPARTMENT_HEAD, summary: 'Đặt hàng dịch vụ sự nghiệp công vận hành hạ tầng số dùng chung 6 tháng cuối năm 2025' },
    ],
    lines: [{ service: 'DV-VH-LGSP', quantity: '6' }, { service: 'DV-VH-TTDL', quantity: '6' }],
    advancePercent: '20',
    advanceTerms: 'Tạm ứng 20 % giá trị đơn đặt hàng sau khi ký; thu hồi tạm ứng khi thanh toán kỳ nghiệm thu đầu tiên.',
    paymentTerms: MONTHLY_PAYMENT,
    acceptanceMethod: 'Nghiệm thu theo quý trên cơ sở báo cáo vận hành, số liệu giám sát tự động và ý kiến của hội đồng nghiệm thu.',
    createdOn: '2025-07-01', signedOn: '2025-07-03',
    advance: { on: '2025-07-15', treasuryReference: 'KBNN-AB-2025-07152 (minh họa)' },
    closing: {
      completedOn: '2026-03-04',
      liquidation: { on: '2026-03-11', minutesNumber: '02/2026/BBTL-SKHCN (minh họa)', note: 'Hai bên đã hoàn thành nghĩa vụ; giá trị nghiệm thu theo hai biên bản quý III và quý IV/2025.' },
      settlement: { on: '2026-03-25', decisionNumber: '45/QĐ-SKHCN (minh họa)', note: 'Giảm trừ do chỉ tiêu chất lượng không đạt; kinh phí không sử dụng nộp trả ngân sách nhà nước.' },
      archivedOn: '2026-04-08',
    },
  },
  {
    key: 'platforms2026',
    title: 'Đặt hàng dịch vụ vận hành Nền tảng LGSP, Trung tâm dữ liệu và hệ thống thư điện tử công vụ năm 2026',
    method: 'ordering', legalRegime: 'decree_32_2019', providerCode: CENTRE_CODE, budgetYear: 2026,
    startDate: '2026-01-01', endDate: '2026-12-31', periodKind: 'quarterly',
    basisDocuments: [
      { number: '2870/QĐ-UBND (minh họa)', date: '2025-12-18', signer: PROVINCE_LEADER, summary: 'Giao dự toán ngân sách nhà nước năm 2026' },
      { number: '03/QĐ-SKHCN (minh họa)', date: '2026-01-05', signer: DEPARTMENT_HEAD, summary: 'Đặt hàng dịch vụ sự nghiệp công vận hành hạ tầng số dùng chung năm 2026' },
    ],
    lines: [{ service: 'DV-VH-LGSP', quantity: '12' }, { service: 'DV-VH-TTDL', quantity: '12' }, { service: 'DV-VH-THU', quantity: '12' }],
    retainedFees: 200_000_000,
    advancePercent: '20',
    advanceTerms: 'Tạm ứng 20 % giá trị đơn đặt hàng sau khi ký; thu hồi dần qua các lần thanh toán theo quý.',
    paymentTerms: MONTHLY_PAYMENT,
    acceptanceMethod: 'Nghiệm thu theo quý trên cơ sở báo cáo vận hành, số liệu giám sát tự động và ý kiến của hội đồng nghiệm thu.',
    createdOn: '2026-01-05', signedOn: '2026-01-08',
    advance: { on: '2026-01-22', treasuryReference: 'KBNN-AB-2026-01223 (minh họa)' },
    amendment: {
      on: '2026-06-15',
      reason: 'Bổ sung dịch vụ vận hành hệ thống hội nghị truyền hình và phòng họp không giấy từ quý III/2026 theo Thông báo kết luận số 85/TB-UBND ngày 05/06/2026 (minh họa).',
      approvalDocument: 'Quyết định số 96/QĐ-SKHCN ngày 12/06/2026 (minh họa)',
      addLine: { service: 'DV-VH-HNTH', quantities: { 3: '3', 4: '3' } },
    },
  },
  {
    key: 'portals2026',
    title: 'Đặt hàng dịch vụ vận hành Cổng thông tin điện tử, phần mềm quản lý văn bản và Hệ thống giải quyết thủ tục hành chính năm 2026',
    method: 'ordering', legalRegime: 'decree_32_2019', providerCode: CENTRE_CODE, budgetYear: 2026,
    startDate: '2026-01-01', endDate: '2026-12-31', periodKind: 'quarterly',
    basisDocuments: [
      { number: '2870/QĐ-UBND (minh họa)', date: '2025-12-18', signer: PROVINCE_LEADER, summary: 'Giao dự toán ngân sách nhà nước năm 2026' },
      { number: '04/QĐ-SKHCN (minh họa)', date: '2026-01-06', signer: DEPARTMENT_HEAD, summary: 'Đặt hàng dịch vụ vận hành các hệ thống phục vụ chính quyền số năm 2026' },
    ],
    lines: [{ service: 'DV-VH-CONG', quantity: '12' }, { service: 'DV-VH-QLVB', quantity: '12' }, { service: 'DV-VH-TTHC', quantity: '12' }],
    paymentTerms: MONTHLY_PAYMENT,
    acceptanceMethod: 'Nghiệm thu theo quý; hồ sơ gồm báo cáo vận hành, số liệu giám sát có xác nhận và báo cáo tự đánh giá.',
    createdOn: '2026-01-06', signedOn: '2026-01-09',
  },
  {
    key: 'meetings2026',
    title: 'Đặt hàng dịch vụ vận hành hệ thống hội nghị truyền hình và phòng họp không giấy năm 2026',
    method: 'ordering', legalRegime: 'decree_32_2019', providerCode: CENTRE_CODE, budgetYear: 2026,
    startDate: '2026-01-01', endDate: '2026-12-31', periodKind: 'quarterly',
    basisDocuments: [{ number: '2870/QĐ-UBND (minh họa)', date: '2025-12-18', signer: PROVINCE_LEADER, summary: 'Giao dự toán ngân sách nhà nước năm 2026' }],
    lines: [{ service: 'DV-VH-HNTH', quantity: '12' }],
    paymentTerms: MONTHLY_PAYMENT,
    acceptanceMethod: 'Nghiệm thu theo quý.',
    createdOn: '2026-01-12',
    cancelled: { on: '2026-02-03', reason: 'Không ký: dịch vụ được bổ sung vào đơn đặt hàng vận hành LGSP, Trung tâm dữ liệu và thư công vụ năm 2026 từ quý III, theo chỉ đạo của Ủy ban nhân dân tỉnh.' },
  },
  {
    key: 'training2026',
    title: 'Đặt hàng dịch vụ đào tạo, tập huấn kỹ năng số cho cán bộ, công chức cấp xã năm 2026',
    method: 'ordering', legalRegime: 'decree_32_2019', providerCode: CENTRE_CODE, budgetYear: 2026,
    startDate: '2026-03-01', endDate: '2026-11-30', periodKind: 'milestones',
    milestones: [
      { label: 'Đợt 1 (tháng 3–5/2026)', startDate: '2026-03-01', endDate: '2026-05-31', quantities: { 'DV-DAOTAO': '4' } },
      { label: 'Đợt 2 (tháng 6–8/2026)', startDate: '2026-06-01', endDate: '2026-08-31', quantities: { 'DV-DAOTAO': '4' } },
      { label: 'Đợt 3 (tháng 9–11/2026)', startDate: '2026-09-01', endDate: '2026-11-30', quantities: { 'DV-DAOTAO': '4' } },
    ],
    basisDocuments: [
      { number: '410/KH-UBND (minh họa)', date: '2026-02-10', signer: PROVINCE_LEADER, summary: 'Kế hoạch bồi dưỡng kỹ năng số cho cán bộ, công chức năm 2026' },
      { number: '21/QĐ-SKHCN (minh họa)', date: '2026-02-23', signer: DEPARTMENT_HEAD, summary: 'Đặt hàng tổ chức 12 lớp tập huấn kỹ năng số theo ba đợt' },
    ],
    lines: [{ service: 'DV-DAOTAO', quantity: '12' }],
    paymentTerms: 'Thanh toán theo từng đợt sau khi nghiệm thu số lớp đạt yêu cầu.',
    acceptanceMethod: 'Nghiệm thu theo đợt: danh sách học viên có xác nhận của cơ quan cử, biên bản điểm danh, phiếu đánh giá của học viên.',
    createdOn: '2026-02-23', signedOn: '2026-02-26',
  },
  {
    key: 'soc2026',
    title: 'Đặt hàng dịch vụ giám sát an toàn thông tin cho các hệ thống thông tin của tỉnh 6 tháng cuối năm 2026',
    method: 'ordering', legalRegime: 'decree_32_2019', providerCode: CENTRE_CODE, budgetYear: 2026,
    startDate: '2026-07-01', endDate: '2026-12-31', periodKind: 'monthly',
    basisDocuments: [
      { number: '1388/QĐ-UBND (minh họa)', date: '2026-06-10', signer: PROVINCE_LEADER, summary: 'Bổ sung dự toán cho nhiệm vụ bảo đảm an toàn thông tin 6 tháng cuối năm 2026' },
      { number: '101/QĐ-SKHCN (minh họa)', date: '2026-06-22', signer: DEPARTMENT_HEAD, summary: 'Đặt hàng dịch vụ giám sát an toàn thông tin theo mô hình 4 lớp' },
    ],
    lines: [{ service: 'DV-GS-ATTT', quantity: '6' }],
    paymentTerms: MONTHLY_PAYMENT,
    acceptanceMethod: 'Nghiệm thu theo tháng trên cơ sở nhật ký SOC, danh sách cảnh báo đã gửi và xác nhận của Trung tâm Giám sát an toàn không gian mạng quốc gia.',
    createdOn: '2026-06-22', signedOn: '2026-06-26',
  },
  {
    key: 'digitisation2026',
    title: 'Số hóa tài liệu lưu trữ lịch sử của Sở Khoa học và Công nghệ năm 2026 (gói thầu số 03)',
    method: 'tendering', legalRegime: 'decree_73_2019', providerCode: COMPANY_CODE, budgetYear: 2026,
    startDate: '2026-04-01', endDate: '2026-12-15', periodKind: 'milestones',
    milestones: [
      { label: 'Đợt 1: 240.000 trang', startDate: '2026-04-01', endDate: '2026-08-31', quantities: { 'DV-SOHOA': '240000' } },
      { label: 'Đợt 2: 240.000 trang', startDate: '2026-09-01', endDate: '2026-12-15', quantities: { 'DV-SOHOA': '240000' } },
    ],
    basisDocuments: [
      { number: '112/QĐ-SKHCN (minh họa)', date: '2026-03-18', signer: DEPARTMENT_HEAD, summary: 'Phê duyệt kết quả lựa chọn nhà thầu gói thầu số 03: Số hóa tài liệu lưu trữ' },
      { number: '05/2026/HĐ-SKHCN-GPSAB (minh họa)', date: '2026-03-25', signer: DEPARTMENT_HEAD, summary: 'Hợp đồng thuê dịch vụ số hóa tài liệu, đơn giá theo giá trúng thầu' },
    ],
    lines: [{ service: 'DV-SOHOA', quantity: '480000', unitPrice: 1_180 }],
    advancePercent: '30',
    advanceTerms: 'Tạm ứng 30 % giá trị hợp đồng sau khi nhà thầu nộp bảo lãnh tạm ứng.',
    paymentTerms: 'Thanh toán theo đợt sau khi nghiệm thu khối lượng trang số hóa đạt yêu cầu.',
    acceptanceMethod: 'Nghiệm thu theo đợt; kiểm tra xác suất 5 % số trang theo định mức.',
    createdOn: '2026-03-26', signedOn: '2026-03-27', startedOn: '2026-04-06',
    council: { on: '2026-04-03', decisionNumber: '118/QĐ-SKHCN (minh họa)' },
    advance: { on: '2026-04-10', treasuryReference: 'KBNN-AB-2026-04108 (minh họa)' },
  },
];

/** A delegation of the leader's approvals to the officer: steps a leader takes in this period are taken by the officer acting for him. */
export const DEMO_DELEGATION = {
  createdOn: '2026-07-17',
  validFrom: '2026-07-20T07:30:00+07:00',
  validTo: '2026-07-31T17:30:00+07:00',
  reason: 'Tham gia lớp bồi dưỡng kiến thức quốc phòng và an ninh tại Hà Nội (minh họa)',
} as const;

/** When the demo users last cleared their notifications: this many working days before today. */
export const NOTIFICATIONS_READ_WORKING_DAYS_AGO = 8;

/** The steps of a dossier's life, in order; `gap` is the working days after the step before. */
export type DossierStep =
  | 'create' | 'submit' | 'request_supplement' | 'answer_supplement' | 'withdraw' | 'receive' | 'assign' | 'appraise'
  | 'vote' | 'close' | 'decide' | 'minutes' | 'interim' | 'pay' | 'extend' | 'comment';

export const DEFAULT_GAPS: Record<DossierStep, number> = {
  create: 0, submit: 1, request_supplement: 2, answer_supplement: 3, withdraw: 1, receive: 1, assign: 1, appraise: 6,
  vote: 1, close: 2, decide: 2, minutes: 1, interim: 4, pay: 6, extend: 1, comment: 1,
};

export type DemoDossier = {
  key: string;
  order: OrderKey;
  periodNo: number;
  /** Where this dossier's history stops. */
  until: DossierState;
  /** Anchor: the first step on a date, or the step that entered `until` some working days before today, or timed to fall due on the next working day. */
  when: { startOn: string } | { workingDaysAgo: number } | { dueSoon: true };
  /** Working days before a step, overriding DEFAULT_GAPS (a long gap makes a step late). */
  gaps?: Partial<Record<DossierStep, number>>;
  /** Reasons of the supplement requests, one per round. */
  supplements?: string[];
  /** KPI actuals by service code and KPI code; KPIs not named meet their target. */
  actuals?: Record<string, Record<string, string>>;
  /** Delivered (and accepted) quantities by service code where below plan. */
  delivered?: Record<string, string>;
  /** Council votes other than "agree": by member, with a comment. */
  dissent?: { member: 'council1' | 'council2' | 'council3'; vote: 'disagree' | 'abstain'; comment: string }[];
  /** A member who declares a conflict of interest and does not vote. */
  conflict?: { member: 'council2' | 'council3'; note: string };
  /** Members who voted so far (in council only); default all three. */
  voted?: ('council1' | 'council2' | 'council3')[];
  councilSummary?: string;
  decision?: { kind: 'approve'; conclusion: 'accepted' | 'accepted_with_conditions'; text: string } | { kind: 'reject'; reason: string };
  withdrawal?: string;
  /** Share of the payable amount paid as an interim payment before the final one. */
  interimShare?: number;
  extension?: { workingDays: number; reason: string };
  comment?: { by: 'provider' | 'officer'; text: string };
  /** Provider's draft still incomplete: only the report and one file. */
  isPartial?: boolean;
};

const UPTIME_MISSED = 'Chỉ tiêu sẵn sàng không đạt, giảm trừ theo quy định.';

export const DEMO_DOSSIERS: DemoDossier[] = [
  // 2025: both quarters accepted and paid; the order is then liquidated, settled and archived.
  {
    key: 'lgsp2025-q3', order: 'lgsp2025', periodNo: 1, until: 'paid', when: { startOn: '2025-10-06' },
    supplements: ['Bổ sung nhật ký xử lý sự cố LGSP tháng 8/2025 và bảng số liệu giám sát có xác nhận của đơn vị vận hành.'],
    actuals: { 'DV-VH-LGSP': { UPTIME: '99.3', RESPONSE: '5' } },
    decision: { kind: 'approve', conclusion: 'accepted', text: `Đồng ý nghiệm thu khối lượng quý III/2025. ${UPTIME_MISSED}` },
  },
  {
    key: 'lgsp2025-q4', order: 'lgsp2025', periodNo: 2, until: 'paid', when: { startOn: '2026-01-07' },
    gaps: { appraise: 13 },
    actuals: { 'DV-VH-TTDL': { UPTIME: '98.7' } },
    dissent: [{ member: 'council3', vote: 'disagree', comment: 'Đề nghị giảm trừ thêm do sự cố mất kết nối Trung tâm dữ liệu ngày 18/12/2025 kéo dài 9 giờ.' }],
    decision: { kind: 'approve', conclusion: 'accepted', text: 'Đồng ý nghiệm thu khối lượng quý IV/2025; giảm trừ chỉ tiêu sẵn sàng của Trung tâm dữ liệu theo đề xuất của tổ thẩm định.' },
  },
  // 2026 platforms: Q1 paid in two payments after the advance, Q2 decided by the officer acting for the leader, Q3 late in council.
  {
    key: 'platforms-q1', order: 'platforms2026', periodNo: 1, until: 'paid', when: { startOn: '2026-04-06' },
    actuals: { 'DV-VH-LGSP': { UPTIME: '99.3' } }, interimShare: 0.5,
    decision: { kind: 'approve', conclusion: 'accepted', text: `Đồng ý nghiệm thu khối lượng quý I/2026. ${UPTIME_MISSED}` },
  },
  {
    key: 'platforms-q2', order: 'platforms2026', periodNo: 2, until: 'paid', when: { startOn: '2026-07-06' },
    actuals: { 'DV-VH-TTDL': { RESPONSE: '6' } },
    decision: { kind: 'approve', conclusion: 'accepted', text: 'Đồng ý nghiệm thu khối lượng quý II/2026; giảm trừ do thời gian phản hồi sự cố Trung tâm dữ liệu vượt mức.' },
  },
  {
    key: 'platforms-q3', order: 'platforms2026', periodNo: 3, until: 'in_council', when: { workingDaysAgo: 14 },
    voted: ['council1'],
    comment: { by: 'officer', text: 'Đề nghị các thành viên hội đồng hoàn thành phiếu đánh giá để kịp trình lãnh đạo Sở trong tuần.' },
  },
  // 2026 portals: Q1 after two supplement rounds, Q2 with an interim payment awaiting the final one, Q3 with the leader.
  {
    key: 'portals-q1', order: 'portals2026', periodNo: 1, until: 'paid', when: { startOn: '2026-04-08' },
    supplements: [
      'Thiếu biên bản xác nhận thời gian dừng hệ thống quản lý văn bản ngày 14/02; số liệu giám sát Cổng thông tin chưa có xác nhận.',
      'Bảng số liệu bổ sung chưa khớp với nhật ký giám sát tự động (chênh lệch 0,3 % thời gian sẵn sàng). Đề nghị nộp bản xuất gốc từ hệ thống giám sát.',
    ],
    actuals: { 'DV-VH-QLVB': { UPTIME: '99.1' }, 'DV-VH-TTHC': { RESPONSE: '6' } },
    decision: { kind: 'approve', conclusion: 'accepted_with_conditions', text: 'Nghiệm thu có điều kiện: đơn vị hoàn thành kết nối giám sát tự động cho phần mềm quản lý văn bản trước ngày 30/06/2026.' },
  },
  {
    key: 'portals-q2', order: 'portals2026', periodNo: 2, until: 'minutes_issued', when: { startOn: '2026-08-03' },
    conflict: { member: 'council2', note: 'Có người thân đang làm việc tại Trung tâm Chuyển đổi số (minh họa).' },
    actuals: { 'DV-VH-CONG': { RESPONSE: '5' } }, interimShare: 0.7,
    decision: { kind: 'approve', conclusion: 'accepted', text: 'Đồng ý nghiệm thu khối lượng quý II/2026.' },
  },
  { key: 'portals-q3', order: 'portals2026', periodNo: 3, until: 'awaiting_decision', when: { workingDaysAgo: 2 } },
  // Training: stage 1 rejected and prepared again, stage 2 approved, stage 3 being prepared.
  {
    key: 'training-1', order: 'training2026', periodNo: 1, until: 'rejected', when: { startOn: '2026-06-08' },
    actuals: { 'DV-DAOTAO': { ATTEND: '78' } },
    dissent: [
      { member: 'council1', vote: 'disagree', comment: 'Biên bản điểm danh lớp 3 và lớp 4 không có xác nhận của cơ quan cử học viên.' },
      { member: 'council2', vote: 'disagree', comment: 'Tỷ lệ tham dự thực tế thấp hơn báo cáo.' },
    ],
    councilSummary: 'Hội đồng không thống nhất đề nghị nghiệm thu: hồ sơ minh chứng không khớp báo cáo.',
    decision: { kind: 'reject', reason: 'Danh sách học viên của hai lớp không có xác nhận của cơ quan cử; tỷ lệ tham dự báo cáo (96 %) không khớp biên bản điểm danh (78 %). Đề nghị lập lại hồ sơ.' },
  },
  {
    key: 'training-1-again', order: 'training2026', periodNo: 1, until: 'paid', when: { startOn: '2026-07-08' },
    actuals: { 'DV-DAOTAO': { ATTEND: '91.5' } }, delivered: { 'DV-DAOTAO': '3' },
    decision: { kind: 'approve', conclusion: 'accepted', text: 'Nghiệm thu 3/4 lớp đạt yêu cầu; lớp thứ tư không đủ điều kiện nghiệm thu.' },
  },
  {
    key: 'training-2', order: 'training2026', periodNo: 2, until: 'approved', when: { workingDaysAgo: 1 },
    decision: { kind: 'approve', conclusion: 'accepted', text: 'Đồng ý nghiệm thu 4 lớp tập huấn đợt 2.' },
  },
  { key: 'training-3', order: 'training2026', periodNo: 3, until: 'draft', when: { workingDaysAgo: 2 }, isPartial: true },
  // Security monitoring, monthly: the open dossiers of the autumn.
  {
    key: 'soc-07', order: 'soc2026', periodNo: 1, until: 'in_appraisal', when: { workingDaysAgo: 12 },
    extension: { workingDays: 10, reason: 'Chờ Trung tâm Giám sát an toàn không gian mạng quốc gia xác nhận số liệu cảnh báo tháng 7 (minh họa).' },
    gaps: { extend: 9 },
  },
  {
    key: 'soc-08', order: 'soc2026', periodNo: 2, until: 'received', when: { workingDaysAgo: 6 },
    comment: { by: 'provider', text: 'Đề nghị Sở sớm phân công cán bộ thẩm định hồ sơ tháng 8 để kịp thanh toán trong quý.' },
    gaps: { comment: 5 },
  },
  {
    key: 'soc-09-withdrawn', order: 'soc2026', periodNo: 3, until: 'withdrawn', when: { workingDaysAgo: 9 },
    withdrawal: 'Nộp nhầm bảng số liệu cảnh báo của tháng 8; đơn vị rút hồ sơ để nộp lại.',
  },
  { key: 'soc-09', order: 'soc2026', periodNo: 3, until: 'submitted', when: { dueSoon: true } },
  {
    key: 'soc-10', order: 'soc2026', periodNo: 4, until: 'supplement_requested', when: { workingDaysAgo: 2 },
    actuals: { 'DV-GS-ATTT': { DETECT: '3' } },
    supplements: ['Bổ sung danh sách cảnh báo đã gửi các sở, xã trong tháng 10, kèm thời điểm phát hiện và thời điểm gửi cảnh báo.'],
  },
  // Digitisation by tender: the company's first milestone, short of pages and over the error rate, reviewed by the order's council.
  {
    key: 'digitisation-m1', order: 'digitisation2026', periodNo: 1, until: 'paid', when: { startOn: '2026-09-08' },
    delivered: { 'DV-SOHOA': '236500' },
    actuals: { 'DV-SOHOA': { ERRORS: '1.4' } },
    decision: { kind: 'approve', conclusion: 'accepted', text: 'Đồng ý nghiệm thu 236.500 trang của đợt 1; giảm trừ 3 % do tỷ lệ trang lỗi vượt mức cho phép.' },
  },
];

/** What a system's monitoring is called in evidence file names and texts. */
export const SERVICE_SYSTEM_NAMES: Record<string, string> = {
  'DV-VH-LGSP': 'LGSP', 'DV-VH-TTDL': 'Trung tâm dữ liệu', 'DV-VH-THU': 'thư điện tử công vụ', 'DV-VH-HNTH': 'hội nghị truyền hình',
  'DV-VH-CONG': 'Cổng thông tin điện tử', 'DV-VH-QLVB': 'quản lý văn bản', 'DV-VH-TTHC': 'giải quyết thủ tục hành chính',
  'DV-GS-ATTT': 'giám sát an toàn thông tin (SOC)', 'DV-DAOTAO': 'tập huấn kỹ năng số', 'DV-SOHOA': 'số hóa tài liệu',
};
