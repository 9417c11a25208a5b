import type { SignatureReport } from '@nghiemthu/shared';
import { SignatureError } from '../signatures/signature-error.js';
import { validatePdfSignatures } from '../signatures/validate-pdf-signatures.js';

type DocumentSignatureStatus = 'none' | 'not_checked' | 'valid' | 'invalid' | 'unknown_signer' | 'modified_after_signing';

/** The worst first: one bad signature makes the document's status bad. */
const SEVERITY: DocumentSignatureStatus[] = ['invalid', 'modified_after_signing', 'unknown_signer', 'valid'];

/**
 * Validates a PDF's embedded signatures against the trust anchors in force and
 * sums them up as one status for the document (the report keeps each one). A
 * file the validator cannot read is kept as it is and marked not checked.
 */
export async function checkSignatures(pdf: Buffer, anchors: Buffer[], now: Date): Promise<{ status: DocumentSignatureStatus; report: SignatureReport | null }> {
  let report: SignatureReport;
  try {
    report = await validatePdfSignatures(pdf, { certificates: anchors }, now);
  } catch (error) {
    if (error instanceof SignatureError) return { status: 'not_checked', report: null };
    throw error;
  }
  if (report.signatures.length === 0) return { status: 'none', report };
  const statuses = report.signatures.map((s) => s.status);
  return { status: SEVERITY.find((status) => statuses.includes(status as never)) ?? 'invalid', report };
}
