/**
 * The certificate's fonts: Noto Sans SC Regular and Bold (SIL OFL 1.1, from `@expo-google-fonts/noto-sans-sc`),
 * read and parsed once per process, plus the measurements the layout needs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as fontkit from 'fontkit';
import type { FontMetrics, FontRole } from './font-metrics';
import { type ParsedFont, parseFont } from './fontkit-bridge';

export type { FontRole } from './font-metrics';

/** A parsed font with cached per-character advance widths (in em units). */
export interface CertificateFont extends ParsedFont, FontMetrics {
  /** PostScript name, e.g. `NotoSansSC-Regular`. */
  readonly name: string;
  /** Ascender height as a fraction of the em. */
  readonly ascent: number;
}

export interface CertificateFonts {
  readonly regular: CertificateFont;
  readonly bold: CertificateFont;
}

const require = createRequire(import.meta.url);
const FONT_FILES: Record<FontRole, string> = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};

/**
 * Read the font files (no parsing). Kept separate so the bench's naive baseline can re-parse per document.
 *
 * @example
 * const { regular } = readFontFiles();
 */
export function readFontFiles(): Record<FontRole, Uint8Array> {
  return {
    regular: new Uint8Array(readFileSync(fontPath('regular'))),
    bold: new Uint8Array(readFileSync(fontPath('bold'))),
  };
}

/**
 * Where a font file is: beside the running module in a Lambda bundle (the function's `assets` are copied there,
 * flat), else in `node_modules` (tests, the local runtime).
 */
export function fontPath(role: FontRole): string {
  const file = FONT_FILES[role];
  const beside = fileURLToPath(new URL(`./${basename(file)}`, import.meta.url));
  return existsSync(beside) ? beside : require.resolve(file);
}

/**
 * Parse font bytes into certificate fonts.
 *
 * @example
 * const fonts = parseCertificateFonts(readFontFiles());
 */
export function parseCertificateFonts(files: Record<FontRole, Uint8Array>): CertificateFonts {
  return { regular: measure('regular', parseFont(files.regular)), bold: measure('bold', parseFont(files.bold)) };
}

let cached: CertificateFonts | undefined;

/**
 * The process-wide fonts, read and parsed on first use (~30 ms; fontkit parses tables lazily).
 *
 * @example
 * const { regular } = certificateFonts();
 * regular.widthOf('湖北', 12); // 24
 */
export function certificateFonts(): CertificateFonts {
  cached ??= parseCertificateFonts(readFontFiles());
  return cached;
}

function measure(role: FontRole, parsed: ParsedFont): CertificateFont {
  const font: fontkit.Font = parsed.font;
  const unitsPerEm = font.unitsPerEm;
  const advance = new Map<number, number>();
  const advanceOf = (cp: number): number => {
    let a = advance.get(cp);
    if (a === undefined) {
      a = font.glyphForCodePoint(cp).advanceWidth / unitsPerEm;
      advance.set(cp, a);
    }
    return a;
  };
  return {
    ...parsed,
    role,
    name: font.postscriptName,
    ascent: font.ascent / unitsPerEm,
    widthOf(text, size) {
      let em = 0;
      for (const ch of text) em += advanceOf(ch.codePointAt(0) as number);
      return em * size;
    },
    canDraw: (cp) => font.hasGlyphForCodePoint(cp),
  };
}
