/**
 * A signature revision: an incremental update appended to a finished PDF that adds one signature field and its
 * signature dictionary with a zero-filled `/Contents` placeholder and the `/ByteRange` around it (ISO 32000-1
 * §12.8.1). The bytes before the update are never touched — the unsigned render stays byte-identical inside the
 * signed file, and a document timestamp added later (PAdES B-B → B-T) is one more such revision.
 *
 * Written by hand, not by pdf-lib's writer: pdf-lib only parses the previous revision (catalogue, first page, trailer).
 * Text strings (reason, location, signer name) are UTF-16BE hex strings with a byte-order mark, so Chinese reads right
 * in every reader.
 *
 * @example
 * const prepared = await prepareSignatureRevision(pdf, { kind: 'signature', field: 'Permit-Signature', reserve: 4096, … });
 * const cms = await buildCms(sha256(prepared.signedBytes()));
 * const signed = embedSignature(prepared, cms);
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRef } from 'pdf-lib';

/** What the new revision adds: the authority's signature (PAdES) or a document timestamp (RFC 3161). */
export type SignatureRevisionSpec =
  | {
      readonly kind: 'signature';
      /** Field name, unique in the document. */
      readonly field: string;
      /** Bytes reserved for the DER CMS (the placeholder holds twice as many hex digits). */
      readonly reserve: number;
      readonly name: string;
      readonly reason: string;
      readonly location: string;
      /** The signature dictionary's `/M` (not a signed attribute: PAdES forbids signing-time in the CMS). */
      readonly signedAt: Date;
    }
  /** `field` is a prefix: the revision numbers it after the fields already there (`Permit-Timestamp-2`). */
  | { readonly kind: 'document-timestamp'; readonly field: string; readonly reserve: number };

/** A file with its placeholder in place, and where the placeholder is. */
export interface PreparedRevision {
  /** The whole file: the earlier revisions, then the update with a zero-filled placeholder. */
  readonly bytes: Uint8Array;
  /** `[0, a, b, c]`: everything but the placeholder `<…>` (offset `a`, up to `b`). */
  readonly byteRange: readonly [number, number, number, number];
  /** Bytes the CMS may take (`reserve`). */
  readonly capacity: number;
}

/** The CMS is larger than the reserved placeholder. */
export class PlaceholderTooSmall extends Error {
  constructor(
    readonly needed: number,
    readonly capacity: number,
  ) {
    super(`signature of ${needed} bytes does not fit a ${capacity}-byte placeholder`);
    this.name = 'PlaceholderTooSmall';
  }
}

const BYTE_RANGE_WIDTH = 48; // `[0 a b c]` padded with spaces: room for three ten-digit offsets.

/**
 * Append a signature revision with a zero-filled placeholder.
 *
 * @example
 * const prepared = await prepareSignatureRevision(pdf, { kind: 'document-timestamp', field: 'Permit-Timestamp', reserve: 6144 });
 */
export async function prepareSignatureRevision(
  pdf: Uint8Array,
  spec: SignatureRevisionSpec,
): Promise<PreparedRevision> {
  const previous = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: false });
  const context = previous.context;
  const root = context.trailerInfo.Root;
  if (!(root instanceof PDFRef)) throw new Error('the PDF has no catalogue reference');
  const page = previous.getPage(0);
  const sigRef = PDFRef.of(context.largestObjectNumber + 1);
  const fieldRef = PDFRef.of(context.largestObjectNumber + 2);

  const catalog = previous.catalog.clone(context);
  const acroForm = inlineDict(context, catalog.get(PDFName.of('AcroForm')));
  const fields = inlineArray(context, acroForm.get(PDFName.of('Fields')));
  const fieldName = spec.kind === 'signature' ? spec.field : `${spec.field}-${fields.size() + 1}`;
  fields.push(fieldRef);
  acroForm.set(PDFName.of('Fields'), fields);
  acroForm.set(PDFName.of('SigFlags'), context.obj(3)); // SignaturesExist | AppendOnly
  catalog.set(PDFName.of('AcroForm'), acroForm);

  const pageDict = page.node.clone(context);
  const annots = inlineArray(context, pageDict.get(PDFName.of('Annots')));
  annots.push(fieldRef);
  pageDict.set(PDFName.of('Annots'), annots);

  const placeholder = `<${'0'.repeat(spec.reserve * 2)}>`;
  const sigDict =
    spec.kind === 'signature'
      ? [
          '<<',
          '/Type /Sig',
          '/Filter /Adobe.PPKLite',
          '/SubFilter /ETSI.CAdES.detached',
          `/ByteRange ${' '.repeat(BYTE_RANGE_WIDTH)}`,
          `/Contents ${placeholder}`,
          `/Name ${textString(spec.name)}`,
          `/Reason ${textString(spec.reason)}`,
          `/Location ${textString(spec.location)}`,
          `/M (${pdfDate(spec.signedAt)})`,
          '>>',
        ]
      : [
          '<<',
          '/Type /DocTimeStamp',
          '/Filter /Adobe.PPKLite',
          '/SubFilter /ETSI.RFC3161',
          `/ByteRange ${' '.repeat(BYTE_RANGE_WIDTH)}`,
          `/Contents ${placeholder}`,
          '>>',
        ];
  const field = [
    '<<',
    '/Type /Annot',
    '/Subtype /Widget',
    '/FT /Sig',
    `/T ${textString(fieldName)}`,
    `/V ${sigRef.toString()}`,
    '/F 132', // Print | Locked
    '/Rect [0 0 0 0]', // invisible: the page's printed seal is the visible mark; readers list the signature
    `/P ${page.ref.toString()}`,
    '>>',
  ];

  const previousXref = startXrefOf(pdf);
  const objects: Array<[PDFRef, string]> = [
    [sigRef, sigDict.join('\n')],
    [fieldRef, field.join('\n')],
    [root, catalog.toString()],
    [page.ref, pageDict.toString()],
  ];
  let text = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const offsets = new Map<number, number>();
  for (const [ref, body] of objects) {
    offsets.set(ref.objectNumber, pdf.length + byteLength(text));
    text += `${ref.objectNumber} ${ref.generationNumber} obj\n${body}\nendobj\n`;
  }
  const xrefAt = pdf.length + byteLength(text);
  text += xrefTable(offsets, objects);
  text += trailer(context, sigRef.objectNumber + 2, previousXref, root);
  text += `startxref\n${xrefAt}\n%%EOF\n`;

  const update = Buffer.from(text, 'latin1');
  const bytes = new Uint8Array(pdf.length + update.length);
  bytes.set(pdf, 0);
  bytes.set(update, pdf.length);
  return placeRange(bytes, pdf.length, spec.reserve);
}

/**
 * The bytes a signature covers: everything but the placeholder.
 *
 * @example
 * const digest = createHash('sha256').update(coveredBytes(prepared.bytes, prepared.byteRange)).digest();
 */
export function coveredBytes(bytes: Uint8Array, range: readonly [number, number, number, number]): Uint8Array {
  const [a, b, c, d] = range;
  const out = new Uint8Array(b + d);
  out.set(bytes.subarray(a, a + b), 0);
  out.set(bytes.subarray(c, c + d), b);
  return out;
}

/**
 * Write the DER CMS (or timestamp token) into the placeholder, zero-padded. Throws {@link PlaceholderTooSmall}.
 *
 * @example
 * const signed = embedSignature(prepared, cmsDer);
 */
export function embedSignature(prepared: PreparedRevision, der: Uint8Array): Uint8Array {
  if (der.length > prepared.capacity) throw new PlaceholderTooSmall(der.length, prepared.capacity);
  const out = prepared.bytes.slice();
  out.set(Buffer.from(Buffer.from(der).toString('hex').toUpperCase(), 'latin1'), prepared.byteRange[1] + 1);
  return out;
}

/** Find this revision's placeholder and write its `/ByteRange` (same width: no offset moves). */
function placeRange(bytes: Uint8Array, updateStart: number, reserve: number): PreparedRevision {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const rangeAt = text.indexOf(`/ByteRange ${' '.repeat(BYTE_RANGE_WIDTH)}`, updateStart) + '/ByteRange '.length;
  const contentsAt = text.indexOf('/Contents <', rangeAt) + '/Contents '.length;
  const after = contentsAt + reserve * 2 + 2;
  const range = [0, contentsAt, after, bytes.length - after] as const;
  const written = `[${range.join(' ')}]`.padEnd(BYTE_RANGE_WIDTH, ' ');
  bytes.set(Buffer.from(written, 'latin1'), rangeAt);
  return { bytes, byteRange: range, capacity: reserve };
}

/** A PDF text string: UTF-16BE with a byte-order mark, as a hex string (ISO 32000-1 §7.9.2.2). */
export function textString(text: string): string {
  const hex = ['FEFF'];
  for (let i = 0; i < text.length; i++) hex.push(text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase());
  return `<${hex.join('')}>`;
}

/** A PDF date in Asia/Shanghai: `D:20261206130000+08'00'`. */
export function pdfDate(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `D:${local.slice(0, 19).replace(/[-T:]/g, '')}+08'00'`;
}

function inlineDict(context: PDFDocument['context'], value: PDFObject | undefined): PDFDict {
  const found = value instanceof PDFRef ? context.lookup(value) : value;
  return found instanceof PDFDict ? found.clone(context) : context.obj({});
}

function inlineArray(context: PDFDocument['context'], value: PDFObject | undefined): PDFArray {
  const found = value instanceof PDFRef ? context.lookup(value) : value;
  return found instanceof PDFArray ? found.clone(context) : context.obj([]);
}

/** The offset after the last `startxref` keyword. */
function startXrefOf(pdf: Uint8Array): number {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 1024))).toString('latin1');
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!match) throw new Error('the PDF does not end with startxref … %%EOF');
  return Number(match[1]);
}

/** A classic cross-reference section: one subsection per run of consecutive object numbers. */
function xrefTable(offsets: ReadonlyMap<number, number>, objects: ReadonlyArray<[PDFRef, string]>): string {
  const entries = objects
    .map(([ref]) => ({ n: ref.objectNumber, g: ref.generationNumber, at: offsets.get(ref.objectNumber) as number }))
    .sort((x, y) => x.n - y.n);
  const lines = ['xref'];
  for (let i = 0; i < entries.length; ) {
    let j = i;
    while (j + 1 < entries.length && (entries[j + 1] as { n: number }).n === (entries[j] as { n: number }).n + 1) j++;
    lines.push(`${(entries[i] as { n: number }).n} ${j - i + 1}`);
    for (let k = i; k <= j; k++) {
      const e = entries[k] as { g: number; at: number };
      lines.push(`${String(e.at).padStart(10, '0')} ${String(e.g).padStart(5, '0')} n `);
    }
    i = j + 1;
  }
  return `${lines.join('\n')}\n`;
}

function trailer(context: PDFDocument['context'], size: number, prev: number, root: PDFRef): string {
  const info = context.trailerInfo.Info;
  const id = context.trailerInfo.ID;
  const entries = [`/Size ${size}`, `/Root ${root.toString()}`];
  if (info instanceof PDFRef) entries.push(`/Info ${info.toString()}`);
  if (id) entries.push(`/ID ${id.toString()}`);
  entries.push(`/Prev ${prev}`);
  return `trailer\n<< ${entries.join(' ')} >>\n`;
}

const byteLength = (text: string): number => Buffer.byteLength(text, 'latin1');
