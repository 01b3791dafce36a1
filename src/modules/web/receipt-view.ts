import { formatDateTime } from './format.js';
import { asArray, asObject, num, text, type Json } from './json-read.js';
import { KINDS } from './check-form.js';
import { FIELD_LABELS, fieldMatchText, outcomeView, type OutcomeView } from './outcome-text.js';

export interface ReceiptView {
  reference: string;
  outcome: OutcomeView;
  outcomeCode: string;
  checkedAt: string;
  registerNumber: string;
  practitionerName: string;
  fields: {
    label: string;
    claimed: string;
    recorded: string;
    match: { text: string; classes: string };
  }[];
  asked: { label: string; value: string }[];
  proof: { label: string; value: string }[];
  /** The registry re-checked the receipt's signature just now. */
  genuine: boolean | null;
  checkedBy: string;
  /** The receipt's entry in the public audit log, when the API says where it stands. */
  auditLog: AuditLogView | null;
}

export interface AuditLogView {
  included: boolean;
  leafIndex: string;
  treeSize: string;
  rootHash: string;
  proof: string[];
}

const PROOF_LABELS: Record<string, string> = {
  type: 'Signature type',
  canonicalization: 'Canonical form',
  kid: 'Key id',
  signatureValue: 'Signature',
};

function show(v: unknown): string {
  if (typeof v === 'string') return v === '' ? '–' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === null || v === undefined ? '–' : JSON.stringify(v);
}

const showField = (name: string, value: unknown) =>
  name === 'kind' ? (KINDS.find((k) => k.value === value)?.text ?? show(value)) : show(value);

/** A check result or a stored receipt (same shape, the receipt adds what was asked and its proof). */
export function receiptView(data: unknown): ReceiptView {
  const d = asObject(data);
  const request = asObject(d.request ?? d.asked ?? d.query);
  const claim = asObject(request.claim ?? d.claim);
  const outcomeCode = text(d, 'outcome');
  const proofSource: Json = asObject(d.proof ?? d.signature);
  return {
    reference: text(d, 'reference'),
    outcome: outcomeView(outcomeCode),
    outcomeCode,
    checkedAt: formatDateTime(text(d, 'checkedAt', 'createdAt')),
    registerNumber: text(request, 'registerNumber') || text(d, 'registerNumber'),
    practitionerName: text(d, 'practitionerName') || text(asObject(d.practitioner), 'name'),
    fields: asArray(d.fields).map((f) => {
      const o = asObject(f);
      return {
        label: FIELD_LABELS[text(o, 'field')] ?? text(o, 'field'),
        claimed: showField(text(o, 'field'), o.claimed),
        recorded: showField(text(o, 'field'), o.recorded),
        match: fieldMatchText(o.match),
      };
    }),
    asked: Object.entries(claim).map(([key, value]) => ({
      label: FIELD_LABELS[key] ?? key,
      value: showField(key, value),
    })),
    proof: Object.entries(proofSource)
      .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
      .map(([key, value]) => ({ label: PROOF_LABELS[key] ?? key, value: show(value) })),
    genuine: typeof d.genuine === 'boolean' ? d.genuine : null,
    checkedBy: text(asObject(d.checkedBy), 'organisation'),
    auditLog: auditLogView(d.audit),
  };
}

function auditLogView(value: unknown): AuditLogView | null {
  const audit = asObject(value);
  const status = text(audit, 'status');
  if (status !== 'included' && status !== 'pending') return null;
  const proof = asObject(audit.inclusionProof);
  return {
    included: status === 'included',
    leafIndex: String(num(audit, 'leafIndex') ?? ''),
    treeSize: String(num(proof, 'size') ?? ''),
    rootHash: text(proof, 'rootHash'),
    proof: asArray(proof.proof).filter((h): h is string => typeof h === 'string'),
  };
}
