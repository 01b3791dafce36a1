/** Reads loosely typed API JSON safely: the pages never trust a shape they did not check. */
export type Json = Record<string, unknown>;

export const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The first of `keys` that holds a string or number, as a string; '' when none does. */
export function text(object: unknown, ...keys: string[]): string {
  const o = asObject(object);
  for (const key of keys) {
    const value = o[key];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
  }
  return '';
}

export function num(object: unknown, key: string): number | null {
  const value = asObject(object)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
