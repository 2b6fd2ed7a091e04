import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseDocument } from '../../../../lambdas/adapters/pdf/certificate-document';
import { fontkitBridge } from '../../../../lambdas/adapters/pdf/fontkit-bridge';
import { certificateFonts, parseCertificateFonts, readFontFiles } from '../../../../lambdas/adapters/pdf/fonts';
import { BORDER, CONTENT, QR, TABLE } from '../../../../lambdas/adapters/pdf/geometry';
import { type CertificateLayout, layoutCertificate } from '../../../../lambdas/adapters/pdf/layout';
import { renderCertificatePdf } from '../../../../lambdas/adapters/pdf/render-certificate';
import { findEmbeddedQrText } from '../../../../lambdas/domain/signing/embedded-qr';
import { documents } from '../../../support/certificate-documents';
import { fontWarnings, type InspectedPdf, inspectPdf, scanQrCodes } from '../../../support/pdf-inspect';

const squash = (s: string) => s.replace(/\s+/g, '');

/** Characters MuPDF extracted for a run: same baseline, within its horizontal extent (or at its origin if rotated). */
function extractedFor(page: InspectedPdf, run: CertificateLayout['texts'][number]): string {
  if (run.rotate !== undefined) {
    return page.chars
      .filter((c) => Math.abs(c.x - run.x) < 0.5 && Math.abs(c.y - run.y) < 0.5)
      .map((c) => c.c)
      .join('');
  }
  return page.chars
    .filter((c) => Math.abs(c.y - run.y) < 0.5 && c.x > run.x - 0.5 && c.x < run.x + run.width - 0.1)
    .sort((a, b) => a.x - b.x)
    .map((c) => c.c)
    .join('');
}

describe.each(Object.entries(documents))('certificate "%s"', (_name, doc) => {
  let bytes: Uint8Array;
  let page: InspectedPdf;
  let layout: CertificateLayout;
  beforeAll(async () => {
    bytes = await renderCertificatePdf(doc);
    page = inspectPdf(bytes, { dpi: 150 });
    layout = layoutCertificate(normaliseDocument(doc), certificateFonts());
  });

  it('opens and renders in MuPDF without a single warning (no broken font or glyph)', () => {
    expect(page.warnings).toEqual([]);
    expect(page.pageCount).toBe(1);
    expect([page.width, page.height].map(Math.round)).toEqual([595, 842]); // A4
  });

  it('contains exactly the text that was laid out, each line where it was drawn', () => {
    for (const run of layout.texts) expect(squash(extractedFor(page, run)), run.text).toBe(squash(run.text));
    const drawn = layout.texts.map((r) => squash(r.text)).join('');
    const extracted = page.chars.map((c) => c.c).join('');
    expect(squash(extracted).length).toBe(drawn.length); // nothing extra (no stray or duplicated text)
    // Every value of the document is on the page (wrapping aside).
    const all = squash(page.text);
    for (const value of [doc.enterprise.name, doc.enterprise.domicile, doc.paperSerial, doc.enterprise.uscc]) {
      expect(all).toContain(squash(value));
    }
    for (const address of doc.enterprise.productionAddresses) expect(all).toContain(squash(address));
  });

  it('keeps every glyph inside the content box (well within the border) and every value inside its column', () => {
    expect(CONTENT.left).toBeGreaterThan(BORDER.inner);
    for (const c of page.chars) {
      const [x0, y0, x1, y1] = c.box;
      expect(x0 >= CONTENT.left && y0 >= CONTENT.bottom, c.c).toBe(true);
      expect(x1 <= CONTENT.right && y1 <= CONTENT.top, c.c).toBe(true);
      if (c.y > TABLE.bottom && c.x >= TABLE.valueX) expect(x1, c.c).toBeLessThanOrEqual(TABLE.valueRight + 0.5);
    }
  });

  it('prints a QR code at least 30 mm wide that zxing decodes to the exact QR text', async () => {
    expect((layout.qr.size * 25.4) / 72).toBeGreaterThanOrEqual(30);
    expect(layout.qr.size).toBe(QR.size);
    expect(await scanQrCodes(page.png)).toEqual([doc.qrText]);
  });

  it('stores the QR text in the Info dictionary and in XMP (readable without a PDF library)', () => {
    expect(page.metadata('info:PermitQR')).toBe(doc.qrText);
    expect(findEmbeddedQrText(bytes)).toBe(doc.qrText);
  });

  it('stays small: ≤ 60 KB, ≤ 72 KB for the extreme "longest" (~330 distinct glyphs embedded)', () => {
    expect(bytes.length).toBeLessThanOrEqual((_name === 'longest' ? 72 : 60) * 1024);
  });
});

describe('certificate PDF structure', () => {
  it('embeds Noto Sans SC as CID TrueType subsets with six-letter subset tags', async () => {
    const pdf = await PDFDocument.load(await renderCertificatePdf(documents.typical as never));
    const cidFonts = pdf.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Subtype')) === PDFName.of('CIDFontType2'));
    const names = cidFonts.map((f) => String(f.get(PDFName.of('BaseFont'))));
    expect(names).toHaveLength(2);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/[A-Z]{6}\+NotoSansSC-Bold$/),
        expect.stringMatching(/^\/[A-Z]{6}\+NotoSansSC-Regular$/),
      ]),
    );
    for (const f of cidFonts) {
      const descriptor = pdf.context.lookup(f.get(PDFName.of('FontDescriptor')), PDFDict);
      expect(pdf.context.lookup(descriptor.get(PDFName.of('FontFile2')))).toBeInstanceOf(PDFRawStream);
    }
    expect(pdf.context.trailerInfo.ID).toBeInstanceOf(PDFArray);
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-09-27T16:00:00.000Z'); // the issue date, Asia/Shanghai
  });

  it('is deterministic: same input → byte-identical PDF, even with freshly parsed fonts', async () => {
    const doc = documents.typical as never;
    const a = await renderCertificatePdf(doc);
    const b = await renderCertificatePdf(doc);
    const c = await renderCertificatePdf(doc, { fonts: parseCertificateFonts(readFontFiles()) });
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, c)).toBe(0);
    const other = await renderCertificatePdf({ ...documents.typical, paperSerial: 'HB2026-0001235' } as never);
    expect(Buffer.compare(a, other)).not.toBe(0);
  });
});

describe('the MuPDF warning check is real', () => {
  /** The @pdf-lib/fontkit 1.1 bug, reproduced: every `loca` offset after the first glyph shifted by one byte. */
  function shiftLoca(font: Uint8Array): Uint8Array {
    const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
    const tables = new Map<string, { offset: number; length: number }>();
    for (let i = 0; i < view.getUint16(4); i++) {
      const at = 12 + 16 * i;
      const tag = String.fromCharCode(...font.subarray(at, at + 4));
      tables.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
    }
    const head = tables.get('head');
    const loca = tables.get('loca');
    if (!head || !loca) throw new Error('not a TrueType font');
    const long = view.getInt16(head.offset + 50) === 1;
    const width = long ? 4 : 2;
    for (let at = loca.offset + 2 * width; at < loca.offset + loca.length - width; at += width) {
      if (long) view.setUint32(at, view.getUint32(at) + 1);
      else view.setUint16(at, view.getUint16(at) + 1);
    }
    return font;
  }

  it('flags a PDF whose embedded CJK subset is corrupt, although its text still extracts', async () => {
    // Prepare: the same font through the bridge, but with the subset corrupted as fontkit 1 did.
    const { regular } = certificateFonts();
    const bridge = fontkitBridge([regular]);
    const brokenFontkit = {
      create(data: Uint8Array) {
        const font = bridge.create(data);
        const createSubset = font.createSubset.bind(font);
        return Object.assign(Object.create(font), {
          createSubset() {
            const subset = createSubset() as unknown as { encode(): Uint8Array };
            const encode = subset.encode.bind(subset);
            subset.encode = () => shiftLoca(encode());
            return subset;
          },
        });
      },
    };
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(brokenFontkit as never);
    const font = await pdf.embedFont(regular.bytes, { subset: true });
    pdf.addPage().drawText('全国工业产品生产许可证 湖北省市场监督管理局', { x: 40, y: 700, size: 16, font });
    // Act
    const page = inspectPdf(await pdf.save());
    // Assess
    expect(squash(page.text)).toContain('全国工业产品生产许可证'); // text extraction alone would not notice
    expect(fontWarnings(page.warnings).length).toBeGreaterThan(0);
    expect(page.warnings.join('\n')).toMatch(/invalid outline|cannot render glyph/);
  });
});
