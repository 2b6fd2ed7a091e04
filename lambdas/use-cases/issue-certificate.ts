/**
 * issueCertificate — the only way a certificate (or a new version of one) comes to exist. The HTTP route, the
 * application workflow and batch jobs all call it. It owns idempotency (stored in DynamoDB, so every caller gets it)
 * and writes everything of one issuance in one transaction (see `docs/storage.md`).
 *
 * @example
 * const result = await issueCertificate(deps, {
 *   change: { kind: 'licence', enterprise, products: ['06-001'] },
 *   actor: { type: 'user', id: 'officer-1', role: 'officer' }, idempotencyKey: 'c0ffee…', source: 'api',
 * });
 * result.version.qrText; // the signed QR URL
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Catalogue } from '../domain/catalogue';
import type { CertificateSnapshot } from '../domain/certificate-snapshot';
import type { Actor, ChangeReasons } from '../domain/certificate-status';
import { localDateOf } from '../domain/dates';
import { ConflictError, ValidationError } from '../domain/errors';
import type { IssuedVersion } from '../domain/issued-version';
import { LicenceNumber } from '../domain/licence-number';
import { PaperSerial } from '../domain/paper-serial';
import { signCertificateClaims } from '../domain/signing/qr-claims';
import type { CertificateRenderer } from '../ports/certificate-renderer';
import {
  type CertificateRepository,
  CommitConflict,
  type ExtraWrite,
  type SerialReservation,
} from '../ports/certificate-repository';
import type { Clock } from '../ports/clock';
import type { PdfStore } from '../ports/pdf-store';
import type { Signer } from '../ports/signer';
import { type IssuanceChange, type IssuanceSettings, planIssuance, previewCertificate } from './issuance-plan';
import { requestHash } from './request-hash';

export type { IssuanceChange, IssuanceSettings } from './issuance-plan';
export { DEFAULT_DECISION } from './issuance-plan';

export interface IssuanceDeps {
  readonly repository: CertificateRepository;
  readonly pdfs: PdfStore;
  /** The current signer (resolved per issuance, so a key rotation takes effect without a restart). */
  readonly signer: () => Promise<Signer>;
  readonly renderer: CertificateRenderer;
  readonly catalogue: Catalogue;
  readonly clock: Clock;
  readonly settings: IssuanceSettings;
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
  /**
   * What else the caller asked for that its `extraWrites` depend on (e.g. the paper-copy address): part of the
   * idempotency hash, so the same key with a different request is refused instead of silently replayed.
   */
  readonly requestExtras?: unknown;
  /** Extra items written in the same transaction (e.g. the postal-dispatch outbox record). */
  readonly extraWrites?: (licence: {
    licenceNo: string;
    version: number;
    paperSerial: string;
  }) => readonly ExtraWrite[];
}

export interface IssuanceResult {
  readonly certificate: CertificateSnapshot;
  readonly version: IssuedVersion;
  /** True when an earlier issuance with the same idempotency key is returned. */
  readonly replayed: boolean;
}

const MAX_ATTEMPTS = 5;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export const issuanceRequestHash = (input: IssueCertificateInput): string =>
  requestHash({
    change: input.change,
    source: input.source,
    decision: input.decision ?? null,
    extras: input.requestExtras ?? null,
  });

/** Object key of a version's PDF: unique per licence, version and content. */
export const pdfKey = (licenceNo: string, version: number, sha256: string): string =>
  `certificates/${LicenceNumber.parse(licenceNo).toUrlSafe()}/v${version}/${sha256}.pdf`;

export async function issueCertificate(deps: IssuanceDeps, input: IssueCertificateInput): Promise<IssuanceResult> {
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    throw new ValidationError('IDEMPOTENCY_KEY_INVALID', 'idempotency key must be 8–128 characters [A-Za-z0-9._:-]', [
      { field: 'header.idempotency-key', message: 'invalid idempotency key' },
    ]);
  }
  const hash = issuanceRequestHash(input);
  for (let attempt = 1; ; attempt++) {
    const replay = await findReplay(deps, input.idempotencyKey, hash);
    if (replay) return replay;
    try {
      return await attemptIssuance(deps, input, hash);
    } catch (error) {
      if (!(error instanceof CommitConflict)) throw error;
      if (error.reason === 'extra') {
        throw new ConflictError('EXTRA_WRITE_CONFLICT', 'an item written with the certificate already exists');
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new ConflictError('CONCURRENT_MODIFICATION', 'the certificate changed concurrently; try again');
      }
      // A twin request or a concurrent change won the race: look again (the replay check comes first).
    }
  }
}

async function findReplay(deps: IssuanceDeps, key: string, hash: string): Promise<IssuanceResult | undefined> {
  const record = await deps.repository.findIdempotency(key);
  if (!record) return undefined;
  if (record.requestHash !== hash) {
    throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for a different request', {
      licenceNo: record.licenceNo,
    });
  }
  const version = await deps.repository.getVersion(record.licenceNo, record.version);
  if (!version)
    throw new Error(`idempotency record points to a missing version ${record.licenceNo} v${record.version}`);
  return { certificate: version.certificate, version, replayed: true };
}

async function attemptIssuance(
  deps: IssuanceDeps,
  input: IssueCertificateInput,
  hash: string,
): Promise<IssuanceResult> {
  const at = deps.clock.now();
  const year = Number(localDateOf(at).slice(0, 4));
  const p = await planIssuance(deps, input, at);
  // Validate everything (fields, products, transitions, printable text) before a serial is reserved.
  deps.renderer.check(previewCertificate(p, year).printable());

  const reservation: SerialReservation = await deps.repository.reserveSerials(input.idempotencyKey, {
    paperYear: year,
    ...(p.licenceSequence ? { licenceSequence: p.licenceSequence } : {}),
  });
  const certificate = p.build({
    paperSerial: PaperSerial.parse(reservation.paperSerial),
    ...(reservation.licenceSerial ? { licenceSerial: reservation.licenceSerial.serial } : {}),
  });
  const snapshot = certificate.toSnapshot();
  const licenceNo = snapshot.licenceNumber;

  const signer = await deps.signer();
  const signed = await signCertificateClaims(
    {
      licenceNo,
      version: certificate.version,
      uscc: certificate.enterprise.uscc,
      issueDate: certificate.issueDate,
      validUntil: certificate.validUntil,
      signedAt: Math.floor(at.getTime() / 1000),
    },
    signer,
    deps.settings.publicBaseUrl,
  );
  const pdf = await deps.renderer.render(certificate.printable(), signed.qrText);
  const stored = await deps.pdfs.put(pdfKey(licenceNo, certificate.version, sha256(pdf)), pdf);

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
      action: certificate.version === 1 ? 'certificate.issued' : `certificate.${snapshot.lastChange.kind}`,
      actor: input.actor,
      details: {
        version: certificate.version,
        paperSerial: snapshot.paperSerial,
        source: input.source,
        sha256: stored.sha256,
      },
    },
    extraWrites:
      input.extraWrites?.({ licenceNo, version: certificate.version, paperSerial: snapshot.paperSerial }) ?? [],
  });
  return { certificate: snapshot, version, replayed: false };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
