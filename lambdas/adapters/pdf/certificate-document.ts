/**
 * The renderer's own input type — plain data, independent of the certificate entity — and the checks made before
 * anything is drawn: required fields present, and every character printable with the font that will draw it (the
 * text policy of `lambdas/domain/text.ts`, the same rules filing applies, plus the font's own cmap as a defence in
 * depth).
 */
import { type FieldIssue, ValidationError } from '../../domain/errors';
import { describeCharacter, TEXT_NOT_PRINTABLE, unprintableCharacters } from '../../domain/text';
import type { FontMetricsSet, FontRole } from './font-metrics';

/**
 * Everything printed on a certificate.
 *
 * @example
 * const doc: CertificateDocument = {
 *   licenceNo: '(鄂)XK13-001-00001', version: 2, paperSerial: 'HB2026-0001234',
 *   enterprise: { name: '武汉长江钢铁有限公司', uscc: '91420100MA4K2X1R09', domicile: '…', productionAddresses: ['…'] },
 *   products: [{ name: '热轧带肋钢筋', nameEn: 'Hot-rolled ribbed steel bars', categoryName: '建筑用钢筋' }],
 *   issueDate: '2026-09-28', validUntil: '2031-09-27', issuingAuthority: '湖北省市场监督管理局', qrText,
 * };
 */
export interface CertificateDocument {
  readonly licenceNo: string;
  readonly version: number;
  /** Serial of this printed copy (纸质证书编号); a new one for every paper copy. */
  readonly paperSerial: string;
  readonly enterprise: {
    readonly name: string;
    readonly uscc: string;
    /** 住所: the registered domicile. */
    readonly domicile: string;
    readonly productionAddresses: readonly string[];
  };
  readonly products: readonly {
    readonly name: string;
    readonly nameEn?: string;
    readonly categoryName?: string;
  }[];
  /** `YYYY-MM-DD`, Asia/Shanghai calendar date. */
  readonly issueDate: string;
  readonly validUntil: string;
  readonly issuingAuthority: string;
  /** The signed QR text (see `docs/qr-format.md`), drawn as the QR code and stored in the metadata. */
  readonly qrText: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Collapse white space (line breaks in a name are typing accidents, not layout). */
const clean = (s: string): string => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '');

/**
 * Normalise white space and check required fields. Throws `ValidationError` `CERTIFICATE_DOCUMENT_INVALID`.
 *
 * @example
 * const doc = normaliseDocument(input);
 */
export function normaliseDocument(d: CertificateDocument): CertificateDocument {
  const doc: CertificateDocument = {
    licenceNo: clean(d.licenceNo),
    version: d.version,
    paperSerial: clean(d.paperSerial),
    enterprise: {
      name: clean(d.enterprise?.name),
      uscc: clean(d.enterprise?.uscc),
      domicile: clean(d.enterprise?.domicile),
      productionAddresses: (d.enterprise?.productionAddresses ?? []).map(clean),
    },
    products: (d.products ?? []).map((p) => ({
      name: clean(p.name),
      ...(p.nameEn && clean(p.nameEn) ? { nameEn: clean(p.nameEn) } : {}),
      ...(p.categoryName && clean(p.categoryName) ? { categoryName: clean(p.categoryName) } : {}),
    })),
    issueDate: d.issueDate,
    validUntil: d.validUntil,
    issuingAuthority: clean(d.issuingAuthority),
    qrText: typeof d.qrText === 'string' ? d.qrText.trim() : '',
  };
  const issues: FieldIssue[] = [];
  const required: [string, string][] = [
    ['licenceNo', doc.licenceNo],
    ['paperSerial', doc.paperSerial],
    ['enterprise.name', doc.enterprise.name],
    ['enterprise.uscc', doc.enterprise.uscc],
    ['enterprise.domicile', doc.enterprise.domicile],
    ['issuingAuthority', doc.issuingAuthority],
    ['qrText', doc.qrText],
  ];
  for (const [field, value] of required) if (!value) issues.push({ field, message: 'required' });
  doc.enterprise.productionAddresses.forEach((a, i) => {
    if (!a) issues.push({ field: `enterprise.productionAddresses.${i}`, message: 'empty' });
  });
  doc.products.forEach((p, i) => {
    if (!p.name) issues.push({ field: `products.${i}.name`, message: 'required' });
  });
  if (doc.enterprise.productionAddresses.length === 0) {
    issues.push({ field: 'enterprise.productionAddresses', message: 'at least one production address' });
  }
  if (doc.products.length === 0) issues.push({ field: 'products', message: 'at least one product' });
  if (!Number.isInteger(doc.version) || doc.version < 1) issues.push({ field: 'version', message: 'positive integer' });
  for (const field of ['issueDate', 'validUntil'] as const) {
    if (!DATE.test(doc[field]) || Number.isNaN(Date.parse(doc[field]))) issues.push({ field, message: 'YYYY-MM-DD' });
  }
  if (!/^[\x21-\x7e]+$/.test(doc.qrText)) issues.push({ field: 'qrText', message: 'printable ASCII only' });
  if (issues.length > 0) {
    throw new ValidationError('CERTIFICATE_DOCUMENT_INVALID', 'the certificate document is incomplete', issues);
  }
  return doc;
}

/** Every text field with the fonts it is drawn in. */
function printedFields(doc: CertificateDocument): [field: string, text: string, roles: FontRole[]][] {
  const fields: [string, string, FontRole[]][] = [
    ['licenceNo', doc.licenceNo, ['regular']],
    ['paperSerial', doc.paperSerial, ['regular']],
    ['enterprise.name', doc.enterprise.name, ['regular']],
    ['enterprise.uscc', doc.enterprise.uscc, ['regular']],
    ['enterprise.domicile', doc.enterprise.domicile, ['regular']],
    ['issuingAuthority', doc.issuingAuthority, ['regular', 'bold']], // bold around the seal
  ];
  doc.enterprise.productionAddresses.forEach((a, i) => {
    fields.push([`enterprise.productionAddresses.${i}`, a, ['regular']]);
  });
  doc.products.forEach((p, i) => {
    fields.push([`products.${i}.name`, p.name, ['regular']]);
    if (p.nameEn) fields.push([`products.${i}.nameEn`, p.nameEn, ['regular']]);
    if (p.categoryName) fields.push([`products.${i}.categoryName`, p.categoryName, ['regular']]);
  });
  return fields;
}

/**
 * Refuse, before drawing, any character the text policy refuses (controls, invisible and format characters,
 * combining marks, characters the certificate fonts lack — `unprintableCharacters`) or the drawing font itself
 * cannot draw (it would print as an empty box). Throws `ValidationError` `TEXT_NOT_PRINTABLE` (400, the same answer as
 * the request's own text check) naming each field and its characters (as `U+XXXX c`, the character only where
 * visible).
 *
 * @example
 * assertPrintable(doc, certificateFonts()); // throws for '𠮷' if the font lacks it
 */
export function assertPrintable(doc: CertificateDocument, fonts: FontMetricsSet): void {
  const issues: FieldIssue[] = [];
  const characters = new Set<string>();
  for (const [field, text, roles] of printedFields(doc)) {
    const bad = new Set(unprintableCharacters(text));
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      if (ch !== ' ' && roles.some((r) => !fonts[r].canDraw(cp))) bad.add(ch);
    }
    if (bad.size === 0) continue;
    const names = [...bad].map(describeCharacter);
    for (const n of names) characters.add(n);
    issues.push({ field, message: `cannot print ${names.join(', ')}` });
  }
  if (issues.length > 0) {
    throw new ValidationError(
      TEXT_NOT_PRINTABLE,
      `the certificate font cannot print: ${[...characters].join(', ')}`,
      issues,
    );
  }
}
