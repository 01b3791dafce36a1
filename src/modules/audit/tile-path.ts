/** A C2SP tlog-tiles resource: a hash tile at `level`, or an entry bundle. */
export interface TilePath {
  kind: 'hashes' | 'entries';
  level: number;
  index: number;
  /** Present for a partial tile (`.p/<width>`), 1..255. */
  width?: number;
}

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

/**
 * Parses what follows `tile/`: `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`, with N either in the
 * C2SP form (`x001/x234/067`: three-digit groups, all but the last prefixed `x`) or as a plain
 * decimal (`1234067`). Returns null for anything else.
 */
export function parseTilePath(path: string): TilePath | null {
  const parts = path.split('/');
  const head = parts.shift();
  let width: number | undefined;
  if (parts.length >= 2 && parts[parts.length - 2].endsWith('.p')) {
    const w = parts.pop() ?? '';
    if (!/^[1-9]\d*$/.test(w) || Number(w) >= TILE_WIDTH) return null;
    width = Number(w);
    parts[parts.length - 1] = parts[parts.length - 1].slice(0, -2);
  }
  const index = parseIndex(parts);
  if (index === null) return null;
  if (head === 'entries') return { kind: 'entries', level: 0, index, width };
  if (!head || !/^(0|[1-9]\d?)$/.test(head) || Number(head) > 63) return null;
  return { kind: 'hashes', level: Number(head), index, width };
}

function parseIndex(parts: string[]): number | null {
  if (parts.length === 1 && /^(0|[1-9]\d*)$/.test(parts[0])) {
    const n = Number(parts[0]);
    return Number.isSafeInteger(n) ? n : null;
  }
  if (parts.length === 0) return null;
  const last = parts[parts.length - 1];
  if (!/^\d{3}$/.test(last) || !parts.slice(0, -1).every((p) => /^x\d{3}$/.test(p))) return null;
  const n = Number(parts.map((p) => p.replace('x', '')).join(''));
  return Number.isSafeInteger(n) ? n : null;
}

/** The C2SP path form of a tile index: 1234067 → `x001/x234/067`. */
export function encodeTileIndex(index: number): string {
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}
