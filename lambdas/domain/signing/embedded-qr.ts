/**
 * The QR text is also stored in the certificate PDF's XMP metadata, as `<permit:qr>…</permit:qr>`. XMP packets are
 * stored uncompressed (by the XMP specification's design, for exactly this kind of scanning), so a verifier can read
 * the QR text from the file's bytes without a PDF library — the verify function must not bundle one.
 */
import { ValidationError } from '../errors';

/** XML namespace of Permit's XMP properties. */
export const XMP_NAMESPACE = 'urn:permit:xmp:1.0:';
const OPEN = '<permit:qr>';
const CLOSE = '</permit:qr>';
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The `<permit:qr>` element for an XMP packet (value escaped).
 *
 * @example
 * xmpQrElement('https://permit.example/v/AE…'); // '<permit:qr>https://permit.example/v/AE…</permit:qr>'
 */
export function xmpQrElement(qrText: string): string {
  return `${OPEN}${escapeXml(qrText)}${CLOSE}`;
}

/**
 * Find the QR text in a certificate PDF's bytes. Throws `ValidationError` `PDF_QR_MISSING` when there is none and
 * `PDF_QR_AMBIGUOUS` when the file carries different values (e.g. an appended incremental update).
 *
 * @example
 * const qrText = findEmbeddedQrText(new Uint8Array(await file.arrayBuffer()));
 */
export function findEmbeddedQrText(pdf: Uint8Array): string {
  // windows-1252/latin1 decoding maps every byte to one UTF-16 unit, so ASCII markers are found at the same offsets.
  const text = new TextDecoder('latin1').decode(pdf);
  const found = new Set<string>();
  for (let at = text.indexOf(OPEN); at >= 0; at = text.indexOf(OPEN, at + OPEN.length)) {
    const end = text.indexOf(CLOSE, at + OPEN.length);
    if (end < 0 || end - at > 2048) break;
    found.add(unescapeXml(text.slice(at + OPEN.length, end)));
  }
  if (found.size === 0) throw new ValidationError('PDF_QR_MISSING', 'the PDF carries no certificate QR metadata');
  if (found.size > 1) throw new ValidationError('PDF_QR_AMBIGUOUS', 'the PDF carries conflicting QR metadata');
  return [...found][0] as string;
}

/**
 * Escape text for XML element content and attribute values.
 *
 * @example
 * escapeXml('a<b&c'); // 'a&lt;b&amp;c'
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${Object.keys(ENTITIES).find((k) => ENTITIES[k] === c)};`);
}

const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? '');
