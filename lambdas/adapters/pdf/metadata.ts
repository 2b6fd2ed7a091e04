/**
 * Document metadata: Info dictionary (with the QR text under `/PermitQR`), an uncompressed XMP packet carrying
 * `<permit:qr>` (readable without a PDF library, see `domain/signing/embedded-qr.ts`), fixed dates taken from the
 * issue date, and a document ID derived from the content — so the same certificate always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { PDFDict, type PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { escapeXml, XMP_NAMESPACE, xmpQrElement } from '../../domain/signing/embedded-qr';
import type { CertificateDocument } from './certificate-document';

const PRODUCER = 'Permit (pdf-lib 1.17.1, fontkit 2.0.4)';

/**
 * Write the metadata of a certificate PDF.
 *
 * @example
 * applyMetadata(pdf, doc);
 */
export function applyMetadata(pdf: PDFDocument, doc: CertificateDocument): void {
  const issued = new Date(`${doc.issueDate}T00:00:00+08:00`); // a fixed time, so renders are byte-identical
  const title = `全国工业产品生产许可证 ${doc.licenceNo}`;
  pdf.setTitle(title);
  pdf.setSubject(`National Industrial Product Production Licence ${doc.licenceNo}, version ${doc.version}`);
  pdf.setAuthor(doc.issuingAuthority);
  pdf.setKeywords([doc.licenceNo, doc.enterprise.uscc, `v${doc.version}`]);
  pdf.setCreator('Permit');
  pdf.setProducer(PRODUCER);
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);
  pdf.setLanguage('zh-CN');
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('PermitQR'), PDFHexString.fromText(doc.qrText));

  const xmp = new TextEncoder().encode(xmpPacket(doc, title, `${doc.issueDate}T00:00:00+08:00`));
  const stream = pdf.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' }); // XMP stays uncompressed
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(stream));

  const id = createHash('sha256')
    .update(JSON.stringify([doc.licenceNo, doc.version, doc.paperSerial, doc.qrText]))
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

function xmpPacket(doc: CertificateDocument, title: string, date: string): string {
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ` xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:permit="${XMP_NAMESPACE}">`,
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(doc.issuingAuthority)}</rdf:li></rdf:Seq></dc:creator>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    '<xmp:CreatorTool>Permit</xmp:CreatorTool>',
    `<pdf:Producer>${PRODUCER}</pdf:Producer>`,
    `<permit:licenceNo>${escapeXml(doc.licenceNo)}</permit:licenceNo>`,
    `<permit:version>${doc.version}</permit:version>`,
    xmpQrElement(doc.qrText),
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}
