/**
 * Test helpers that look at a PDF the way a reader would, with tools `npm ci` installs (no system packages):
 * MuPDF.js (wasm) opens and renders it — collecting every warning MuPDF/FreeType prints, e.g. `invalid outline` /
 * `cannot render glyph` for a broken embedded font — and extracts the text with positions; zxing-wasm, given its
 * local `.wasm` (it would fetch one from a CDN otherwise), scans QR codes from the rendered PNG.
 *
 * @example
 * const page = inspectPdf(bytes);
 * expect(page.warnings).toEqual([]);
 * expect(await scanQrCodes(page.png)).toEqual([qrText]);
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as mupdf from 'mupdf';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

/** One extracted character, in PDF coordinates (origin bottom-left, points). */
export interface PdfChar {
  readonly c: string;
  /** Glyph origin (on the baseline). */
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly font: string;
  /** Bounding box [x0, y0, x1, y1] of the glyph's quad, PDF coordinates. */
  readonly box: readonly [number, number, number, number];
}

export interface InspectedPdf {
  readonly pageCount: number;
  readonly width: number;
  readonly height: number;
  /** Every warning and error MuPDF reported while opening, rendering and extracting text. */
  readonly warnings: readonly string[];
  /** First page rendered at `dpi`, as PNG. */
  readonly png: Uint8Array;
  readonly chars: readonly PdfChar[];
  /** Plain text of the first page, as MuPDF extracts it. */
  readonly text: string;
  /** Document-information entries (`info:Title`, `info:PermitQR`, …) MuPDF reads. */
  metadata(key: string): string | undefined;
}

/**
 * Open, render (default 150 dpi) and extract the first page of a PDF with MuPDF, capturing its warnings.
 *
 * @example
 * const { warnings, png, chars } = inspectPdf(await renderCertificatePdf(doc));
 */
export function inspectPdf(bytes: Uint8Array, opts: { dpi?: number } = {}): InspectedPdf {
  const warnings: string[] = [];
  mupdf.setLog({ warning: (m) => warnings.push(`warning: ${m}`), error: (m) => warnings.push(`error: ${m}`) });
  try {
    const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
    const page = doc.loadPage(0);
    const [, , w, h] = page.getBounds();
    const scale = (opts.dpi ?? 150) / 72;
    const png = page
      .toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true)
      .asPNG()
      .slice();
    const stext = page.toStructuredText('preserve-whitespace,preserve-spans');
    const chars: PdfChar[] = [];
    stext.walk({
      onChar(c, origin, font, size, quad) {
        const xs = [quad[0], quad[2], quad[4], quad[6]];
        const ys = [quad[1], quad[3], quad[5], quad[7]].map((y) => h - y);
        chars.push({
          c,
          x: origin[0],
          y: h - origin[1],
          size,
          font: font.getName(),
          box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
        });
      },
    });
    const text = stext.asText();
    const meta = new Map<string, string | undefined>();
    for (const key of ['info:Title', 'info:Subject', 'info:Author', 'info:Producer', 'info:PermitQR']) {
      meta.set(key, doc.getMetaData(key));
    }
    return {
      pageCount: doc.countPages(),
      width: w,
      height: h,
      warnings,
      png,
      chars,
      text,
      metadata: (key) => (meta.has(key) ? meta.get(key) : doc.getMetaData(key)),
    };
  } finally {
    mupdf.setLog(null);
  }
}

let zxingReady: Promise<unknown> | undefined;

/**
 * Decode every QR code in an image (PNG bytes) with zxing-wasm, loaded from node_modules (no network).
 *
 * @example
 * expect(await scanQrCodes(page.png)).toEqual([qrText]);
 */
export async function scanQrCodes(png: Uint8Array): Promise<string[]> {
  zxingReady ??= (() => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  await zxingReady;
  const results = await readBarcodes(png, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 4 });
  return results.filter((r) => r.isValid).map((r) => r.text);
}

/**
 * Warnings that concern fonts or glyphs (the ones a broken embedded font produces).
 *
 * @example
 * expect(fontWarnings(page.warnings)).toEqual([]);
 */
export function fontWarnings(warnings: readonly string[]): string[] {
  return warnings.filter((w) => /font|glyph|outline|FT_|cmap|loca|hmtx|cff/i.test(w));
}
