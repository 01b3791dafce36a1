import type { TagView } from './tags.js';

export interface OutcomeView {
  heading: string;
  body: string;
  tag: TagView;
  /** The NHS.UK panel is only for a confirmed success; the rest use inset text or a warning. */
  verified: boolean;
}

const view = (
  heading: string,
  body: string,
  text: string,
  colour: string,
  verified = false,
): OutcomeView => ({
  heading,
  body,
  tag: { text, classes: `nhsuk-tag--${colour}` },
  verified,
});

/** A check's outcome in plain words. */
export function outcomeView(outcome: string): OutcomeView {
  switch (outcome) {
    case 'verified':
      return view(
        'Qualification verified',
        'The register holds this qualification, confirmed by the awarding body, and every detail you entered matches it.',
        'Verified',
        'green',
        true,
      );
    case 'partial-match':
      return view(
        'Some details do not match',
        'The register holds a matching qualification, but some details you entered differ from the record. Compare them below.',
        'Partial match',
        'orange',
      );
    case 'awaiting-confirmation':
      return view(
        'Not yet confirmed',
        'The practitioner has declared this qualification, but the awarding body has not confirmed it yet. Do not rely on it.',
        'Awaiting confirmation',
        'yellow',
      );
    case 'rejected-by-awarding-body':
      return view(
        'Rejected by the awarding body',
        'The practitioner declared this qualification and the awarding body said its records do not support it.',
        'Rejected',
        'red',
      );
    case 'revoked':
      return view(
        'Qualification revoked',
        'The awarding body has revoked this qualification. It is no longer valid.',
        'Revoked',
        'red',
      );
    case 'suspended':
      return view(
        'Qualification suspended',
        'The awarding body has suspended this qualification. It is not valid while suspended.',
        'Suspended',
        'orange',
      );
    case 'expired':
      return view(
        'Qualification expired',
        'The register holds this qualification, but it has passed its end date.',
        'Expired',
        'grey',
      );
    case 'no-record':
      return view(
        'No record found',
        'The register holds no confirmed record of this qualification for this practitioner.',
        'No record',
        'grey',
      );
    default:
      return view('Check complete', 'See the details below.', outcome, 'grey');
  }
}

export function fieldMatchText(match: unknown): { text: string; classes: string } {
  if (match === true || match === 'exact' || match === 'equivalent') {
    return {
      text: match === 'equivalent' ? 'Matches (same meaning)' : 'Matches',
      classes: 'nhsuk-tag--green',
    };
  }
  if (match === 'not-recorded') return { text: 'Not on the record', classes: 'nhsuk-tag--grey' };
  if (match === 'not-claimed') return { text: 'Not entered', classes: 'nhsuk-tag--white' };
  return { text: 'Does not match', classes: 'nhsuk-tag--red' };
}

export const FIELD_LABELS: Record<string, string> = {
  kind: 'Type',
  title: 'Qualification',
  awardingBody: 'Awarding body',
  subject: 'Subject',
  level: 'Level',
  result: 'Result or grade',
  awardedYear: 'Year awarded',
};
