/**
 * Renders a certificate PDF: A4, the static artwork (reused, pre-compressed), the field table, the authority block
 * with its graphic seal, and the QR code as vector modules. Fonts are Noto Sans SC subsets embedded through upstream
 * fontkit 2 (see `fontkit-bridge.ts`), parsed once per process. Same input → byte-identical output.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, type PDFFont, type PDFName, type PDFPage, type PDFRawStream } from 'pdf-lib';
import { assertPrintable, type CertificateDocument, normaliseDocument } from './certificate-document';
import { fontkitBridge } from './fontkit-bridge';
import { type CertificateFont, type CertificateFonts, certificateFonts, type FontRole } from './fonts';
import { PAGE, QR } from './geometry';
import { type CertificateLayout, layoutCertificate, type TextRun } from './layout';
import { applyMetadata } from './metadata';
import { fill, num, staticArtwork, stroke } from './page-art';
import { qrSymbol } from './qr-vector';

/** Draws the QR code into its box. The default draws vector modules; the bench's baseline draws a PNG. */
export type QrPainter = (
  pdf: PDFDocument,
  page: PDFPage,
  qrText: string,
  box: CertificateLayout['qr'],
) => Promise<void> | void;

export interface RenderOptions {
  /** Fonts to use (default: the process-wide parsed fonts). */
  readonly fonts?: CertificateFonts;
  readonly qrPainter?: QrPainter;
}

/**
 * Render a certificate. Throws `ValidationError` `CERTIFICATE_DOCUMENT_INVALID` / `TEXT_NOT_PRINTABLE` /
 * `CERTIFICATE_TEXT_TOO_LONG`, `UnprocessableError` `QR_TOO_DENSE`.
 *
 * @example
 * const pdf = await renderCertificatePdf({ ...doc, qrText }); // Uint8Array, ~40 KB
 */
export async function renderCertificatePdf(input: CertificateDocument, opts: RenderOptions = {}): Promise<Uint8Array> {
  const doc = normaliseDocument(input);
  const fonts = opts.fonts ?? certificateFonts();
  assertPrintable(doc, fonts);
  const layout = layoutCertificate(doc, fonts);

  const pdf = await PDFDocument.create({ updateMetadata: false });
  useNativeDeflate(pdf);
  pdf.registerFontkit(fontkitBridge([fonts.regular, fonts.bold]));
  const embedded: Record<FontRole, PDFFont> = {
    regular: await embed(pdf, fonts.regular, layout.texts),
    bold: await embed(pdf, fonts.bold, layout.texts),
  };
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  // Layers, bottom up: the static artwork (compressed once per process), rules, the QR code, then all text.
  addStream(page, pdf.context.stream(staticArtwork(), { Filter: 'FlateDecode' }));
  addStream(page, pdf.context.flateStream(ruleOps(layout)));
  await (opts.qrPainter ?? vectorQr)(pdf, page, doc.qrText, layout.qr);
  addStream(page, pdf.context.flateStream(textOps(page, embedded, layout.texts)));
  applyMetadata(pdf, doc);
  // No object streams: they would be compressed with pako (~0.5 ms) to save ~3 KB; a classic xref table also suits
  // the oldest readers. objectsPerTick: never yield to the event loop mid-save (pdf-lib waits a timer tick otherwise).
  return pdf.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY, updateFieldAppearances: false });
}

/** The default QR painter: vector modules, 32 mm. */
export const vectorQr: QrPainter = (pdf, page, qrText, box) => {
  const { ops } = qrSymbol(qrText, box.x, box.y, box.size, QR.minModule);
  addStream(page, pdf.context.flateStream(ops));
};

function addStream(page: PDFPage, stream: PDFRawStream): void {
  page.node.addContentStream(page.doc.context.register(stream));
}

/**
 * pdf-lib compresses with pako (JavaScript); Node's zlib does the same Deflate natively, several times faster, for
 * the font files, their ToUnicode maps and the content streams. Level 1: about three times faster than the default
 * level 6 on these streams, for ~3 % more bytes. memLevel 9 (zlib's largest hash table): the font files, which barely
 * compress, deflate ~40 % faster than at the default 8, and no stream grows. Replaced on this document only.
 */
function useNativeDeflate(pdf: PDFDocument): void {
  const context = pdf.context;
  context.flateStream = (contents, dict = {}) => {
    const bytes = typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents;
    return context.stream(deflateSync(bytes, { level: 1, memLevel: 9 }), { ...dict, Filter: 'FlateDecode' });
  };
}

/**
 * Embed a font as a subset, named with the PDF standard six-letter subset tag. The tag is derived from the text
 * drawn in that font (not random), which keeps output deterministic and still differs between different subsets.
 */
async function embed(pdf: PDFDocument, font: CertificateFont, runs: readonly TextRun[]): Promise<PDFFont> {
  const codePoints = new Set<number>();
  for (const r of runs) if (r.font === font.role) for (const ch of r.text) codePoints.add(ch.codePointAt(0) as number);
  const digest = createHash('sha256')
    .update(`${font.name}\n${[...codePoints].sort((a, b) => a - b).join(',')}`)
    .digest();
  const tag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  return pdf.embedFont(font.bytes, { subset: true, customName: `${tag}+${font.name}` });
}

/**
 * All text as one BT…ET block of raw operators: far cheaper than pdf-lib's `drawText` (which builds ~8 operator
 * objects and a graphics-state save per line). `encodeText` still registers each glyph in the font subset.
 */
function textOps(page: PDFPage, fonts: Record<FontRole, PDFFont>, runs: readonly TextRun[]): string {
  const keys: Record<FontRole, PDFName> = {
    regular: page.node.newFontDictionary(fonts.regular.name, fonts.regular.ref),
    bold: page.node.newFontDictionary(fonts.bold.name, fonts.bold.ref),
  };
  const ops = ['BT'];
  let font = '';
  let color = '';
  let spacing = 0;
  for (const r of runs) {
    const f = `${keys[r.font].toString()} ${num(r.size)} Tf`;
    if (f !== font) {
      font = f;
      ops.push(f);
    }
    const c = fill(r.color);
    if (c !== color) {
      color = c;
      ops.push(c);
    }
    const tc = r.tracking ?? 0;
    if (tc !== spacing) {
      spacing = tc;
      ops.push(`${num(tc)} Tc`);
    }
    const a = ((r.rotate ?? 0) * Math.PI) / 180;
    const [cos, sin] = [Math.cos(a), Math.sin(a)].map((v) => Math.round(v * 10_000) / 10_000) as [number, number];
    ops.push(`${cos} ${sin} ${-sin} ${cos} ${num(r.x)} ${num(r.y)} Tm`, `${fonts[r.font].encodeText(r.text)} Tj`);
  }
  ops.push('ET');
  return ops.join('\n');
}

function ruleOps(layout: CertificateLayout): string {
  const ops = ['q'];
  for (const r of layout.rules) {
    ops.push(stroke(r.color), `${num(r.thickness)} w`, `${num(r.x1)} ${num(r.y1)} m ${num(r.x2)} ${num(r.y2)} l S`);
  }
  ops.push('Q');
  return ops.join('\n');
}
