/**
 * Test vectors for the document content checks: well-formed files (hand-built and made by pdf-lib) and the
 * polyglots and hidden-content PDFs the checks must refuse.
 *
 * @example
 * expect((await inspectContent(pngWithHtmlAppended(), 'image/png'))?.code).toBe('DOCUMENT_TRAILING_DATA');
 */
import { randomBytes } from 'node:crypto';
import { PDFDocument, PDFName, PDFRawStream, PDFString, StandardFonts } from 'pdf-lib';
import { crc32 } from '../../lambdas/domain/document-formats/png';
import { tinyPng } from './applications';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/**
 * A PDF from object bodies (numbered from 1; object 1 must be the catalog), with a correct classic cross-reference
 * table. `trailer` adds entries to the trailer dictionary; `between` inserts raw bytes after object `n`.
 */
export function buildPdf(objects: readonly string[], options: { trailer?: string; between?: [number, string] } = {}) {
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    if (options.between?.[0] === i + 1) body += options.between[1];
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${options.trailer ?? ''}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(latin1(body));
}

/** The three objects of a one-page document; append more and reference them from the catalog. */
export const PAGE_OBJECTS = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>',
] as const;

/** A PDF whose catalog opens with `action` (object 4). */
export const pdfWithOpenAction = (action: string) =>
  buildPdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>', ...PAGE_OBJECTS.slice(1), action]);

/** An encrypted PDF (standard security handler, RC4 40-bit dictionary). */
export const encryptedPdf = () =>
  buildPdf([...PAGE_OBJECTS, '<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>'], {
    trailer: '/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ',
  });

/**
 * JavaScript in object 4, then an incremental update that redefines object 4 harmlessly: readers that follow the
 * cross-reference table see the clean one, readers that reconstruct see the first.
 */
export function pdfWithReplacedJavaScript(): Uint8Array {
  const first = Buffer.from(pdfWithOpenAction('<< /S /JavaScript /JS (app.alert\\(1\\)) >>'));
  const offset = first.length;
  let update = '4 0 obj\n<< /S /URI /URI (https://example.com/) >>\nendobj\n';
  const xref = offset + update.length;
  update += `xref\n4 1\n${String(offset).padStart(10, '0')} 00000 n \n`;
  update += `trailer\n<< /Size 5 /Root 1 0 R /Prev ${first.toString('latin1').lastIndexOf('xref')} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([first, latin1(update)]));
}

/** A one-page PDF made by pdf-lib (with object streams and a cross-reference stream unless `classic`). */
export async function pdfLibPdf(
  options: { classic?: boolean; javaScript?: boolean; attachment?: boolean; padBytes?: number } = {},
) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText('Permit test report', { x: 20, y: 100, font: await doc.embedFont(StandardFonts.Helvetica) });
  if (options.javaScript) {
    const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  }
  if (options.attachment) await doc.attach(latin1('hello'), 'hello.txt', { mimeType: 'text/plain' });
  if (options.padBytes) {
    // An incompressible stream, as a scanned image would be: makes large, still well-formed test files.
    const stream = PDFRawStream.of(doc.context.obj({}), randomBytes(options.padBytes));
    page.node.set(PDFName.of('PieceInfo'), doc.context.register(stream));
  }
  return doc.save({ useObjectStreams: !options.classic, updateFieldAppearances: false });
}

/** A 2×2 white progressive JPEG (made by MuPDF). */
export const tinyJpeg = (): Uint8Array =>
  new Uint8Array(
    Buffer.from(
      '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQYHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wgARCAACAAIDAREAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAB//EABQBAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhADEAAAAVQ//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABBQJ//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPwF//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPwF//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAGPwJ//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPyF//9oADAMBAAIAAwAAABCf/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPxB//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPxB//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxB//9k=',
      'base64',
    ),
  );

/** A ZIP archive with one stored file `a.html`. */
export function tinyZip(content = '<script>alert(1)</script>'): Uint8Array {
  const data = latin1(content);
  const name = latin1('a.html');
  const crc = crc32(data, 0, data.length);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const localSize = local.length + name.length + data.length;
  return new Uint8Array(
    Buffer.concat([local, name, data, central, name, zipEnd(central.length + name.length, localSize, 0)]),
  );
}

/** A ZIP end-of-central-directory record (one entry) whose comment is `commentLength` bytes long. */
export function zipEnd(centralSize: number, centralOffset: number, commentLength: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  end.writeUInt16LE(commentLength, 20);
  return end;
}

const concat = (...parts: (Uint8Array | string)[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? latin1(p) : p))));

export const pdfHeaderThenZip = () => concat('%PDF-1.7\n', tinyZip());
export const pngSignatureThenHtml = () =>
  concat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), '<html><script>alert(1)</script></html>');
export const pngWithHtmlAppended = () => concat(tinyPng(), '<html><script>alert(1)</script></html>');
export const jpegWithZipAppended = () => concat(tinyJpeg(), tinyZip());
export const truncatedPng = () => tinyPng().subarray(0, tinyPng().length - 6);

/** A valid PDF with a comment line holding a ZIP end record whose comment covers the rest of the file: also a ZIP. */
export function pdfWithZipInAComment(): Uint8Array {
  const pdf = Buffer.from(buildPdf(PAGE_OBJECTS)).toString('latin1');
  const cut = pdf.lastIndexOf('startxref');
  const rest = `\n${pdf.slice(cut)}`;
  return concat(pdf.slice(0, cut), '%', zipEnd(0, 0, rest.length), rest);
}

/** A well-formed PNG of about `size` bytes: random data in one IDAT (the check walks chunks; it does not inflate). */
export function largePng(size: number): Uint8Array {
  const png = Buffer.from(tinyPng());
  const ihdrEnd = 8 + 25;
  const data = Buffer.concat([Buffer.from('IDAT', 'latin1'), randomBytes(size)]);
  const chunk = Buffer.alloc(size + 12);
  chunk.writeUInt32BE(size, 0);
  data.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(data, 0, data.length), size + 8);
  return new Uint8Array(Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]));
}

/** A structurally valid JPEG of about `size` bytes: random entropy-coded data (0xFF stuffed) in a second scan. */
export function largeJpeg(size: number): Uint8Array {
  const jpeg = Buffer.from(tinyJpeg());
  const entropy = Buffer.from(randomBytes(size).map((b) => (b === 0xff ? 0x7f : b)));
  const sos = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
  return new Uint8Array(Buffer.concat([jpeg.subarray(0, jpeg.length - 2), sos, entropy, jpeg.subarray(-2)]));
}
