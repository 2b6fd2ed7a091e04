/**
 * What the layout needs from a font — advance widths and whether it draws a character — with two sources: the parsed
 * font files (`fonts.ts`, for rendering) and the generated table of `lambdas/domain/certificate-font.ts` (for
 * functions that carry no fonts, e.g. the applications function checking a filing). Both give identical numbers for
 * every covered code point, so the same layout code reaches the same decision either way.
 *
 * @example
 * layoutCertificate(normaliseDocument(doc), tableMetrics()); // no font file read
 */
import { advanceEm, fontCovers } from '../../domain/certificate-font';

export type FontRole = 'regular' | 'bold';

/** Measurements of one font. */
export interface FontMetrics {
  readonly role: FontRole;
  /** Width of `text` at `size` points, as pdf-lib will draw it (sum of advance widths; no kerning). */
  widthOf(text: string, size: number): number;
  /** Whether the font has a real glyph (not .notdef) for the code point. */
  canDraw(codePoint: number): boolean;
}

/** The certificate's two fonts, as measurements. */
export interface FontMetricsSet {
  readonly regular: FontMetrics;
  readonly bold: FontMetrics;
}

function fromTable(role: FontRole): FontMetrics {
  return {
    role,
    widthOf(text, size) {
      let em = 0;
      for (const ch of text) em += advanceEm(role, ch.codePointAt(0) as number);
      return em * size;
    },
    canDraw: fontCovers,
  };
}

let cached: FontMetricsSet | undefined;

/**
 * Metrics from the generated table (no font file is read).
 *
 * @example
 * tableMetrics().regular.widthOf('湖北', 12); // 24
 */
export function tableMetrics(): FontMetricsSet {
  cached ??= { regular: fromTable('regular'), bold: fromTable('bold') };
  return cached;
}
