/**
 * Records for port contracts, built with the domain as the use cases build them: a certificate's issuance commit
 * (version 1 or a next version), a status change, an application, a dispatch, an inspection, an outbox message. A
 * counter keeps licence numbers, USCCs and ids unique within a store.
 *
 * @example
 * const first = issuanceCommit(); // a new licence with its own enterprise
 * const second = nextVersionCommit(first); // products added: version 2 at revision + 1
 */
import { createHash, randomUUID } from 'node:crypto';
import { Application, type ApplicationRequest } from '../../../lambdas/domain/application';
import { seedCatalogue } from '../../../lambdas/domain/catalogue-seed';
import { Certificate } from '../../../lambdas/domain/certificate';
import type { StatusAction } from '../../../lambdas/domain/certificate-status';
import type { LocalDate } from '../../../lambdas/domain/dates';
import { requestDispatch } from '../../../lambdas/domain/dispatch';
import { Inspection } from '../../../lambdas/domain/inspection';
import type { IssuedVersion } from '../../../lambdas/domain/issued-version';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { PaperSerial } from '../../../lambdas/domain/paper-serial';
import type { IssuanceCommit, StatusCommit } from '../../../lambdas/ports/certificate-repository';
import type { TransactionPart } from '../../../lambdas/ports/transaction-parts';
import { DEFAULT_DECISION } from '../../../lambdas/use-cases/issuance-plan';
import { outboxMessage } from '../../../lambdas/use-cases/outbox/message';
import { enterpriseFor, FAKE_SETTINGS, officer, postalAddress, usccFor } from '../../support/fakes';

export const catalogue = seedCatalogue();

let counter = 0;
/** A number not used before in this process (licence serials, paper serials, enterprise seeds). */
export const unique = (): number => ++counter;

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A new licence for a new enterprise (unless `seed` names one), version 1, at `at`.
 *
 * @example
 * await repository.commitIssuance(issuanceCommit({ at }));
 */
export function issuanceCommit(
  options: {
    at?: Date;
    seed?: number;
    serial?: number;
    key?: string;
    parts?: readonly TransactionPart[];
    /** The enterprise's name (default: the scenario's). */
    name?: string;
  } = {},
): IssuanceCommit {
  const at = options.at ?? new Date('2026-11-27T02:00:00.000Z');
  const serial = options.serial ?? unique();
  const certificate = Certificate.issue({
    licenceNumber: LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial }),
    paperSerial: PaperSerial.of(2026, serial),
    enterprise: enterpriseFor(options.seed ?? unique(), options.name ? { name: options.name } : {}),
    products: ['06-001'],
    catalogue,
    issuingAuthority: FAKE_SETTINGS.issuingAuthority,
    decision: DEFAULT_DECISION,
    actor: officer,
    at,
  });
  return commitOf(certificate, null, at, options.key ?? `contract:${randomUUID()}`, options.parts);
}

/**
 * The next version of an issued certificate: a product added, at the revision it was committed with.
 *
 * @example
 * await repository.commitIssuance(nextVersionCommit(first, { at: later }));
 */
export function nextVersionCommit(previous: IssuanceCommit, options: { at?: Date; key?: string } = {}): IssuanceCommit {
  const at = options.at ?? new Date(Date.parse(previous.audit.at) + 60_000);
  const current = Certificate.rehydrate(previous.certificate);
  const next = current.addProducts({
    products: ['16-204'],
    catalogue,
    paperSerial: PaperSerial.of(2027, unique()),
    actor: officer,
    at,
  });
  return commitOf(next, current.revision, at, options.key ?? `contract:${randomUUID()}`);
}

/**
 * The next version of an issued certificate with the enterprise renamed (an amendment).
 *
 * @example
 * await repository.commitIssuance(renameCommit(first, '武汉新名称有限公司'));
 */
export function renameCommit(previous: IssuanceCommit, name: string, options: { at?: Date } = {}): IssuanceCommit {
  const at = options.at ?? new Date(Date.parse(previous.audit.at) + 60_000);
  const current = Certificate.rehydrate(previous.certificate);
  const next = current.amend({ changes: { name }, paperSerial: PaperSerial.of(2027, unique()), actor: officer, at });
  return commitOf(next, current.revision, at, `contract:${randomUUID()}`);
}

function commitOf(
  certificate: Certificate,
  expectedRevision: number | null,
  at: Date,
  key: string,
  parts: readonly TransactionPart[] = [],
): IssuanceCommit {
  const snapshot = certificate.toSnapshot();
  const licenceNo = snapshot.licenceNumber;
  const digest = sha(`${licenceNo} v${snapshot.version} ${snapshot.paperSerial}`);
  const version: IssuedVersion = {
    licenceNo,
    version: snapshot.version,
    paperSerial: snapshot.paperSerial,
    certificate: snapshot,
    pdf: {
      key: `certificates/${certificate.licenceNumber.toUrlSafe()}/v${snapshot.version}/${digest}.pdf`,
      sha256: digest,
      size: 1234,
    },
    qrText: `${FAKE_SETTINGS.publicBaseUrl}/v/CONTRACT`,
    jws: 'e30.e30.c2ln',
    kid: 'contract-kid',
    signedAt: at.toISOString(),
    issuedBy: officer,
    source: 'contract',
  };
  return {
    certificate: snapshot,
    expectedRevision,
    version,
    reservation: { paperSerial: snapshot.paperSerial },
    idempotency: { key, requestHash: sha(key), licenceNo, version: snapshot.version, at: at.toISOString() },
    audit: {
      id: randomUUID(),
      at: at.toISOString(),
      licenceNo,
      action: snapshot.version === 1 ? 'certificate.issued' : 'certificate.add-products',
      actor: officer,
      details: { version: snapshot.version },
    },
    parts,
  };
}

/**
 * A status change of the certificate an issuance committed, at its revision.
 *
 * @example
 * await repository.commitStatusChange(statusCommit(first, 'revoke', later));
 */
export function statusCommit(issued: IssuanceCommit, action: StatusAction, at: Date): StatusCommit {
  const current = Certificate.rehydrate(issued.certificate);
  const next = current.changeStatus(action, {
    actor: officer,
    at,
    publicReason: '产品监督抽查不合格',
    legalBasis: '《工业产品生产许可证管理条例》第四十五条',
  });
  return {
    certificate: next.toSnapshot(),
    expectedRevision: current.revision,
    releaseGuard: next.status === 'revoked' || next.status === 'cancelled',
    audit: {
      id: randomUUID(),
      at: at.toISOString(),
      licenceNo: next.toSnapshot().licenceNumber,
      action: `certificate.${action}`,
      actor: officer,
    },
  };
}

/**
 * A new draft application of enterprise `seed` at `at`.
 *
 * @example
 * await applications.create(draftApplication({ seed: 3, at }));
 */
export function draftApplication(
  options: {
    seed?: number;
    at?: Date;
    procedure?: 'post-issuance-review' | 'general';
    request?: ApplicationRequest;
  } = {},
) {
  const seed = options.seed ?? unique();
  const at = options.at ?? new Date('2026-11-27T02:00:00.000Z');
  return Application.file({
    id: `APP-${at.toISOString().slice(0, 10).replaceAll('-', '')}-${String(unique()).padStart(10, 'A')}`,
    kind: 'new',
    uscc: usccFor(seed),
    enterpriseName: '武汉长江线缆有限公司',
    procedure: options.procedure ?? 'post-issuance-review',
    request: options.request ?? { kind: 'new', enterprise: { ...enterpriseFor(seed) }, products: ['06-001'] },
    actor: { id: `ent-${seed}`, role: 'enterprise' },
    at,
  });
}

/**
 * A pending dispatch of a paper copy, requested at `at` by enterprise `seed`'s licence.
 *
 * @example
 * await writeParts([{ kind: 'dispatch-requested', dispatch: pendingDispatch({ at }) }]);
 */
export function pendingDispatch(options: { seed?: number; at?: Date } = {}) {
  const n = unique();
  return requestDispatch({
    licenceNo: LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial: n }),
    version: 1,
    paperSerial: PaperSerial.of(2026, n).toString(),
    uscc: usccFor(options.seed ?? n),
    address: postalAddress,
    reason: 'issue',
    requestedBy: officer.id,
    at: (options.at ?? new Date('2026-11-27T02:00:00.000Z')).toISOString(),
  });
}

/**
 * A post-issuance review scheduled on `issuedOn` (due a month later).
 *
 * @example
 * await writeParts([{ kind: 'inspection-scheduled', inspection: scheduledInspection('2026-11-27') }]);
 */
export function scheduledInspection(issuedOn: string) {
  const n = unique();
  return Inspection.schedule({
    id: `INSP-APP-${n}`,
    kind: 'on-site-review',
    licenceNo: LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial: n }),
    uscc: usccFor(n),
    enterpriseName: '武汉长江线缆有限公司',
    applicationId: `APP-${n}`,
    issuedOn: issuedOn as LocalDate,
    at: new Date(`${issuedOn}T02:00:00.000Z`),
  }).toSnapshot();
}

/**
 * A plan's spot check at `position` (1-based), scheduled on 2026-12-10 and due on 2026-12-31.
 *
 * @example
 * const first = spotCheckOf('PLAN-20261205-K3M9Q2ZT7A', 1); // id INSP-PLAN-20261205-K3M9Q2ZT7A-00001
 */
export function spotCheckOf(planId: string, position: number) {
  const n = unique();
  return Inspection.scheduleSpotCheck({
    id: `INSP-${planId}-${String(position).padStart(5, '0')}`,
    plan: { id: planId, name: '2026年电线电缆产品双随机抽查' },
    licenceNo: LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial: n }),
    uscc: usccFor(n),
    enterpriseName: '武汉长江线缆有限公司',
    team: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
    scheduledOn: '2026-12-10' as LocalDate,
    dueOn: '2026-12-31' as LocalDate,
    at: new Date('2026-12-08T02:00:00.000Z'),
  }).toSnapshot();
}

/** A dispatch outbox message created at `at`. */
export const dispatchOutboxMessage = (at: Date, id = `DSP-${PaperSerial.of(2026, unique()).toString()}`) =>
  outboxMessage('dispatch', id, { dispatchId: id }, at);
