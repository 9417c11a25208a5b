import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { formatVnd } from '@nghiemthu/shared';
import { type MinutesPdfInput, renderMinutesPdf, vndInWords } from './minutes-pdf.js';

// Real poppler tools read what a person's viewer would show; Debian fonts
// (fonts-noto-core) and poppler-utils are test prerequisites like PGlite.
const FONT_DIR = '/usr/share/fonts/truetype/noto';
const workDir = mkdtempSync(path.join(tmpdir(), 'minutes-pdf-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// jsqr ships a CommonJS bundle: under NodeNext its default import is the module object.
const decodeQr = jsqr.default;

const VERIFY_URL = 'https://nghiemthu.example.gov.vn/verify/0b6f3c2e-8d5a-4c1e-9f3a-2b7d6e5c4a10';

type Line = MinutesPdfInput['lines'][number];

function line(lineNo: number, overrides: Partial<Line> = {}): Line {
  return {
    lineNo,
    serviceCode: `DV-${String(lineNo).padStart(3, '0')}`,
    serviceName: `Dịch vụ hỗ trợ kỹ thuật số ${lineNo}`,
    unit: 'Tháng',
    unitPrice: 15_000_000,
    plannedQuantity: '3',
    plannedValue: 45_000_000,
    acceptedQuantity: '3',
    deduction: 0,
    acceptedValue: 45_000_000,
    ...overrides,
  };
}

function totalsOf(lines: Line[]): MinutesPdfInput['totals'] {
  const sum = (pick: (item: Line) => number) => lines.reduce((total, item) => total + pick(item), 0);
  return { plannedValue: sum((item) => item.plannedValue), deduction: sum((item) => item.deduction), acceptedValue: sum((item) => item.acceptedValue) };
}

function minutes(overrides: Partial<MinutesPdfInput> = {}): MinutesPdfInput {
  const lines = overrides.lines ?? [
    line(1, {
      serviceCode: 'TDT-VH-01',
      serviceName: 'Vận hành, giám sát và bảo đảm an toàn thông tin hệ thống thư điện tử công vụ của tỉnh (bao gồm sao lưu dữ liệu hằng ngày)',
      unit: 'Tháng',
      unitPrice: 18_500_000,
      plannedQuantity: '3',
      plannedValue: 55_500_000,
      acceptedQuantity: '3',
      deduction: 1_250_000,
      acceptedValue: 54_250_000,
    }),
    line(2, {
      serviceCode: 'TDT-HT-02',
      serviceName: 'Hỗ trợ người dùng, tiếp nhận và xử lý yêu cầu qua tổng đài và cổng hỗ trợ trực tuyến',
      unit: 'Yêu cầu',
      unitPrice: 120_000,
      plannedQuantity: '1500.5',
      plannedValue: 180_060_000,
      acceptedQuantity: '1500.5',
      acceptedValue: 180_060_000,
    }),
    line(3, {
      serviceCode: 'TDT-TK-03',
      serviceName: 'Cấp mới hộp thư',
      unit: 'Hộp thư',
      unitPrice: 50_000,
      plannedQuantity: '200',
      plannedValue: 10_000_000,
      acceptedQuantity: '180',
      acceptedValue: 9_000_000,
    }),
  ];
  return {
    issuerParentName: 'UBND TỈNH AN BÌNH',
    issuerName: 'Sở Khoa học và Công nghệ',
    numberAndSymbol: '15/BB-SKHCN',
    place: 'An Bình',
    issuedOn: '2026-11-22',
    title: 'Dịch vụ vận hành hệ thống thư điện tử công vụ, quý III năm 2026',
    basis: [
      'Căn cứ Nghị định số 32/2019/NĐ-CP ngày 10/4/2019 của Chính phủ quy định giao nhiệm vụ, đặt hàng hoặc đặt thầu cung cấp sản phẩm, dịch vụ công sử dụng ngân sách nhà nước từ nguồn kinh phí chi thường xuyên;',
      'Căn cứ Quyết định số 12/QĐ-SKHCN ngày 05/01/2026 của Giám đốc Sở Khoa học và Công nghệ về việc đặt hàng dịch vụ vận hành hệ thống thư điện tử công vụ năm 2026;',
    ],
    dossierCode: '000.00.11.H99-261122-0001',
    meetingAt: '2026-11-22T02:00:00Z', // 09:00 in Vietnam
    participants: [
      { side: 'ordering', fullName: 'Nguyễn Thị Thu Hằng', position: 'Phó Giám đốc', agencyName: 'Sở Khoa học và Công nghệ' },
      { side: 'ordering', fullName: 'Trần Văn Đức', position: 'Trưởng phòng Công nghệ thông tin', agencyName: 'Sở Khoa học và Công nghệ' },
      { side: 'provider', fullName: 'Lê Quang Vinh', position: 'Giám đốc', agencyName: 'Công ty Cổ phần Dịch vụ số An Bình' },
      { side: 'council', fullName: 'Phạm Minh Tuấn', position: 'Chủ tịch Hội đồng', agencyName: 'Sở Tài chính' },
    ],
    lines,
    deductions: lines.some((item) => item.deduction > 0)
      ? [{ lineNo: 1, kpiName: 'Tỷ lệ thời gian hệ thống hoạt động', reason: 'đạt 99,2%, thấp hơn chỉ tiêu 99,5% trong tháng 8', amount: 1_250_000 }]
      : [],
    totals: totalsOf(lines),
    conclusion: 'accepted_with_conditions',
    conclusionText: 'Bên cung cấp dịch vụ hoàn thành khắc phục các tồn tại nêu trên trước ngày 15/12/2026 và báo cáo bằng văn bản cho Bên đặt hàng.',
    signatures: [
      { heading: 'Đại diện bên cung cấp', fullName: 'Lê Quang Vinh' },
      { heading: 'Chủ tịch hội đồng', fullName: 'Phạm Minh Tuấn' },
      { heading: 'Đại diện bên đặt hàng', fullName: 'Nguyễn Thị Thu Hằng', actingFor: 'Giám đốc Sở' },
    ],
    verifyUrl: VERIFY_URL,
    fontDir: FONT_DIR,
    ...overrides,
  };
}

function save(name: string, pdf: Buffer): string {
  const file = path.join(workDir, name);
  writeFileSync(file, pdf);
  return file;
}

/** poppler writes Intl's no-break space as a plain space; compare on plain spaces. */
function textOf(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');
}

function pageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('renderMinutesPdf', () => {
  it('prints the Decree 30 header, the participants, the table and the amounts as extractable Vietnamese text', async () => {
    const input = minutes();
    const file = save('three-lines.pdf', await renderMinutesPdf(input));
    const text = textOf(file);

    for (const expected of [
      'UBND TỈNH AN BÌNH',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 15/BB-SKHCN',
      'An Bình, ngày 22 tháng 11 năm 2026',
      'BIÊN BẢN NGHIỆM THU',
      'Căn cứ Quyết định số 12/QĐ-SKHCN ngày 05/01/2026',
      'Hôm nay, hồi 09 giờ 00 ngày 22/11/2026, tại An Bình, chúng tôi gồm:',
      'Bên đặt hàng (giao nhiệm vụ):',
      'Bên cung cấp dịch vụ:',
      'Hội đồng nghiệm thu:',
      'Nguyễn Thị Thu Hằng',
      '1.500,5',
      '18.500.000',
      'Tổng cộng',
      plain(formatVnd(input.totals.acceptedValue)),
      'Bằng chữ: Hai trăm bốn mươi ba triệu ba trăm mười nghìn đồng.',
      'Kết luận: Nghiệm thu có điều kiện.',
      '(thay mặt Giám đốc Sở)',
      VERIFY_URL,
      'Quét mã để kiểm tra tính xác thực của biên bản',
      'Mã hồ sơ: 000.00.11.H99-261122-0001',
    ]) {
      expect(text).toContain(expected);
    }
    const pages = pageCount(file);
    expect(text).toContain(`Trang 1/${pages}`);
    expect(text).toContain(`Trang ${pages}/${pages}`);
  });

  it('spreads a long table over pages, numbering them "Trang x/y"', async () => {
    const lines = Array.from({ length: 40 }, (_, index) => line(index + 1));
    const file = save('forty-lines.pdf', await renderMinutesPdf(minutes({ lines })));
    const text = textOf(file);

    expect(pageCount(file)).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Trang 1/');
    expect(text).toContain('Trang 2/');
    expect(text).toContain('Mã: DV-040');
    expect(text).toContain('Không có khoản giảm trừ.');
    expect(text).toContain(plain(formatVnd(40 * 45_000_000)));
    // The header row is repeated on the page the table continues on.
    const secondPage = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
    expect(secondPage).toContain('STT');
    expect(secondPage).toContain('Giá trị');
  });

  it('prints decomposed (NFD) input as composed (NFC) text', async () => {
    const input = minutes({
      issuerName: 'Sở Khoa học và Công nghệ'.normalize('NFD'),
      participants: [{ side: 'ordering', fullName: 'Nguyễn Thị Thu Hằng'.normalize('NFD'), position: 'Phó Giám đốc', agencyName: 'Sở Khoa học và Công nghệ' }],
    });
    const text = textOf(save('nfd.pdf', await renderMinutesPdf(input)));

    expect(text).toContain('Nguyễn Thị Thu Hằng'.normalize('NFC'));
    expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ'.normalize('NFC'));
    expect(text).toBe(text.normalize('NFC'));
  });

  it('embeds every font it uses', async () => {
    const file = save('fonts.pdf', await renderMinutesPdf(minutes()));
    const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);

    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      // Columns: name, type (one or two words), encoding, emb, sub, uni, object, ID.
      const columns = row.trim().split(/\s+/);
      expect(columns.at(-5), row).toBe('yes');
    }
  });

  it('encodes the verification URL in a QR code on the last page', async () => {
    const file = save('qr.pdf', await renderMinutesPdf(minutes()));
    const last = pageCount(file);
    const prefix = path.join(workDir, 'qr-page');
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', String(last), '-l', String(last), '-singlefile', file, prefix]);
    const png = PNG.sync.read(readFileSync(`${prefix}.png`));

    const code = decodeQr(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(VERIFY_URL);
  });

  it('gives byte-identical files for equal input', async () => {
    const input = minutes();
    const [first, second] = await Promise.all([renderMinutesPdf(input), renderMinutesPdf(structuredClone(input))]);
    expect(first.equals(second)).toBe(true);
  });

  it('names the missing font file and the Debian package that provides it', async () => {
    const fontDir = mkdtempSync(path.join(workDir, 'no-fonts-'));
    await expect(renderMinutesPdf(minutes({ fontDir }))).rejects.toThrow(/NotoSerif-Regular\.ttf.*fonts-noto-core/);
  });
});

describe('vndInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [25, 'Hai mươi lăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_001_000, 'Một triệu không trăm linh một nghìn đồng'],
    [1_000_005, 'Một triệu không trăm linh năm đồng'],
    [2_500_150_000, 'Hai tỷ năm trăm triệu một trăm năm mươi nghìn đồng'],
    [1_000_000_000_000, 'Một nghìn tỷ đồng'],
    [3_000_021_000_000, 'Ba nghìn tỷ không trăm hai mươi mốt triệu đồng'],
  ])('%d → %s', (amount, words) => {
    expect(vndInWords(amount)).toBe(words);
  });

  it('refuses amounts that are not whole, non-negative đồng', () => {
    expect(() => vndInWords(-1)).toThrow(RangeError);
    expect(() => vndInWords(1.5)).toThrow(RangeError);
  });
});
