import { formatDateTime, type SignatureFinding, type SignatureFindingCode, type SignatureCheckStatus } from '@nghiemthu/shared';

/**
 * The sentences of a signature report, in Vietnamese and English, written
 * for the officer who files the record rather than for a cryptographer.
 * Times are shown as Vietnamese documents write them, in Vietnam time.
 */

type Text = { vi: string; en: string };

const time = (date: Date) => `${formatDateTime(date)} (GMT+7)`;

export type FindingParams = {
  subFilter?: string | null;
  detail?: Text;
  commonName?: string | null;
  anchor?: string | null;
  top?: string | null;
  notAfter?: Date;
  notBefore?: Date;
  at?: Date;
  claimedTime?: Date | null;
  authority?: string | null;
  count?: number;
  changes?: string[];
};

const SEVERITY: Record<SignatureFindingCode, SignatureFinding['severity']> = {
  signature_valid: 'info',
  signature_invalid: 'error',
  digest_mismatch: 'error',
  cms_unreadable: 'error',
  unsupported_sub_filter: 'error',
  byte_range_invalid: 'error',
  not_whole_revision: 'error',
  signer_certificate_missing: 'error',
  signing_certificate_attribute_missing: 'warning',
  signing_certificate_mismatch: 'error',
  chain_trusted: 'info',
  chain_untrusted: 'warning',
  certificate_expired: 'error',
  certificate_not_yet_valid: 'error',
  certificate_expired_since: 'info',
  timestamp_present: 'info',
  timestamp_invalid: 'warning',
  no_timestamp: 'info',
  last_revision: 'info',
  later_signatures_only: 'info',
  content_changed_after_signing: 'error',
  revocation_not_checked: 'info',
};

function text(code: SignatureFindingCode, p: FindingParams): Text {
  const who = p.commonName ?? 'người ký';
  const whoEn = p.commonName ?? 'the signer';
  switch (code) {
    case 'signature_valid':
      return {
        vi: 'Giá trị chữ ký đúng và mã băm của phần được ký khớp với mã băm đã ký.',
        en: 'The signature value verifies and the hash of the signed bytes matches the signed digest.',
      };
    case 'signature_invalid':
      return {
        vi: 'Giá trị chữ ký không khớp với khóa công khai trong chứng thư số của người ký.',
        en: "The signature value does not verify with the public key in the signer's certificate.",
      };
    case 'digest_mismatch':
      return {
        vi: 'Mã băm của phần được ký không khớp với mã băm trong chữ ký: nội dung đã ký đã bị sửa.',
        en: 'The hash of the signed bytes does not match the digest in the signature: the signed content was altered.',
      };
    case 'cms_unreadable':
      return { vi: 'Không đọc được dữ liệu chữ ký (CMS) trong tệp.', en: 'The signature data (CMS) in the file cannot be read.' };
    case 'unsupported_sub_filter':
      return {
        vi: `Định dạng chữ ký "${p.subFilter ?? '(không ghi)'}" chưa được hỗ trợ nên không kiểm tra được.`,
        en: `Signature format "${p.subFilter ?? '(none)'}" is not supported, so it cannot be checked.`,
      };
    case 'byte_range_invalid':
      return { vi: `Phạm vi được ký (ByteRange) không hợp lệ: ${p.detail?.vi}.`, en: `The signed byte range is not valid: ${p.detail?.en}.` };
    case 'not_whole_revision':
      return {
        vi: 'Phạm vi được ký không kết thúc ở cuối một phiên bản của tệp, nên không xác định được nội dung đã ký.',
        en: 'The signed range does not end where a revision of the file ends, so what was signed cannot be determined.',
      };
    case 'signer_certificate_missing':
      return { vi: 'Chữ ký không kèm chứng thư số của người ký.', en: "The signature does not carry the signer's certificate." };
    case 'signing_certificate_attribute_missing':
      return {
        vi: 'Chữ ký PAdES thiếu thuộc tính signing-certificate-v2 gắn chứng thư số với chữ ký.',
        en: 'The PAdES signature lacks the signing-certificate-v2 attribute that binds the certificate to the signature.',
      };
    case 'signing_certificate_mismatch':
      return {
        vi: 'Chứng thư số kèm theo khác với chứng thư số mà người ký đã cam kết trong chữ ký.',
        en: 'The attached certificate differs from the one the signer committed to in the signature.',
      };
    case 'chain_trusted':
      return {
        vi: `Chứng thư số của ${who} thuộc chuỗi của tổ chức chứng thực tin cậy "${p.anchor}".`,
        en: `The certificate of ${whoEn} chains to the trusted authority "${p.anchor}".`,
      };
    case 'chain_untrusted':
      return {
        vi: `Chứng thư số của ${who} không thuộc chuỗi của tổ chức chứng thực tin cậy nào đã cấu hình (chuỗi dừng ở "${p.top}").`,
        en: `The certificate of ${whoEn} does not chain to any configured trusted authority (the chain ends at "${p.top}").`,
      };
    case 'certificate_expired':
      return {
        vi: `Chứng thư số "${p.commonName}" đã hết hạn lúc ${time(p.notAfter!)}, trước thời điểm ký ${time(p.at!)}.`,
        en: `Certificate "${p.commonName}" expired at ${time(p.notAfter!)}, before the signing time ${time(p.at!)}.`,
      };
    case 'certificate_not_yet_valid':
      return {
        vi: `Chứng thư số "${p.commonName}" chỉ có hiệu lực từ ${time(p.notBefore!)}, sau thời điểm ký ${time(p.at!)}.`,
        en: `Certificate "${p.commonName}" is valid only from ${time(p.notBefore!)}, after the signing time ${time(p.at!)}.`,
      };
    case 'certificate_expired_since':
      return {
        vi: `Chứng thư số của ${who} đã hết hạn lúc ${time(p.notAfter!)}, sau khi ký; chữ ký được đánh giá tại thời điểm ký.`,
        en: `The certificate of ${whoEn} expired at ${time(p.notAfter!)}, after signing; the signature is judged at the signing time.`,
      };
    case 'timestamp_present':
      return {
        vi: `Có dấu thời gian RFC 3161 lúc ${time(p.at!)}${p.authority ? ` do "${p.authority}" cấp` : ''}.`,
        en: `An RFC 3161 timestamp at ${time(p.at!)}${p.authority ? ` from "${p.authority}"` : ''} is present.`,
      };
    case 'timestamp_invalid':
      return {
        vi: 'Dấu thời gian không khớp với chữ ký hoặc chữ ký của dấu thời gian sai; không dùng dấu thời gian này.',
        en: "The timestamp does not match the signature or its own signature is wrong; it is not used.",
      };
    case 'no_timestamp':
      return p.claimedTime
        ? {
            vi: `Không có dấu thời gian; thời điểm ký ${time(p.claimedTime)} là do người ký tự ghi.`,
            en: `No timestamp; the signing time ${time(p.claimedTime)} is the signer's own claim.`,
          }
        : {
            vi: 'Không có dấu thời gian và không ghi thời điểm ký; chứng thư số được kiểm tra tại thời điểm kiểm tra.',
            en: 'No timestamp and no signing time; the certificate was checked as of now.',
          };
    case 'last_revision':
      return { vi: 'Tệp không bị sửa sau khi ký.', en: 'The file has not been changed since it was signed.' };
    case 'later_signatures_only':
      return {
        vi: `Sau khi ký, tệp có ${p.count} lần cập nhật chỉ thêm chữ ký hoặc dữ liệu xác thực; nội dung không đổi.`,
        en: `Since signing, the file had ${p.count} update(s) that only added signatures or validation data; the content is unchanged.`,
      };
    case 'content_changed_after_signing':
      return {
        vi: `Sau khi ký, tệp đã bị sửa nội dung (${p.changes?.join('; ')}).`,
        en: `The file's content was changed after signing (${p.changes?.join('; ')}).`,
      };
    case 'revocation_not_checked':
      return {
        vi: 'Chưa kiểm tra chứng thư số có bị thu hồi hay không (CRL/OCSP).',
        en: 'Whether the certificate was revoked (CRL/OCSP) was not checked.',
      };
  }
}

export function finding(code: SignatureFindingCode, params: FindingParams = {}): SignatureFinding {
  return { code, severity: SEVERITY[code], ...text(code, params) };
}

export function summary(status: SignatureCheckStatus, findings: SignatureFinding[], hasLaterUpdates: boolean): Text {
  switch (status) {
    case 'valid':
      return hasLaterUpdates
        ? {
            vi: 'Chữ ký hợp lệ; sau khi ký tệp chỉ được thêm chữ ký hoặc dữ liệu xác thực, nội dung không đổi.',
            en: 'The signature is valid; since signing, only signatures or validation data were added and the content is unchanged.',
          }
        : { vi: 'Chữ ký hợp lệ; tệp không bị sửa sau khi ký.', en: 'The signature is valid; the file has not been changed since it was signed.' };
    case 'invalid': {
      const reason = findings.find((f) => f.severity === 'error');
      return { vi: `Chữ ký không hợp lệ. ${reason?.vi ?? ''}`.trim(), en: `The signature is not valid. ${reason?.en ?? ''}`.trim() };
    }
    case 'unknown_signer':
      return {
        vi: 'Chữ ký đúng về kỹ thuật và tệp không bị sửa, nhưng chứng thư số không do tổ chức chứng thực tin cậy nào đã cấu hình cấp, nên chưa xác nhận được người ký.',
        en: 'The signature is technically correct and the file is unchanged, but the certificate was not issued by a configured trusted authority, so the signer is not confirmed.',
      };
    case 'modified_after_signing':
      return {
        vi: 'Chữ ký đúng với phiên bản đã ký, nhưng nội dung tệp đã bị sửa sau khi ký.',
        en: 'The signature is correct for the version that was signed, but the file was changed after signing.',
      };
  }
}

export const BYTE_RANGE_PROBLEMS = {
  shape: { vi: 'không gồm đúng bốn số nguyên không âm', en: 'it is not four non-negative integers' },
  start: { vi: 'không bắt đầu từ đầu tệp', en: 'it does not start at the beginning of the file' },
  gap: { vi: 'phần bỏ ra không đúng là giá trị chữ ký', en: 'the gap is not exactly the signature value' },
  beyond: { vi: 'vượt quá cuối tệp', en: 'it goes past the end of the file' },
} satisfies Record<string, Text>;
