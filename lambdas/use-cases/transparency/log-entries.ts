/**
 * The transparency log's entries as events write them: each issuance (and new version), paper reissue (补领) and status
 * change adds its entry to its own transaction — a pending entry that is also the `log` outbox message waking the
 * sequencer (`sequencer.ts`): the log's pending list is that topic's outbox — so an event is logged exactly when it
 * commits, and exactly once (the key is unique per event).
 *
 * Keys: `issuance.{licence}.v{version}`, `reissue.{licence}.{paperSerial}`, `status.{licence}.r{revision}` (the
 * licence in its URL-safe form, the revision the change gave the certificate).
 *
 * @example
 * const log = logEntryParts(issuanceEntryKey(licenceNo, 1), entry, at);
 * await repository.commitIssuance({ …, parts: [...log.parts, ...others] });
 * await notifyCommitted(deps, [log.message]);
 */
import type { CertificateSnapshot } from '../../domain/certificate-snapshot';
import type { LicenceNumber } from '../../domain/licence-number';
import { encodeEntry, type LogEntry, qrRecordSha256, reasonSha256 } from '../../domain/transparency/entries';
import type { PendingLogEntry } from '../../ports/log-store';
import type { OutboxMessage, TransactionPart } from '../../ports/transaction-parts';
import { outboxMessage } from '../outbox/message';

/**
 * The key of a version's issuance entry.
 *
 * @example
 * issuanceEntryKey(LicenceNumber.parse('42-XK13-001-00001'), 2); // 'issuance.42-XK13-001-00001.v2'
 */
export const issuanceEntryKey = (licenceNo: LicenceNumber, version: number): string =>
  `issuance.${licenceNo.toUrlSafe()}.v${version}`;

/**
 * The key of a paper reissue's entry.
 *
 * @example
 * reissueEntryKey(licenceNo, '2026000123'); // 'reissue.42-XK13-001-00001.2026000123'
 */
export const reissueEntryKey = (licenceNo: LicenceNumber, paperSerial: string): string =>
  `reissue.${licenceNo.toUrlSafe()}.${paperSerial}`;

/**
 * The key of a status change's entry: the certificate's revision after the change.
 *
 * @example
 * statusEntryKey(licenceNo, 4); // 'status.42-XK13-001-00001.r4'
 */
export const statusEntryKey = (licenceNo: LicenceNumber, revision: number): string =>
  `status.${licenceNo.toUrlSafe()}.r${revision}`;

/**
 * The pending entry — which is also its outbox message (one item) — as a transaction part of the event's own
 * transaction, and the message to publish after the commit.
 *
 * @example
 * const { parts, message } = logEntryParts(key, entry, at);
 */
export function logEntryParts(
  key: string,
  entry: LogEntry,
  at: Date,
): { readonly parts: readonly TransactionPart[]; readonly message: OutboxMessage } {
  const message = logEntryMessage(key, at);
  return { parts: [{ kind: 'log-entry', pending: pendingLogEntry(key, entry, at), message }], message };
}

/**
 * A pending entry: its key, canonical bytes and the event's instant (the sequencer's order).
 *
 * @example
 * pendingLogEntry(key, entry, new Date(version.signedAt));
 */
export const pendingLogEntry = (key: string, entry: LogEntry, at: Date): PendingLogEntry => ({
  key,
  entry: encodeEntry(entry),
  at: at.toISOString(),
});

/**
 * The outbox message that wakes the sequencer for an entry (its id is the entry key).
 *
 * @example
 * logEntryMessage(key, clock.now()).body; // { entryKey: key }
 */
export const logEntryMessage = (key: string, at: Date): OutboxMessage =>
  outboxMessage('log', key, { entryKey: key }, at);

/**
 * The issuance entry of a version: the SHA-256 of its signed QR record (the compact JWS) and of its first committed
 * PDF, and the signing key.
 *
 * @example
 * issuanceLogEntry({ licenceNo, version: 1, jws, pdfSha256, kid, at });
 */
export function issuanceLogEntry(issued: {
  readonly licenceNo: LicenceNumber;
  readonly version: number;
  readonly jws: string;
  readonly pdfSha256: string;
  readonly kid: string;
  readonly at: string;
}): { readonly key: string; readonly entry: LogEntry } {
  return {
    key: issuanceEntryKey(issued.licenceNo, issued.version),
    entry: {
      type: 'issuance',
      licenceNumber: issued.licenceNo.toString(),
      version: issued.version,
      qrRecordSha256: qrRecordSha256(issued.jws),
      pdfSha256: issued.pdfSha256,
      kid: issued.kid,
      time: issued.at,
    },
  };
}

/**
 * The entry of the latest status change recorded on a certificate snapshot (the public reason by its SHA-256).
 *
 * @example
 * statusLogEntry(next.toSnapshot());
 */
export function statusLogEntry(certificate: CertificateSnapshot): { readonly key: string; readonly entry: LogEntry } {
  const change = certificate.history.at(-1);
  if (!change || change.from === null) throw new Error('the certificate records no status change');
  return {
    key: statusEntryKey(certificate.licenceNumber, certificate.revision),
    entry: {
      type: 'status-change',
      licenceNumber: certificate.licenceNumber.toString(),
      from: change.from,
      to: change.to,
      time: change.at,
      reasonSha256: reasonSha256(change.publicReason),
    },
  };
}

/**
 * The entry of a paper reissue.
 *
 * @example
 * reissueLogEntry({ licenceNo, version: 2, paperSerial, at });
 */
export function reissueLogEntry(print: {
  readonly licenceNo: LicenceNumber;
  readonly version: number;
  readonly paperSerial: string;
  readonly at: string;
}): { readonly key: string; readonly entry: LogEntry } {
  return {
    key: reissueEntryKey(print.licenceNo, print.paperSerial),
    entry: {
      type: 'paper-reissue',
      licenceNumber: print.licenceNo.toString(),
      version: print.version,
      paperSerial: print.paperSerial,
      time: print.at,
    },
  };
}
