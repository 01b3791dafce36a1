/** One problem with one form field, the NHS.UK way: summary link at the top, message by the field. */
export interface FormError {
  field: string;
  text: string;
}

export interface FormErrorView {
  /** For the error summary macro. */
  errors: { text: string; href: string }[];
  /** For each field's errorMessage. */
  fieldErrors: Record<string, string>;
}

/** The first message per field, in the order given; `ids` maps a field to its input id when they differ. */
export function formErrorView(list: FormError[], ids: Record<string, string> = {}): FormErrorView {
  const fieldErrors: Record<string, string> = {};
  const errors: { text: string; href: string }[] = [];
  for (const error of list) {
    if (fieldErrors[error.field] !== undefined) continue;
    fieldErrors[error.field] = error.text;
    errors.push({ text: error.text, href: `#${ids[error.field] ?? error.field}` });
  }
  return { errors, fieldErrors };
}

/** A form field as a trimmed string ('' when missing or repeated oddly). */
export function field(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0].trim();
  return '';
}
