/**
 * The transparency log's entries: one per issuance, paper reissue (补领) and status change, in a canonical,
 * length-prefixed binary encoding — the bytes the log's leaf hash covers and an entry bundle carries.
 *
 * Why binary and not JSON: JSON needs a canonicalisation scheme (key order, number and escape forms) every
 * independent verifier must reproduce exactly; a fixed field order with length prefixes has one encoding per value, no
 * two values share one, and any language decodes it in a few lines. It is the encoding the supervision draw uses
 * (`domain/encoding.ts`): `u32` big-endian, `text` = u32 length ‖ UTF-8.
 *
 * Layout: `0x01` (encoding version) ‖ type byte ‖ the type's fields in this order —
 * - `0x01` issuance: text licence number, u32 version, 32 bytes SHA-256 of the signed QR record, 32 bytes SHA-256 of
 *   the first committed PDF, text signing key id, text time
 * - `0x02` paper reissue: text licence number, u32 version, text new paper serial, text time
 * - `0x03` status change: text licence number, text from, text to, text time, 32 bytes SHA-256 of the public reason
 *
 * Times are UTC instants `YYYY-MM-DDTHH:MM:SS(.fff)Z`; hashes are lower-case hex in the values, raw bytes on the wire.
 * Decoding refuses an unknown version or type, a bad field, a truncation and trailing bytes (`TLOG_ENTRY_MALFORMED`).
 *
 * @example
 * const bytes = encodeEntry({ type: 'status-change', licenceNumber, from: 'valid', to: 'suspended', time, reasonSha256 });
 * decodeEntry(bytes); // the same entry
 */
import { CERTIFICATE_STATUSES, type CertificateStatus } from '../certificate-status';
import { concat, sha256, text, toHex, u32, utf8 } from '../encoding';
import { ValidationError } from '../errors';

/**
 * The encoding version byte every entry starts with.
 *
 * @example
 * encodeEntry(entry)[0] === ENTRY_ENCODING_VERSION; // true
 */
export const ENTRY_ENCODING_VERSION = 0x01;

/**
 * A certificate issued (or a new version of it).
 *
 * @example
 * const e: IssuanceEntry = { type: 'issuance', licenceNumber, version: 1, qrRecordSha256, pdfSha256, kid, time };
 */
export interface IssuanceEntry {
  readonly type: 'issuance';
  readonly licenceNumber: string;
  readonly version: number;
  readonly qrRecordSha256: string;
  readonly pdfSha256: string;
  readonly kid: string;
  readonly time: string;
}

/**
 * A paper copy reissued (补领) under a new paper serial.
 *
 * @example
 * const e: PaperReissueEntry = { type: 'paper-reissue', licenceNumber, version: 2, paperSerial, time };
 */
export interface PaperReissueEntry {
  readonly type: 'paper-reissue';
  readonly licenceNumber: string;
  readonly version: number;
  readonly paperSerial: string;
  readonly time: string;
}

/**
 * A certificate's status changed; the public reason is logged by its SHA-256 only.
 *
 * @example
 * const e: StatusChangeEntry = { type: 'status-change', licenceNumber, from: 'valid', to: 'suspended', time, reasonSha256 };
 */
export interface StatusChangeEntry {
  readonly type: 'status-change';
  readonly licenceNumber: string;
  readonly from: CertificateStatus;
  readonly to: CertificateStatus;
  readonly time: string;
  readonly reasonSha256: string;
}

/**
 * Any log entry.
 *
 * @example
 * const entries: LogEntry[] = [issuance, reissue, statusChange];
 */
export type LogEntry = IssuanceEntry | PaperReissueEntry | StatusChangeEntry;

const TYPE_BYTES = { issuance: 0x01, 'paper-reissue': 0x02, 'status-change': 0x03 } as const;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_TEXT = 256;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The canonical bytes of an entry, after checking every field (`TLOG_ENTRY_MALFORMED`).
 *
 * @example
 * leafHash(encodeEntry(entry)); // the entry's leaf in the log
 */
export function encodeEntry(entry: LogEntry): Uint8Array {
  checkEntry(entry);
  const head = new Uint8Array([ENTRY_ENCODING_VERSION, TYPE_BYTES[entry.type]]);
  switch (entry.type) {
    case 'issuance':
      return concat(
        head,
        text(entry.licenceNumber),
        u32(entry.version),
        hexBytes(entry.qrRecordSha256),
        hexBytes(entry.pdfSha256),
        text(entry.kid),
        text(entry.time),
      );
    case 'paper-reissue':
      return concat(head, text(entry.licenceNumber), u32(entry.version), text(entry.paperSerial), text(entry.time));
    case 'status-change':
      return concat(
        head,
        text(entry.licenceNumber),
        text(entry.from),
        text(entry.to),
        text(entry.time),
        hexBytes(entry.reasonSha256),
      );
  }
}

/**
 * The entry an encoding holds, refusing anything {@link encodeEntry} would not have produced (`TLOG_ENTRY_MALFORMED`).
 *
 * @example
 * decodeEntry(encodeEntry(entry)); // deep-equals entry
 */
export function decodeEntry(bytes: Uint8Array): LogEntry {
  const r = new Reader(bytes);
  if (r.byte() !== ENTRY_ENCODING_VERSION) throw malformed('unknown encoding version');
  const type = r.byte();
  let entry: LogEntry;
  if (type === TYPE_BYTES.issuance) {
    entry = {
      type: 'issuance',
      licenceNumber: r.text(),
      version: r.u32(),
      qrRecordSha256: r.hash(),
      pdfSha256: r.hash(),
      kid: r.text(),
      time: r.text(),
    };
  } else if (type === TYPE_BYTES['paper-reissue']) {
    entry = { type: 'paper-reissue', licenceNumber: r.text(), version: r.u32(), paperSerial: r.text(), time: r.text() };
  } else if (type === TYPE_BYTES['status-change']) {
    const [licenceNumber, from, to, time] = [r.text(), r.text(), r.text(), r.text()];
    entry = {
      type: 'status-change',
      licenceNumber,
      from: from as CertificateStatus,
      to: to as CertificateStatus,
      time,
      reasonSha256: r.hash(),
    };
  } else {
    throw malformed('unknown entry type');
  }
  if (!r.done()) throw malformed('trailing bytes');
  checkEntry(entry);
  return entry;
}

function checkEntry(entry: LogEntry): void {
  checkText(entry.licenceNumber, 'licenceNumber');
  if (!INSTANT.test(entry.time) || Number.isNaN(Date.parse(entry.time))) throw malformed('time is not a UTC instant');
  switch (entry.type) {
    case 'issuance':
      checkVersion(entry.version);
      checkHash(entry.qrRecordSha256, 'qrRecordSha256');
      checkHash(entry.pdfSha256, 'pdfSha256');
      checkText(entry.kid, 'kid');
      return;
    case 'paper-reissue':
      checkVersion(entry.version);
      checkText(entry.paperSerial, 'paperSerial');
      return;
    case 'status-change':
      if (!isStatus(entry.from) || !isStatus(entry.to) || entry.from === entry.to) {
        throw malformed('from and to are two different certificate statuses');
      }
      checkHash(entry.reasonSha256, 'reasonSha256');
      return;
    default:
      throw malformed('unknown entry type');
  }
}

const isStatus = (s: string): s is CertificateStatus => (CERTIFICATE_STATUSES as readonly string[]).includes(s);

function checkText(value: string, field: string): void {
  if (typeof value !== 'string' || value === '' || value.length > MAX_TEXT || value.trim() !== value) {
    throw malformed(`${field} is empty, too long or padded`, field);
  }
  if (LONE_SURROGATE.test(value)) throw malformed(`${field} is not well-formed Unicode`, field);
}

function checkVersion(version: number): void {
  if (!Number.isInteger(version) || version < 1 || version > 0xffffffff)
    throw malformed('version is not 1–2³²−1', 'version');
}

function checkHash(value: string, field: string): void {
  if (!SHA256_HEX.test(value)) throw malformed(`${field} is not a lower-case hex SHA-256`, field);
}

const hexBytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class Reader {
  #at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  #take(n: number): Uint8Array {
    if (this.#at + n > this.bytes.length) throw malformed('truncated');
    const out = this.bytes.subarray(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }
  byte(): number {
    return this.#take(1)[0] as number;
  }
  u32(): number {
    const b = this.#take(4);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0);
  }
  text(): string {
    const length = this.u32();
    if (length > MAX_TEXT * 4) throw malformed('a text field is too long');
    try {
      return UTF8.decode(this.#take(length));
    } catch {
      throw malformed('a text field is not UTF-8');
    }
  }
  hash(): string {
    return Buffer.from(this.#take(32)).toString('hex');
  }
  done(): boolean {
    return this.#at === this.bytes.length;
  }
}

const malformed = (why: string, field = 'entry') =>
  new ValidationError('TLOG_ENTRY_MALFORMED', `malformed log entry: ${why}`, [{ field, message: why }]);

/**
 * The digest an issuance entry records of a version's signed QR record: SHA-256 of the compact JWS, lower-case hex.
 * The issuer, the online verifier and the offline proof check all compute it here.
 *
 * @example
 * qrRecordSha256(version.jws); // '9f86d081…'
 */
export const qrRecordSha256 = (jws: string): string => toHex(sha256(utf8(jws)));

/**
 * The digest a status-change entry records of the public reason (the reason itself is not logged): SHA-256 of its
 * UTF-8 text, lower-case hex.
 *
 * @example
 * reasonSha256('责令停产整改');
 */
export const reasonSha256 = (publicReason: string): string => toHex(sha256(utf8(publicReason)));
