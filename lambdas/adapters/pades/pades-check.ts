/**
 * {@link PdfSignatureCheck}: is this PDF signed by the authority, and unchanged since?
 *
 * 1. Every signature dictionary's `/ByteRange` must cover its revision from byte 0 except exactly its own
 *    `/Contents <…>` hex string, which must sit inside that dictionary.
 * 2. The first signature is the authority's (`ETSI.CAdES.detached`); every later one may only be a document timestamp
 *    (`ETSI.RFC3161`), and the last one must cover the whole file — bytes appended after it are an unsigned change.
 * 3. An update between two signatures may add signature fields and their dictionaries (and list them in the
 *    catalogue's form and the page's annotations) and nothing else: a document timestamp added later (B-B → B-T) is
 *    recognised as such, any other change is `modified-after-signing`.
 * 4. The CMS is checked by `cms.ts` (digest, signature, signing certificate, chain to a trust anchor), each timestamp
 *    by `tsp.ts`.
 *
 * Never throws: anything unreadable is `malformed`; trust anchors that cannot be read make the answer `unavailable`.
 *
 * @example
 * const check = new PadesCheck(async () => derFromPem(await readFile('ca.pem', 'utf8')));
 * await check.check(pdf); // { state: 'valid', level: 'B-T', signer: '湖北省市场监督管理局', timestampedAt: '…' }
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRef } from 'pdf-lib';
import type { PdfSignatureFinding, PdfSignatureProblem } from '../../domain/pdf-signature/finding';
import type { PdfSignatureCheck } from '../../ports/pdf-signature-check';
import { sha256 } from './asn1';
import { verifyDetachedCms } from './cms';
import { coveredBytes } from './pdf-revision';
import { verifyTimestampToken } from './tsp';

/** Reads the trust anchors (DER certificates): the authority's CA and the TSA's. */
export type TrustAnchorSource = () => Promise<readonly Uint8Array[]>;

export class PadesCheck implements PdfSignatureCheck {
  constructor(private readonly anchors: TrustAnchorSource) {}

  async check(pdf: Uint8Array): Promise<PdfSignatureFinding> {
    let anchors: readonly Uint8Array[];
    try {
      anchors = await this.anchors();
    } catch {
      return { state: 'unavailable' };
    }
    try {
      return await checkPades(pdf, anchors);
    } catch {
      return invalid('malformed');
    }
  }
}

/** One signature dictionary found in the file. */
interface FoundSignature {
  readonly kind: 'signature' | 'timestamp';
  readonly range: readonly [number, number, number, number];
  /** Where its revision ends (the end of the last covered byte). */
  readonly end: number;
  /** The DER inside `/Contents` (zero padding removed). */
  readonly der: Uint8Array;
}

const invalid = (problem: PdfSignatureProblem): PdfSignatureFinding => ({ state: 'invalid', problem });

/**
 * The finding for a PDF, given the trust anchors. Throws only on files too broken to read (the caller says
 * `malformed`).
 *
 * @example
 * await checkPades(pdf, [caDer]); // { state: 'invalid', problem: 'digest' }
 */
export async function checkPades(pdf: Uint8Array, anchors: readonly Uint8Array[]): Promise<PdfSignatureFinding> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length).toString('latin1');
  const found = findSignatures(pdf, text);
  if (found === 'none') return { state: 'absent' };
  if (typeof found === 'string') return invalid(found);
  const signatures = [...found].sort((x, y) => x.end - y.end);
  const [first, ...later] = signatures as [FoundSignature, ...FoundSignature[]];
  if (first.kind !== 'signature' || later.some((s) => s.kind !== 'timestamp')) return invalid('modified-after-signing');
  if ((signatures.at(-1) as FoundSignature).end !== pdf.length) return invalid('modified-after-signing');

  let documentTimestampAt: Date | undefined;
  for (const stamp of later) {
    const checked = verifyTimestampToken(stamp.der, sha256(coveredBytes(pdf, stamp.range)), anchors);
    if (!checked.ok) return invalid('timestamp-invalid');
    documentTimestampAt ??= checked.genTime;
  }
  const cms = verifyDetachedCms(first.der, sha256(coveredBytes(pdf, first.range)), anchors, {
    ...(documentTimestampAt ? { at: documentTimestampAt } : {}),
  });
  if (!cms.ok) return invalid(cms.problem);
  for (let i = 1; i < signatures.length; i++) {
    const before = (signatures[i - 1] as FoundSignature).end;
    if (!(await onlySignaturesAdded(pdf.subarray(0, before), pdf.subarray(0, (signatures[i] as FoundSignature).end)))) {
      return invalid('modified-after-signing');
    }
  }
  const timestampedAt = cms.timestampedAt ?? documentTimestampAt;
  return {
    state: 'valid',
    level: timestampedAt ? 'B-T' : 'B-B',
    signer: cms.signer,
    ...(timestampedAt ? { timestampedAt: timestampedAt.toISOString() } : {}),
    ...(!cms.timestampedAt && documentTimestampAt ? { documentTimestamp: true } : {}),
  };
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
const HEX = /^[0-9A-Fa-f]*$/;

/** Every signature dictionary with a byte range; `none` when the file has none at all. */
function findSignatures(pdf: Uint8Array, text: string): FoundSignature[] | PdfSignatureProblem | 'none' {
  const found: FoundSignature[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    const at = match.index as number;
    const range = match.slice(1, 5).map(Number) as unknown as [number, number, number, number];
    const [a, b, c, d] = range;
    const objectStart = text.lastIndexOf(' obj', at);
    const objectEnd = text.indexOf('endobj', at);
    if (objectStart < 0 || objectEnd < 0) return 'malformed';
    if (a !== 0 || b <= 0 || c <= b + 1 || c + d > pdf.length || b < objectStart || c > objectEnd) return 'byte-range';
    if (text[b] !== '<' || text[c - 1] !== '>' || !HEX.test(text.slice(b + 1, c - 1))) return 'byte-range';
    const dictionary = text.slice(objectStart, b) + text.slice(c, objectEnd);
    const kind = /\/SubFilter\s*\/ETSI\.RFC3161/.test(dictionary)
      ? 'timestamp'
      : /\/SubFilter\s*\/(ETSI\.CAdES\.detached|adbe\.pkcs7\.detached)/.test(dictionary)
        ? 'signature'
        : undefined;
    if (!kind) return 'malformed';
    const der = derPrefix(Buffer.from(text.slice(b + 1, c - 1), 'hex'));
    if (!der) return 'malformed';
    found.push({ kind, range, end: c + d, der });
  }
  if (found.length > 0) return found;
  return /\/FT\s*\/Sig\b/.test(text) || /\/Type\s*\/Sig\b/.test(text) ? 'malformed' : 'none';
}

/** The DER element at the start of `bytes` (the placeholder's zero padding cut off), or undefined. */
function derPrefix(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 2 || bytes[0] !== 0x30) return undefined;
  const first = bytes[1] as number;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[2 + i] as number);
    header = 2 + count;
  }
  return header + length <= bytes.length ? bytes.subarray(0, header + length) : undefined;
}

/**
 * Whether `after` (a later revision of `before`) only adds signature fields: new objects that are signature or
 * document-timestamp dictionaries or signature widgets, the catalogue changed only in `/AcroForm`, pages only in
 * `/Annots`.
 */
async function onlySignaturesAdded(before: Uint8Array, after: Uint8Array): Promise<boolean> {
  const [old, next] = await Promise.all([
    PDFDocument.load(before, { updateMetadata: false }),
    PDFDocument.load(after, { updateMetadata: false }),
  ]);
  const oldObjects = new Map(old.context.enumerateIndirectObjects().map(([ref, obj]) => [ref.toString(), obj]));
  const catalog = next.context.trailerInfo.Root;
  for (const [ref, obj] of next.context.enumerateIndirectObjects()) {
    const previous = oldObjects.get(ref.toString());
    if (!previous) {
      if (!isSignatureObject(obj)) return false;
      continue;
    }
    if (previous.toString() === obj.toString()) continue;
    if (!(obj instanceof PDFDict) || !(previous instanceof PDFDict)) return false;
    const isCatalog = catalog instanceof PDFRef && ref.toString() === catalog.toString();
    const allowed = isCatalog ? 'AcroForm' : obj.get(PDFName.of('Type'))?.toString() === '/Page' ? 'Annots' : undefined;
    if (!allowed || without(obj, allowed) !== without(previous, allowed)) return false;
  }
  return old.context.trailerInfo.Root?.toString() === catalog?.toString();
}

function isSignatureObject(obj: PDFObject): boolean {
  if (!(obj instanceof PDFDict)) return false;
  const type = obj.get(PDFName.of('Type'))?.toString();
  if (type === '/Sig' || type === '/DocTimeStamp') return true;
  return obj.get(PDFName.of('FT'))?.toString() === '/Sig' && !(obj.get(PDFName.of('Kids')) instanceof PDFArray);
}

/** A dictionary's text without one key. */
function without(dict: PDFDict, key: string): string {
  const copy = dict.clone();
  copy.delete(PDFName.of(key));
  return copy.toString();
}
