import { describe, expect, it } from 'vitest';
import { decodeManifestPath, encodeManifestPath, findPathProblem } from './bag-paths.js';
import { fieldsToRecord, formatBagSize, formatBaggingDate, formatTagField, parseManifest, parseOxum, parseTagFile } from './bag-text.js';
import { fileHeader } from './tar-pack.js';

describe('bag-info folding', () => {
  const values = [
    'Sở Thông tin và Truyền thông tỉnh Bắc Ninh',
    'Hồ sơ nghiệm thu sản phẩm, dịch vụ công nghệ thông tin sử dụng ngân sách nhà nước theo hình thức đặt hàng, giao nhiệm vụ hoặc đấu thầu; đã đóng và chuyển lưu trữ lịch sử.',
    `dài ${'x'.repeat(120)} rồi  hai  dấu  cách  giữa  các  từ  để  kiểm  tra  việc  gập  dòng  không  làm  mất  khoảng  trắng`,
    'không-có-dấu-cách-'.repeat(10),
  ];

  it.each(values)('folds at spaces within 79 characters and reads back the same value: %s', (value) => {
    const text = formatTagField({ label: 'External-Description', value });
    const lines = text.split('\n').filter(Boolean);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\S/);
    for (const line of lines) {
      const content = line.startsWith('  ') ? line.slice(2) : line.slice(line.indexOf(': ') + 2);
      // Only a run without a usable space may overflow.
      if ([...line].length > 79) expect(content).not.toMatch(/ \S/);
    }
    expect(parseTagFile(text)).toEqual({ fields: [{ label: 'External-Description', value }], errors: [] });
  });

  it('reads CRLF and CR line ends, tab continuations and repeated labels', () => {
    const { fields, errors } = parseTagFile('\uFEFFA: 1\r\nB: hai\r\n\tba\rA: 2\n');
    expect(errors).toEqual([]);
    expect(fieldsToRecord(fields)).toEqual({ A: ['1', '2'], B: 'hai ba' });
  });

  it('reports lines that are not "Label: value"', () => {
    expect(parseTagFile('  leading continuation\nno colon here\n: no label\n').errors).toHaveLength(3);
  });
});

describe('manifest paths', () => {
  it('percent-encodes CR, LF and % only, and decodes only those', () => {
    const path = 'data/a%b\r\nc 100% é%20.txt';
    const encoded = encodeManifestPath(path);
    expect(encoded).toBe('data/a%25b%0D%0Ac 100%25 é%2520.txt');
    expect(decodeManifestPath(encoded)).toBe(path);
    expect(decodeManifestPath('data/x%20y%0a.txt')).toBe('data/x%20y\n.txt');
  });

  it('parses "checksum path" lines with any whitespace and line end', () => {
    const { entries, errors } = parseManifest(`${'A'.repeat(64)}  data/Tờ trình.pdf\r\n${'b'.repeat(64)}\tdata/a b.txt\nnot a line\n\n`);
    expect(entries).toEqual([
      { checksum: 'a'.repeat(64), path: 'data/Tờ trình.pdf' },
      { checksum: 'b'.repeat(64), path: 'data/a b.txt' },
    ]);
    expect(errors).toEqual(['line 3: expected "checksum path"']);
  });

  it.each([
    ['hồ sơ/tờ trình.pdf', null],
    ['..', "contains a '..' segment"],
    ['a/../../b', "contains a '..' segment"],
    ['/abs', 'absolute path'],
    ['c:/x', 'absolute path'],
    ['a\\b', 'contains a backslash'],
    ['a/./b', "contains a '.' segment"],
    ['a/', 'contains an empty segment (// or a trailing /)'],
    ['a\0b', 'contains a NUL character'],
    ['...', null],
    ['a..b/..c', null],
  ])('path %j: %s', (path, problem) => {
    expect(findPathProblem(path)).toBe(problem);
  });
});

describe('bag-info values', () => {
  it('formats Oxum, Bag-Size and the Vietnamese Bagging-Date', () => {
    expect(parseOxum('1024.3')).toEqual({ bytes: 1024, files: 3 });
    expect(parseOxum('1024')).toBeNull();
    expect(formatBagSize(512)).toBe('512 bytes');
    expect(formatBagSize(300 * 1024 * 1024)).toBe('300.0 MB');
    expect(formatBagSize(2.5 * 1024 ** 3)).toBe('2.5 GB');
    // 23:30 UTC on 1 March is already 2 March in Hà Nội.
    expect(formatBaggingDate(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
  });
});

describe('tar headers', () => {
  it('moves sizes over 8 GiB into a pax record, where ustar cannot hold them', () => {
    expect(fileHeader('b/data/x', 8 * 1024 ** 3 - 1, new Date(0)).pax).toBeUndefined();
    expect(fileHeader('b/data/x', 20 * 1024 ** 3, new Date(0)).pax).toEqual({ size: String(20 * 1024 ** 3) });
  });

  it('clamps mtimes after 2038-01-19, which tar-stream would write as a negative number', () => {
    expect(fileHeader('b/x', 1, new Date('2100-01-01')).mtime).toEqual(new Date('2038-01-19T03:14:07Z'));
  });
});
