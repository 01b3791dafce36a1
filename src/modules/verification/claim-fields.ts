/** The fields of a claimed qualification, in the order checks, forms and reports list them. */
export const CLAIM_FIELDS = [
  'kind',
  'title',
  'awardingBody',
  'subject',
  'level',
  'result',
  'awardedYear',
] as const;
