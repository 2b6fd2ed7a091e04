/**
 * What the certificate fonts (Noto Sans SC Regular and Bold) can draw and how wide each character is, read from a
 * compact table generated from the font files (`certificate-font-table.ts`, `npm run fonts:table`). Functions that
 * carry no fonts — the applications function at filing — decide with it exactly as the renderer does with the fonts
 * themselves; a unit test regenerates the table from the fonts and fails if the committed one differs.
 *
 * Table encoding (all numbers base 36): `coverage` is a comma-separated list of ranges `gap.length`, where `gap` is
 * the number of code points skipped since the previous range's last one and `length` is last − first. `advances`
 * lists the runs of covered code points whose advance width differs from `defaultAdvance`, as `gap.length.width`.
 */
import { CERTIFICATE_FONT_TABLE } from './certificate-font-table';

/** The two fonts of the certificate. @example const role: CertificateFontRole = 'bold'; */
export type CertificateFontRole = 'regular' | 'bold';

/** Identity of a font file the table was generated from. */
export interface FontFileIdentity {
  readonly postscriptName: string;
  readonly version: string;
  readonly sha256: string;
}

/**
 * The generated table's shape.
 *
 * @example
 * const t: CertificateFontTable = CERTIFICATE_FONT_TABLE;
 */
export interface CertificateFontTable {
  readonly fonts: Readonly<Record<CertificateFontRole, FontFileIdentity>>;
  readonly unitsPerEm: number;
  /** Code points both fonts draw (they cover the same set). */
  readonly coverage: string;
  readonly defaultAdvance: number;
  readonly advances: Readonly<Record<CertificateFontRole, string>>;
}

/** Sorted, inclusive ranges with a value each. */
interface Runs {
  readonly firsts: Uint32Array;
  readonly lasts: Uint32Array;
  readonly values: Uint32Array;
}

/**
 * Encode sorted, disjoint `[first, last, value?]` runs as the table's text (value omitted when `withValue` is false).
 *
 * @example
 * encodeRuns([[0x41, 0x5a]], false); // '1t.p'
 */
export function encodeRuns(runs: readonly (readonly number[])[], withValue: boolean): string {
  let previousLast = -1;
  return runs
    .map(([first = 0, last = 0, value = 0]) => {
      const parts = [(first - previousLast - 1).toString(36), (last - first).toString(36)];
      if (withValue) parts.push(value.toString(36));
      previousLast = last;
      return parts.join('.');
    })
    .join(',');
}

function decodeRuns(text: string): Runs {
  const items = text === '' ? [] : text.split(',');
  const firsts = new Uint32Array(items.length);
  const lasts = new Uint32Array(items.length);
  const values = new Uint32Array(items.length);
  let previousLast = -1;
  items.forEach((item, i) => {
    const [gap = '0', length = '0', value = '0'] = item.split('.');
    const first = previousLast + 1 + Number.parseInt(gap, 36);
    const last = first + Number.parseInt(length, 36);
    firsts[i] = first;
    lasts[i] = last;
    values[i] = Number.parseInt(value, 36);
    previousLast = last;
  });
  return { firsts, lasts, values };
}

/** Index of the run containing `cp`, or -1. */
function find(runs: Runs, cp: number): number {
  let lo = 0;
  let hi = runs.firsts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < (runs.firsts[mid] as number)) hi = mid - 1;
    else if (cp > (runs.lasts[mid] as number)) lo = mid + 1;
    else return mid;
  }
  return -1;
}

let decoded: { readonly coverage: Runs; readonly advances: Readonly<Record<CertificateFontRole, Runs>> } | undefined;

function table() {
  decoded ??= {
    coverage: decodeRuns(CERTIFICATE_FONT_TABLE.coverage),
    advances: {
      regular: decodeRuns(CERTIFICATE_FONT_TABLE.advances.regular),
      bold: decodeRuns(CERTIFICATE_FONT_TABLE.advances.bold),
    },
  };
  return decoded;
}

/**
 * Whether the certificate fonts have a real glyph (not .notdef) for a code point.
 *
 * @example
 * fontCovers(0x5803); // true: 堃
 * fontCovers(0x1f600); // false: an emoji
 */
export function fontCovers(codePoint: number): boolean {
  return find(table().coverage, codePoint) !== -1;
}

/**
 * Advance width of a covered code point in em (as the renderer measures it: advance ÷ units per em, no kerning).
 *
 * @example
 * advanceEm('regular', 0x6e56); // 1: 湖, like every CJK ideograph
 * advanceEm('regular', 0x30); // 0.555: the digit 0
 */
export function advanceEm(role: CertificateFontRole, codePoint: number): number {
  const runs = table().advances[role];
  const i = find(runs, codePoint);
  const advance = i === -1 ? CERTIFICATE_FONT_TABLE.defaultAdvance : (runs.values[i] as number);
  return advance / CERTIFICATE_FONT_TABLE.unitsPerEm;
}
