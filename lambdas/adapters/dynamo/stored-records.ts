/**
 * Licence numbers in storage. Items and keys carry them as text, exactly as they always have — the printed form
 * `(鄂)XK06-001-00001` in attributes and records, the URL-safe form `42-XK06-001-00001` in keys — while everything
 * above the adapters holds the {@link LicenceNumber} value object. The DynamoDB adapters turn a number into text here,
 * and here alone turn stored text back into a number (rehydration); the certificate register's records that carry one
 * take their stored form here too.
 *
 * @example
 * const item = { ...keys.head(snapshot.licenceNumber), certificate: storedCertificate(snapshot) };
 * const head = certificateFromStorage(item.certificate as StoredCertificate);
 */
import type { AuditEvent } from '../../domain/audit-event';
import type { CertificateSnapshot } from '../../domain/certificate-snapshot';
import type { IssuedVersion } from '../../domain/issued-version';
import { LicenceNumber } from '../../domain/licence-number';
import type { PaperPrint } from '../../domain/paper-print';
import type { IdempotencyRecord } from '../../ports/certificate-repository';

/**
 * A licence number read from an item. Storage holds only numbers the domain built, so text that does not parse is a
 * damaged item: a server fault (500, logged), not a client's mistake.
 *
 * @example
 * licenceFromStorage(item.licenceNo); // LicenceNumber (鄂)XK06-001-00001
 */
export function licenceFromStorage(text: unknown): LicenceNumber {
  try {
    return LicenceNumber.parse(String(text));
  } catch (error) {
    throw new Error(`stored licence number ${JSON.stringify(text)} is not a licence number`, { cause: error });
  }
}

/**
 * The key form of a licence number: URL-safe ASCII.
 *
 * @example
 * `CERT#${licenceKey(licenceNo)}`; // 'CERT#42-XK06-001-00001'
 */
export const licenceKey = (licenceNo: LicenceNumber): string => licenceNo.toUrlSafe();

/** A certificate record as stored: its number as printed text. */
export type StoredCertificate = Omit<CertificateSnapshot, 'licenceNumber'> & { readonly licenceNumber: string };

/** An issued version as stored. */
export type StoredVersion = Omit<IssuedVersion, 'licenceNo' | 'certificate'> & {
  readonly licenceNo: string;
  readonly certificate: StoredCertificate;
};

/** A paper print as stored. */
export type StoredPrint = Omit<PaperPrint, 'licenceNo'> & { readonly licenceNo: string };

/** An audit event as stored. */
export type StoredAudit = Omit<AuditEvent, 'licenceNo'> & { readonly licenceNo: string };

/** An idempotency record as stored. */
export type StoredIdempotency = Omit<IdempotencyRecord, 'licenceNo'> & { readonly licenceNo: string };

/**
 * The stored form of a certificate record.
 *
 * @example
 * storedCertificate(certificate.toSnapshot()).licenceNumber; // '(鄂)XK06-001-00001'
 */
export const storedCertificate = (snapshot: CertificateSnapshot): StoredCertificate => ({
  ...snapshot,
  licenceNumber: snapshot.licenceNumber.toString(),
});

/**
 * A stored certificate record with its number parsed back (`known`: the number the item was read by, when its text is
 * the same, so one read parses it once).
 *
 * @example
 * certificateFromStorage(item.certificate as StoredCertificate).licenceNumber; // LicenceNumber
 */
export const certificateFromStorage = (stored: StoredCertificate, known?: LicenceNumber): CertificateSnapshot => ({
  ...stored,
  licenceNumber: sameText(stored.licenceNumber, known) ?? licenceFromStorage(stored.licenceNumber),
});

/**
 * The stored form of an issued version.
 *
 * @example
 * storedVersion(version).certificate.licenceNumber; // '(鄂)XK06-001-00001'
 */
export const storedVersion = (version: IssuedVersion): StoredVersion => ({
  ...version,
  licenceNo: version.licenceNo.toString(),
  certificate: storedCertificate(version.certificate),
});

/**
 * A stored issued version with its numbers parsed back.
 *
 * @example
 * versionFromStorage(item.record as StoredVersion).licenceNo; // LicenceNumber
 */
export function versionFromStorage(stored: StoredVersion, known?: LicenceNumber): IssuedVersion {
  const licenceNo = sameText(stored.licenceNo, known) ?? licenceFromStorage(stored.licenceNo);
  return { ...stored, licenceNo, certificate: certificateFromStorage(stored.certificate, licenceNo) };
}

/**
 * The stored form of a paper print.
 *
 * @example
 * storedPrint(print).licenceNo; // '(鄂)XK06-001-00001'
 */
export const storedPrint = (print: PaperPrint): StoredPrint => ({ ...print, licenceNo: print.licenceNo.toString() });

/**
 * A stored paper print with its number parsed back.
 *
 * @example
 * printFromStorage(item.print as StoredPrint).licenceNo; // LicenceNumber
 */
export const printFromStorage = (stored: StoredPrint, known?: LicenceNumber): PaperPrint => ({
  ...stored,
  licenceNo: sameText(stored.licenceNo, known) ?? licenceFromStorage(stored.licenceNo),
});

/**
 * The stored form of an audit event.
 *
 * @example
 * storedAudit(event).licenceNo; // '(鄂)XK06-001-00001'
 */
export const storedAudit = (event: AuditEvent): StoredAudit => ({ ...event, licenceNo: event.licenceNo.toString() });

/**
 * A stored audit event with its number parsed back.
 *
 * @example
 * auditFromStorage(item as unknown as StoredAudit, licenceNo).licenceNo; // LicenceNumber
 */
export const auditFromStorage = (stored: StoredAudit, known?: LicenceNumber): AuditEvent => ({
  ...stored,
  licenceNo: sameText(stored.licenceNo, known) ?? licenceFromStorage(stored.licenceNo),
});

/**
 * The stored form of an idempotency record.
 *
 * @example
 * storedIdempotency(record).licenceNo; // '(鄂)XK06-001-00001'
 */
export const storedIdempotency = (record: IdempotencyRecord): StoredIdempotency => ({
  ...record,
  licenceNo: record.licenceNo.toString(),
});

/**
 * A stored idempotency record with its number parsed back.
 *
 * @example
 * idempotencyFromStorage(item.record as StoredIdempotency).licenceNo; // LicenceNumber
 */
export const idempotencyFromStorage = (stored: StoredIdempotency): IdempotencyRecord => ({
  ...stored,
  licenceNo: licenceFromStorage(stored.licenceNo),
});

/** `known` when the stored text is its printed form (the item was found by that number): no parse needed. */
const sameText = (text: string, known: LicenceNumber | undefined): LicenceNumber | undefined =>
  known !== undefined && known.toString() === text ? known : undefined;
