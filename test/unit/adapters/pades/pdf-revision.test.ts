import { PDFDict, PDFDocument, type PDFHexString, PDFName, PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  coveredBytes,
  embedSignature,
  PlaceholderTooSmall,
  pdfDate,
  prepareSignatureRevision,
  textString,
} from '../../../../lambdas/adapters/pades/pdf-revision';
import { renderCertificatePdf } from '../../../../lambdas/adapters/pdf/render-certificate';
import { base } from '../../../support/certificate-documents';
import { qpdfCheck } from '../../../support/pades-pki';

const SIGNED_AT = new Date('2026-12-06T05:00:00Z');
const spec = {
  kind: 'signature',
  field: 'Permit-Signature',
  reserve: 2048,
  name: '湖北省市场监督管理局',
  reason: '签发全国工业产品生产许可证电子证书',
  location: '中国湖北省',
  signedAt: SIGNED_AT,
} as const;

let rendered: Uint8Array;
beforeAll(async () => {
  rendered = await renderCertificatePdf(base);
});

/** The signature dictionaries of a PDF (pdf-lib reads every revision, later objects win). */
async function signatureDicts(pdf: Uint8Array): Promise<PDFDict[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .filter(
      (o): o is PDFDict => o instanceof PDFDict && /^\/(Sig|DocTimeStamp)$/.test(String(o.get(PDFName.of('Type')))),
    );
}

describe('a signature revision', () => {
  test('appends to the render, which stays a byte-identical prefix; the range covers all but the placeholder', async () => {
    // Act
    const prepared = await prepareSignatureRevision(rendered, spec);
    // Assess
    expect(Buffer.from(prepared.bytes.subarray(0, rendered.length)).equals(Buffer.from(rendered))).toBe(true);
    const [a, b, c, d] = prepared.byteRange;
    expect(a).toBe(0);
    expect(c + d).toBe(prepared.bytes.length);
    expect(c - b).toBe(2 * spec.reserve + 2);
    expect(String.fromCharCode(prepared.bytes[b] as number, prepared.bytes[c - 1] as number)).toBe('<>');
    expect(coveredBytes(prepared.bytes, prepared.byteRange).length).toBe(prepared.bytes.length - (c - b));
    expect(qpdfCheck(prepared.bytes).status).toBe(0);
  });

  test('writes reason, location and name as UTF-16BE text strings that read back as the Chinese given', async () => {
    // Act
    const prepared = await prepareSignatureRevision(rendered, spec);
    // Assess
    const [sig] = (await signatureDicts(prepared.bytes)) as [PDFDict];
    const read = (key: string) => (sig.get(PDFName.of(key)) as PDFHexString).decodeText();
    expect(read('Reason')).toBe(spec.reason);
    expect(read('Location')).toBe(spec.location);
    expect(read('Name')).toBe(spec.name);
    expect(String(sig.get(PDFName.of('SubFilter')))).toBe('/ETSI.CAdES.detached');
    expect(String(sig.get(PDFName.of('M')))).toBe(`(${pdfDate(SIGNED_AT)})`);
    expect(pdfDate(SIGNED_AT)).toBe("D:20261206130000+08'00'");
    expect(textString('证A')).toBe('<FEFF8BC10041>');
  });

  test('adds the field to the form and the page, and keeps the catalogue, metadata and page content', async () => {
    // Act
    const prepared = await prepareSignatureRevision(rendered, spec);
    // Assess
    const before = await PDFDocument.load(rendered, { updateMetadata: false });
    const after = await PDFDocument.load(prepared.bytes, { updateMetadata: false });
    const form = after.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    expect(form.get(PDFName.of('SigFlags'))?.toString()).toBe('3');
    const annots = after.getPage(0).node.Annots();
    expect(annots?.size()).toBe(1);
    expect(annots?.get(0)).toBeInstanceOf(PDFRef);
    expect(after.getTitle()).toBe(before.getTitle());
    expect(String(after.catalog.get(PDFName.of('Metadata')))).toBe(String(before.catalog.get(PDFName.of('Metadata'))));
    expect(String(after.getPage(0).node.Contents())).toBe(String(before.getPage(0).node.Contents()));
  });

  test('a document timestamp is one more revision, numbered after the fields already there', async () => {
    // Prepare
    const signed = embedSignature(await prepareSignatureRevision(rendered, spec), new Uint8Array([0x30, 0x00]));
    // Act
    const stamped = await prepareSignatureRevision(signed, {
      kind: 'document-timestamp',
      field: 'Permit-Timestamp',
      reserve: 1024,
    });
    // Assess
    expect(Buffer.from(stamped.bytes.subarray(0, signed.length)).equals(Buffer.from(signed))).toBe(true);
    const dicts = await signatureDicts(stamped.bytes);
    expect(dicts.map((d) => String(d.get(PDFName.of('SubFilter'))))).toEqual(['/ETSI.CAdES.detached', '/ETSI.RFC3161']);
    const doc = await PDFDocument.load(stamped.bytes, { updateMetadata: false });
    const names = doc
      .getForm()
      .getFields()
      .map((f) => f.getName());
    expect(names).toEqual(['Permit-Signature', 'Permit-Timestamp-2']);
    expect(qpdfCheck(stamped.bytes).status).toBe(0);
  });

  test('the signature goes into the placeholder in upper-case hex, zero-padded; a larger one is refused', async () => {
    // Prepare
    const prepared = await prepareSignatureRevision(rendered, { ...spec, reserve: 4 });
    // Act
    const signed = embedSignature(prepared, new Uint8Array([0x30, 0x02, 0xab, 0xcd]));
    // Assess
    const [, b] = prepared.byteRange;
    expect(Buffer.from(signed.subarray(b, b + 10)).toString('latin1')).toBe('<3002ABCD>');
    expect(signed.length).toBe(prepared.bytes.length);
    expect(() => embedSignature(prepared, new Uint8Array(5))).toThrow(PlaceholderTooSmall);
  });

  test('refuses a file that does not end with startxref and %%EOF', async () => {
    // Act / Assess
    await expect(prepareSignatureRevision(rendered.subarray(0, rendered.length - 20), spec)).rejects.toThrow();
  });
});
