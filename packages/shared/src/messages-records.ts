/**
 * Messages of records and digitisation (scans, text recognition), Vietnamese
 * first. Kept apart from messages.ts so each part stays readable; messages.ts
 * merges them into the one catalogue, as it does messages-acceptance.ts.
 */
export const recordsVi = {
  scanMediaTypeUnsupported: 'Bản quét phải là tệp PDF, TIFF, JPEG hoặc PNG; tệp gửi lên có kiểu "{type}".',
  scanDamaged: 'Tệp {format} bị hỏng hoặc không đầy đủ (có thể tải lên chưa hết). Hãy tải lên lại tệp gốc.',
  scanEncrypted: 'Tệp PDF được đặt mật khẩu hoặc mã hóa nên không đọc được. Hãy gỡ mật khẩu rồi tải lên lại.',
  scanResolutionTooLow:
    'Trang {page} được quét ở {dpi} dpi, thấp hơn mức tối thiểu {min} dpi của bản số hóa. Hãy quét lại trang này ở {min} dpi trở lên.',
  scanResolutionNotRecorded:
    'Ảnh quét trang {page} không ghi độ phân giải (dpi) nên không kiểm tra được mức tối thiểu {min} dpi. Hãy quét lại với tùy chọn lưu độ phân giải, hoặc quét thành tệp PDF.',
  scanImageHasAlpha: 'Ảnh quét có kênh trong suốt (alpha) nên không nhận dạng chữ được. Hãy lưu lại ảnh không có nền trong suốt hoặc quét thành tệp PDF.',
  ocrToolMissing: 'Máy chủ chưa cài công cụ nhận dạng chữ. Quản trị viên cần cài các gói Debian: {packages}.',
  ocrFailed: 'Không nhận dạng được chữ của bản quét; bản gốc vẫn được giữ nguyên. Hãy thử lại sau hoặc báo quản trị viên.',
  thingRecord: 'hồ sơ lưu trữ',
  thingDocument: 'văn bản',
  thingRecordClass: 'loại hồ sơ',
  thingTrustAnchor: 'chứng thư số tin cậy',
  trustAnchorUnreadable: 'Không đọc được chứng thư số; hãy dán nội dung tệp .pem (bắt đầu bằng -----BEGIN CERTIFICATE-----).',
};

export const recordsEn: Record<keyof typeof recordsVi, string> = {
  scanMediaTypeUnsupported: 'A scan must be a PDF, TIFF, JPEG or PNG file; the file sent is "{type}".',
  scanDamaged: 'The {format} file is damaged or incomplete (the upload may have been cut off). Upload the original file again.',
  scanEncrypted: 'The PDF file is password-protected or encrypted and cannot be read. Remove the password and upload it again.',
  scanResolutionTooLow:
    'Page {page} was scanned at {dpi} dpi, below the {min} dpi minimum for digitised documents. Scan this page again at {min} dpi or more.',
  scanResolutionNotRecorded:
    'The scan image of page {page} does not record its resolution (dpi), so the {min} dpi minimum cannot be checked. Scan it again with the resolution saved, or scan to a PDF file.',
  scanImageHasAlpha: 'The scan image has a transparency (alpha) channel, so its text cannot be recognised. Save it again without transparency or scan to a PDF file.',
  ocrToolMissing: 'The text recognition tools are not installed on the server. An administrator needs to install the Debian packages: {packages}.',
  ocrFailed: 'The text of the scan could not be recognised; the original is kept unchanged. Try again later or tell an administrator.',
  thingRecord: 'record',
  thingDocument: 'document',
  thingRecordClass: 'record class',
  thingTrustAnchor: 'trust anchor',
  trustAnchorUnreadable: 'The certificate cannot be read; paste the content of the .pem file (starting with -----BEGIN CERTIFICATE-----).',
};

export type RecordsMessageKey = keyof typeof recordsVi;
