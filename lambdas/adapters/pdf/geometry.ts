/**
 * Fixed geometry and colours of the certificate page (PDF points, origin bottom-left; A4 portrait).
 *
 * @example
 * const qrWidthMm = (QR.size * 25.4) / 72; // 32
 */

/** An RGB colour, components 0–1. @example const red: Rgb = [0.6, 0.09, 0.11]; */
export type Rgb = readonly [number, number, number];

/** A4 portrait in points. @example PAGE.width // 595.28 */
export const PAGE = { width: 595.28, height: 841.89 } as const;
const mm = (v: number) => (v * 72) / 25.4;

/** The decorative border, as insets from the page edge. @example BORDER.inner // 40 */
export const BORDER = { outer: 22, bandOuter: 27, bandInner: 37, inner: 40 } as const;

/** Everything printed stays inside this box (the inner rule plus padding). @example CONTENT.left // 62 */
export const CONTENT = { left: 62, right: PAGE.width - 62, bottom: 58, top: PAGE.height - 58 } as const;

/** Title lines: Chinese and English, baselines, sizes and letter spacing. @example TITLE.zhSize // 26 */
export const TITLE = { zhBaseline: 752, zhSize: 26, zhTracking: 5, enBaseline: 727, enSize: 9.5, enTracking: 1.6 };
/** Baseline of the ornamental rule under the title. @example DIVIDER_Y // 712 */
export const DIVIDER_Y = 712;

/** The field table: label column and value column. @example TABLE.valueX // 190 */
export const TABLE = { top: 696, bottom: 268, labelX: 78, valueX: 190, valueRight: PAGE.width - 78 } as const;

/** The QR symbol (modules only) — 32 mm, above the 30 mm minimum. @example QR.size // 90.71 pt */
export const QR = {
  size: mm(32),
  right: PAGE.width - 78,
  bottom: 96,
  /** Smallest module printed; cheap phone cameras need about 0.4 mm. */
  minModule: mm(0.4),
} as const;

/** Column of the issuing authority and issue date. @example AUTHORITY.width // 176 */
export const AUTHORITY = { centerX: 318, width: 176 } as const;
/** The graphic seal ring (not a signature). @example SEAL.r // 40 */
export const SEAL = { cx: 318, cy: 170, r: 40 } as const;

/** The palette: ink, grey, title red, gold ornaments, seal red, table rules, paper tint. @example COLORS.seal */
export const COLORS = {
  ink: [0.12, 0.12, 0.13],
  grey: [0.4, 0.4, 0.42],
  red: [0.6, 0.09, 0.11],
  gold: [0.68, 0.54, 0.25],
  seal: [0.84, 0.08, 0.1],
  rule: [0.82, 0.76, 0.64],
  paper: [1, 0.992, 0.972],
} as const satisfies Record<string, Rgb>;
