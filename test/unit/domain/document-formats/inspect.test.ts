/**
 * Type by content, beyond magic bytes (pure, no network): PDFs parse and carry no active content, embedded files or
 * encryption; PNGs and JPEGs are well formed to their end marker with nothing appended; no file is also a ZIP.
 */
import { describe, expect, test } from 'vitest';
import { inspectContent } from '../../../../lambdas/domain/document-formats/inspect';
import { crc32, tableCrc32 } from '../../../../lambdas/domain/document-formats/png';
import { tinyPdf, tinyPng } from '../../../support/applications';
import {
  buildPdf,
  encryptedPdf,
  jpegWithZipAppended,
  largeJpeg,
  largePng,
  PAGE_OBJECTS,
  pdfHeaderThenZip,
  pdfLibPdf,
  pdfWithOpenAction,
  pdfWithReplacedJavaScript,
  pdfWithZipInAComment,
  pngSignatureThenHtml,
  pngWithHtmlAppended,
  tinyJpeg,
  truncatedPng,
} from '../../../support/document-vectors';

const pdf = (bytes: Uint8Array) => inspectContent(bytes, 'application/pdf');
const png = (bytes: Uint8Array) => inspectContent(bytes, 'image/png');
const jpeg = (bytes: Uint8Array) => inspectContent(bytes, 'image/jpeg');
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const withTail = (bytes: Uint8Array, tail: string) =>
  new Uint8Array(Buffer.concat([bytes, Buffer.from(tail, 'latin1')]));

describe('well-formed files pass', () => {
  test('hand-built and pdf-lib PDFs (cross-reference table and cross-reference stream), PNG and JPEG', async () => {
    expect(await pdf(tinyPdf())).toBeUndefined();
    expect(await pdf(await pdfLibPdf())).toBeUndefined();
    expect(await pdf(await pdfLibPdf({ classic: true }))).toBeUndefined();
    expect(await png(tinyPng())).toBeUndefined();
    expect(await jpeg(tinyJpeg())).toBeUndefined();
  });

  test('trailing white-space after %%EOF is allowed', async () => {
    expect(await pdf(withTail(tinyPdf(), '\r\n \n'))).toBeUndefined();
  });

  test('5 MB files of each type pass (the checks walk structure; they do not decode pixels)', async () => {
    expect(await pdf(await pdfLibPdf({ padBytes: 5_000_000 }))).toBeUndefined();
    expect(await png(largePng(5_000_000))).toBeUndefined();
    expect(await jpeg(largeJpeg(5_000_000))).toBeUndefined();
  });
});

describe('polyglots and malformed files are refused with the code that names why', () => {
  test('%PDF- followed by a ZIP is not a PDF', async () => {
    expect(await pdf(pdfHeaderThenZip())).toMatchObject({ code: 'DOCUMENT_MALFORMED' });
  });

  test('a PNG signature followed by HTML is not a PNG', async () => {
    expect(await png(pngSignatureThenHtml())).toMatchObject({ code: 'DOCUMENT_MALFORMED' });
  });

  test('a valid PNG with HTML appended, a valid JPEG with a ZIP appended, a PDF with bytes after %%EOF', async () => {
    expect(await png(pngWithHtmlAppended())).toMatchObject({
      code: 'DOCUMENT_TRAILING_DATA',
      message: expect.stringContaining('38 bytes follow the PNG IEND chunk'),
    });
    expect(await jpeg(jpegWithZipAppended())).toMatchObject({ code: 'DOCUMENT_TRAILING_DATA' });
    expect(await pdf(withTail(tinyPdf(), '<html></html>'))).toMatchObject({ code: 'DOCUMENT_TRAILING_DATA' });
    expect(await pdf(withTail(tinyPdf(), '\0\0\0\0'))).toMatchObject({ code: 'DOCUMENT_TRAILING_DATA' });
  });

  test('truncated or corrupted images', async () => {
    expect(await png(truncatedPng())).toMatchObject({ code: 'DOCUMENT_MALFORMED' });
    const badCrc = tinyPng();
    badCrc[30] = (badCrc[30] as number) ^ 0xff;
    expect(await png(badCrc)).toMatchObject({ code: 'DOCUMENT_MALFORMED', message: expect.stringContaining('CRC') });
    expect(await jpeg(tinyJpeg().subarray(0, 400))).toMatchObject({ code: 'DOCUMENT_MALFORMED' });
  });

  test('PDF structure: no startxref, a startxref that points nowhere, bytes pdf-lib would skip', async () => {
    const text = latin1(tinyPdf());
    const noStartxref = new Uint8Array(Buffer.from(text.replace(/startxref\n\d+\n/, ''), 'latin1'));
    expect(await pdf(noStartxref)).toMatchObject({ code: 'DOCUMENT_MALFORMED' });
    const wrongOffset = new Uint8Array(Buffer.from(text.replace(/startxref\n\d+/, 'startxref\n12'), 'latin1'));
    expect(await pdf(wrongOffset)).toMatchObject({ code: 'DOCUMENT_MALFORMED' });
    const jibberish = buildPdf(PAGE_OBJECTS, { between: [2, '<html><script>alert(1)</script></html>\n'] });
    expect(await pdf(jibberish)).toMatchObject({ code: 'DOCUMENT_MALFORMED' });
  });

  test('a file that is also a ZIP archive (end record in a comment, covering the rest)', async () => {
    expect(await pdf(pdfWithZipInAComment())).toMatchObject({ code: 'DOCUMENT_POLYGLOT' });
  });
});

describe('PDF content', () => {
  test('JavaScript in an /OpenAction, in a plain object', async () => {
    const plain = await pdfLibPdf({ javaScript: true, classic: true });
    expect(latin1(plain)).toContain('/JavaScript');
    expect(await pdf(plain)).toMatchObject({ code: 'DOCUMENT_ACTIVE_CONTENT' });
  });

  test('JavaScript hidden inside a compressed object stream', async () => {
    const hidden = await pdfLibPdf({ javaScript: true });
    expect(latin1(hidden)).not.toContain('JavaScript');
    expect(latin1(hidden)).toContain('/ObjStm');
    expect(await pdf(hidden)).toMatchObject({ code: 'DOCUMENT_ACTIVE_CONTENT' });
  });

  test('JavaScript in an object an incremental update replaced, and behind #xx escapes in either case', async () => {
    expect(await pdf(pdfWithReplacedJavaScript())).toMatchObject({ code: 'DOCUMENT_ACTIVE_CONTENT' });
    expect(await pdf(pdfWithOpenAction('<< /S /#4aavaScript /#4aS (x) >>'))).toMatchObject({
      code: 'DOCUMENT_ACTIVE_CONTENT',
    });
    expect(await pdf(pdfWithOpenAction('<< /S /J#61vaScript /J#53 (x) >>'))).toMatchObject({
      code: 'DOCUMENT_ACTIVE_CONTENT',
    });
  });

  test('launch actions', async () => {
    expect(await pdf(pdfWithOpenAction('<< /S /Launch /F (calc.exe) >>'))).toMatchObject({
      code: 'DOCUMENT_ACTIVE_CONTENT',
      message: expect.stringContaining('/Launch'),
    });
  });

  test('embedded files', async () => {
    expect(await pdf(await pdfLibPdf({ attachment: true }))).toMatchObject({ code: 'DOCUMENT_EMBEDDED_FILE' });
  });

  test('encryption: the content cannot be inspected', async () => {
    expect(await pdf(encryptedPdf())).toMatchObject({ code: 'DOCUMENT_ENCRYPTED' });
  });

  test('a harmless link action passes', async () => {
    expect(await pdf(pdfWithOpenAction('<< /S /URI /URI (https://example.com/) >>'))).toBeUndefined();
  });
});

test('CRC-32: the table and the native function agree (PNG and ZIP use it)', () => {
  const bytes = new TextEncoder().encode('IEND');
  expect(tableCrc32(bytes, 0, 4)).toBe(0xae426082);
  expect(crc32(bytes, 0, 4)).toBe(0xae426082);
});
