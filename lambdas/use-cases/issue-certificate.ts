/**
 * issueCertificate — the only way a certificate (or a new version of one) comes to exist. The HTTP route, the
 * application workflow and the licence import (a `migrate` change: a licence of the previous system under its own
 * number and dates) all call it. It owns idempotency (stored in DynamoDB, so every caller gets it)
 * and writes everything of one issuance in one transaction (see `docs/storage.md`): its transparency-log entry, with a
 * paper copy the dispatch and its outbox message too, published after the commit (best effort; the relay re-sends what is left); and the
 * caller's own typed parts (the application workflow: the application saved, the inspection scheduled).
 *
 * @example
 * const result = await issueCertificate(deps, {
 *   change: { kind: 'licence', enterprise, products: ['06-001'] },
 *   actor: { type: 'user', id: 'officer-1', role: 'officer' }, idempotencyKey: 'c0ffee…', source: 'api',
 *   paperCopy: { address },
 * });
 * result.version.qrText; // the signed QR URL
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Catalogue } from '../domain/catalogue';
import type { CertificateSnapshot } from '../domain/certificate-snapshot';
import type { Actor, ChangeReasons } from '../domain/certificate-status';
import { localDateOf } from '../domain/dates';
import { dispatchIdOf } from '../domain/dispatch';
import { ConflictError, ValidationError } from '../domain/errors';
import type { IssuedVersion } from '../domain/issued-version';
import type { LicenceNumber } from '../domain/licence-number';
import { PaperSerial } from '../domain/paper-serial';
import type { PostalAddress } from '../domain/postal-address';
import { signCertificateClaims } from '../domain/signing/qr-claims';
import { STATUS_LIST_SIZE } from '../domain/status-list/status-list';
import type { CertificateRenderer } from '../ports/certificate-renderer';
import { type CertificateRepository, CommitConflict, type SerialReservation } from '../ports/certificate-repository';
import type { Clock } from '../ports/clock';
import type { OutboxPublisher } from '../ports/outbox-publisher';
import type { PdfSealer } from '../ports/pdf-sealer';
import type { PdfStore } from '../ports/pdf-store';
import type { Signer } from '../ports/signer';
import type { OutboxMessage, TransactionPart } from '../ports/transaction-parts';
import { makeCertificatePdf } from './certificate-pdf';
import { dispatchMessage, paperCopyParts } from './dispatch/paper-copy';
import {
  type IssuanceChange,
  type IssuancePlan,
  type IssuanceSettings,
  planIssuance,
  previewCertificate,
} from './issuance-plan';
import { notifyCommitted } from './outbox/notify';
import { requestHash } from './request-hash';
import { statusListMessage } from './status-list/publish';
import { issuanceLogEntry, logEntryParts, statusLogEntry } from './transparency/log-entries';
import { webhookEventParts } from './webhooks/events';

export type { IssuanceChange, IssuanceSettings } from './issuance-plan';
export { DEFAULT_DECISION } from './issuance-plan';

export interface IssuanceDeps {
  readonly repository: CertificateRepository;
  readonly pdfs: PdfStore;
  /** The current signer (resolved per issuance, so a key rotation takes effect without a restart). */
  readonly signer: () => Promise<Signer>;
  readonly renderer: CertificateRenderer;
  /** Signs each rendered PDF (PAdES) with the same signer. */
  readonly sealer: PdfSealer;
  readonly catalogue: Catalogue;
  readonly clock: Clock;
  readonly settings: IssuanceSettings;
  /** Publishes the outbox messages of a committed issuance (a paper copy's dispatch), best effort. */
  readonly publisher: OutboxPublisher;
}

/** A paper certificate to mail free of charge (免费邮寄), to a validated address. */
export interface PaperCopy {
  readonly address: PostalAddress;
}

/**
 * What an issuance is, once its serials are reserved: for the caller's own transaction parts. `at` is the
 * issuance's instant (the one clock reading of the attempt).
 */
export interface IssuedRef {
  readonly licenceNo: LicenceNumber;
  readonly version: number;
  readonly paperSerial: string;
  readonly at: Date;
}

export interface IssueCertificateInput {
  readonly change: IssuanceChange;
  readonly actor: Actor;
  /** Same key + same request → the same certificate; same key + different request → 409. */
  readonly idempotencyKey: string;
  /** Where the issuance came from, e.g. `api` or `application:APP-…`. */
  readonly source: string;
  /** Recorded as the reasons of a first issuance; defaults to the standard grant wording. */
  readonly decision?: ChangeReasons;
  /** Mail the paper certificate: its dispatch is written with the certificate, its message published after. */
  readonly paperCopy?: PaperCopy;
  /**
   * The request's extras as the caller received them, for the idempotency hash in their place (the HTTP route
   * passes its raw `paperCopy`, so its keys hash as they always did). Default: the paper copy, when there is one.
   */
  readonly requestExtras?: unknown;
  /** The caller's own parts, written in the certificate's transaction (e.g. the application saved as issued). */
  readonly parts?: (issued: IssuedRef) => readonly TransactionPart[];
}

export interface IssuanceResult {
  readonly certificate: CertificateSnapshot;
  readonly version: IssuedVersion;
  /** True when an earlier issuance with the same idempotency key is returned. */
  readonly replayed: boolean;
}

const MAX_ATTEMPTS = 5;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The idempotency fingerprint: the change, source, decision and extras. The same key with another fingerprint is
 * refused (409 `IDEMPOTENCY_KEY_REUSED`) rather than silently replayed — a different paper-copy address included.
 *
 * @example
 * issuanceRequestHash(input) === issuanceRequestHash({ ...input }); // true
 */
export const issuanceRequestHash = (input: IssueCertificateInput): string =>
  requestHash({
    change: input.change,
    source: input.source,
    decision: input.decision ?? null,
    extras: input.requestExtras ?? (input.paperCopy ? { paperCopy: input.paperCopy } : null),
  });

export { sha256Hex } from './certificate-pdf';

/** Object key of a version's PDF: unique per licence, version and content. */
export const pdfKey = (licenceNo: LicenceNumber, version: number, sha256: string): string =>
  `certificates/${licenceNo.toUrlSafe()}/v${version}/${sha256}.pdf`;

/** Object key of a paper reprint's PDF (补领): beside its version's, unique per paper serial and content. */
export const printPdfKey = (licenceNo: LicenceNumber, version: number, paperSerial: string, sha256: string): string =>
  `certificates/${licenceNo.toUrlSafe()}/v${version}/print-${paperSerial}-${sha256}.pdf`;

export async function issueCertificate(deps: IssuanceDeps, input: IssueCertificateInput): Promise<IssuanceResult> {
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    throw new ValidationError('IDEMPOTENCY_KEY_INVALID', 'idempotency key must be 8–128 characters [A-Za-z0-9._:-]', [
      { field: 'header.idempotency-key', message: 'invalid idempotency key' },
    ]);
  }
  const hash = issuanceRequestHash(input);
  for (let attempt = 1; ; attempt++) {
    // The replay look-up and the plan's register reads go out together (one round trip, not two): a key seen before
    // answers with its result whatever the plan would have said.
    const at = deps.clock.now();
    const planned = planIssuance(deps, input, at);
    planned.catch(() => undefined); // settled below, or discarded for a replay
    const { replay, reserved } = await findReplay(deps, input, hash);
    if (replay) return replay;
    try {
      return await attemptIssuance(deps, input, hash, at, await planned, reserved);
    } catch (error) {
      if (!(error instanceof CommitConflict)) throw error;
      if (error.reason === 'part') {
        throw new ConflictError('EXTRA_WRITE_CONFLICT', 'an item written with the certificate already exists');
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new ConflictError('CONCURRENT_MODIFICATION', 'the certificate changed concurrently; try again');
      }
      // A twin request or a concurrent change won the race: look again (the replay check comes first).
    }
  }
}

/** The earlier result under this key, if any, and whether serials are reserved under it (one read). */
async function findReplay(
  deps: IssuanceDeps,
  input: IssueCertificateInput,
  hash: string,
): Promise<{ readonly replay?: IssuanceResult; readonly reserved: boolean }> {
  const { record, reserved } = await deps.repository.findIdempotencyState(input.idempotencyKey);
  if (!record) return { reserved };
  if (record.requestHash !== hash) {
    throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for a different request', {
      licenceNo: record.licenceNo.toString(),
    });
  }
  const version = await deps.repository.getVersion(record.licenceNo, record.version);
  if (!version)
    throw new Error(`idempotency record points to a missing version ${record.licenceNo} v${record.version}`);
  // Published again (the first publish may have failed): the consumer is idempotent, the relay covers the rest.
  if (input.paperCopy) {
    await notifyCommitted(deps, [dispatchMessage(dispatchIdOf(version.paperSerial), deps.clock.now())]);
  }
  return { replay: { certificate: version.certificate, version, replayed: true }, reserved };
}

async function attemptIssuance(
  deps: IssuanceDeps,
  input: IssueCertificateInput,
  hash: string,
  at: Date,
  p: IssuancePlan,
  reserved: boolean,
): Promise<IssuanceResult> {
  const year = Number(localDateOf(at).slice(0, 4));
  // Validate everything (fields, products, transitions, printable text) before a serial is reserved.
  deps.renderer.check(previewCertificate(p, year).printable());

  const serials: SerialReservation = await deps.repository.reserveSerials(
    input.idempotencyKey,
    { paperYear: year, ...(p.licenceSequence ? { licenceSequence: p.licenceSequence } : {}) },
    { reservationAbsent: !reserved },
  );
  // A migrated licence keeps its serial: the counter moves past it first, so no new licence is ever given it.
  if (p.claimsSerial) await deps.repository.raiseLicenceSerial(p.claimsSerial.sequenceKey, p.claimsSerial.serial);
  const reservation: SerialReservation = p.claimsSerial ? { ...serials, licenceSerial: p.claimsSerial } : serials;
  // A new licence draws its status-list slot at random; a taken one fails the commit (`slot`) and is drawn again.
  const statusSlot = p.previous ? undefined : randomInt(STATUS_LIST_SIZE);
  const certificate = p.build({
    paperSerial: PaperSerial.parse(reservation.paperSerial),
    ...(reservation.licenceSerial ? { licenceSerial: reservation.licenceSerial.serial } : {}),
    ...(statusSlot !== undefined ? { statusListIndex: statusSlot } : {}),
  });
  const snapshot = certificate.toSnapshot();
  const licenceNo = snapshot.licenceNumber;

  const signer = await deps.signer();
  const signed = await signCertificateClaims(
    {
      licenceNo: licenceNo.toString(),
      version: certificate.version,
      uscc: certificate.enterprise.uscc,
      issueDate: certificate.issueDate,
      validUntil: certificate.validUntil,
      signedAt: Math.floor(at.getTime() / 1000),
    },
    signer,
    deps.settings.publicBaseUrl,
  );
  const made = await makeCertificatePdf(deps, {
    printable: certificate.printable(),
    qrText: signed.qrText,
    signer,
    at,
    keyOf: (sha256) => pdfKey(licenceNo, certificate.version, sha256),
    target: { licenceNo, version: certificate.version },
  });
  const stored = made.pdf;

  const version: IssuedVersion = {
    licenceNo,
    version: certificate.version,
    paperSerial: snapshot.paperSerial,
    certificate: snapshot,
    pdf: stored,
    qrText: signed.qrText,
    jws: signed.jws,
    kid: signer.kid,
    signedAt: at.toISOString(),
    issuedBy: input.actor,
    source: input.source,
  };
  const issued: IssuedRef = { licenceNo, version: certificate.version, paperSerial: snapshot.paperSerial, at };
  const logged = issuanceLogEntry({
    licenceNo,
    version: certificate.version,
    jws: signed.jws,
    pdfSha256: stored.sha256,
    kid: signer.kid,
    at: at.toISOString(),
  });
  const log = logEntryParts(logged.key, logged.entry, at);
  const webhook = webhookEventParts(
    certificate.version === 1 ? 'licence.issued' : 'licence.version_added',
    snapshot,
    at,
  );
  const migratedStatus = migratedStatusParts(snapshot, at);
  const copy = input.paperCopy
    ? paperCopyParts({
        licenceNo,
        version: certificate.version,
        paperSerial: snapshot.paperSerial,
        uscc: snapshot.enterprise.uscc,
        address: input.paperCopy.address,
        reason: certificate.version === 1 ? 'issue' : 'new-version',
        requestedBy: input.actor.id,
        at: at.toISOString(),
      })
    : undefined;
  await deps.repository.commitIssuance({
    certificate: snapshot,
    expectedRevision: p.previous ? p.previous.revision : null,
    ...(p.replacesGuardOf ? { replacesGuardOf: p.replacesGuardOf } : {}),
    version,
    reservation,
    idempotency: {
      key: input.idempotencyKey,
      requestHash: hash,
      licenceNo,
      version: certificate.version,
      at: at.toISOString(),
    },
    audit: {
      id: randomUUID(),
      at: at.toISOString(),
      licenceNo,
      action: auditAction(snapshot),
      actor: input.actor,
      details: {
        version: certificate.version,
        paperSerial: snapshot.paperSerial,
        source: input.source,
        sha256: stored.sha256,
      },
    },
    parts: [
      ...log.parts,
      ...migratedStatus.parts,
      ...webhook.parts,
      ...made.parts,
      ...(copy?.parts ?? []),
      ...(input.parts?.(issued) ?? []),
    ],
    ...(statusSlot !== undefined ? { statusSlot } : {}),
  });
  await notifyCommitted(deps, [
    log.message,
    ...migratedStatus.messages,
    webhook.message,
    ...made.messages,
    ...(copy ? [copy.message] : []),
  ]);
  return { certificate: snapshot, version, replayed: false };
}

/** The audit action: `certificate.issued`, `certificate.migrated`, or the new version's kind. */
function auditAction(certificate: CertificateSnapshot): string {
  if (certificate.lastChange.kind === 'migrate') return 'certificate.migrated';
  return certificate.version === 1 ? 'certificate.issued' : `certificate.${certificate.lastChange.kind}`;
}

/**
 * A licence migrated suspended, revoked or cancelled carries its status change: the change's log entry and the status
 * list's message, as a status change made here would (its webhook event is the issuance's, which carries the status).
 */
function migratedStatusParts(
  certificate: CertificateSnapshot,
  at: Date,
): { readonly parts: readonly TransactionPart[]; readonly messages: readonly OutboxMessage[] } {
  if (certificate.lastChange.kind !== 'migrate' || certificate.status === 'valid') return { parts: [], messages: [] };
  const logged = statusLogEntry(certificate);
  const log = logEntryParts(logged.key, logged.entry, at);
  const listed = statusListMessage(logged.key, certificate.licenceNumber, at);
  return { parts: [...log.parts, { kind: 'outbox', message: listed }], messages: [log.message, listed] };
}
