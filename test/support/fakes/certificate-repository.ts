/**
 * In-memory {@link CertificateRepository}, with the DynamoDB adapter's semantics on what use cases rely on: serials
 * from counters pinned to the idempotency key (a retry reuses them), the issuance written all or nothing with the
 * adapter's conflict reasons (`revision`, `version`, `guard`, `idempotency`, `conflict`, `part`), the status change
 * conditioned on the revision read, licence numbers matched in any of their written forms, and lists in the adapter's
 * index order with opaque positions. Its contract with the adapter: `test/integration/port-contracts/`.
 *
 * @example
 * const table = new FakeTable();
 * const repository = new FakeCertificateRepository(table);
 * await issueCertificate({ ...deps, repository }, input);
 * (await repository.get(licenceNo))?.currentVersion; // 1
 */
import type { AuditEvent } from '../../../lambdas/domain/audit-event';
import type { CertificateSnapshot } from '../../../lambdas/domain/certificate-snapshot';
import type { CertificateStatus } from '../../../lambdas/domain/certificate-status';
import { enterpriseNameKey, nameKeyShard } from '../../../lambdas/domain/enterprise-name-key';
import { ConflictError } from '../../../lambdas/domain/errors';
import type { IssuedVersion } from '../../../lambdas/domain/issued-version';
import { LicenceNumber, MAX_SERIAL } from '../../../lambdas/domain/licence-number';
import { PaperSerial } from '../../../lambdas/domain/paper-serial';
import {
  type CertificateHead,
  type CertificateRepository,
  type CertificateSummary,
  CommitConflict,
  type CommitConflictReason,
  type IdempotencyRecord,
  type IssuanceCommit,
  type NameIndexOutcome,
  type SerialReservation,
  type StatusCommit,
  type StatusSlotOutcome,
} from '../../../lambdas/ports/certificate-repository';
import type { Page, PageRequest } from '../../../lambdas/ports/page';
import type { TransactionPart } from '../../../lambdas/ports/transaction-parts';
import { commitAll, type Listed, pageOf, stored, type Write } from './storage';
import { FakeTable, type StoredHead } from './table';

/**
 * The map key of a licence number: its URL-safe form, as the adapter's keys (so `(鄂)XK06-001-00001` and
 * `42-XK06-001-00001` are one licence). The one place this fake turns a licence number into a key.
 *
 * @example
 * keyOf('(鄂)XK06-001-00001'); // '42-XK06-001-00001'
 */
export const keyOf = (licenceNo: LicenceNumber | string): string =>
  (typeof licenceNo === 'string' ? LicenceNumber.parse(licenceNo) : licenceNo).toUrlSafe();

/** Whether two licence numbers (either possibly absent) are the same licence. */
const sameLicence = (a: LicenceNumber | undefined, b: LicenceNumber | undefined): boolean =>
  a !== undefined && b !== undefined && a.equals(b);

const conflict = (reason: string) => new CommitConflict(reason as CommitConflictReason);

function summaryOf(head: StoredHead): CertificateSummary {
  const c = head.certificate;
  return {
    licenceNo: c.licenceNumber,
    enterpriseName: c.enterprise.name,
    uscc: c.enterprise.uscc,
    status: c.status,
    version: head.currentVersion,
    validUntil: c.validUntil,
    procedure: c.procedure,
    categories: [...new Set(c.products.map((p) => p.categoryCode))].sort(),
    ...(c.statusListIndex !== undefined ? { statusListIndex: c.statusListIndex } : {}),
  };
}

/**
 * The writes of a certificate's head (also the reprint's): at the expected revision, or new.
 *
 * @example
 * commitAll([headWrite(table, certificate, 3, version, at), …], conflict);
 */
export function headWrite(
  table: FakeTable,
  certificate: IssuanceCommit['certificate'],
  expectedRevision: number | null,
  currentVersion: number,
  at: string,
): Write {
  const key = keyOf(certificate.licenceNumber);
  return {
    reason: 'revision',
    holds: () => {
      const head = table.heads.get(key);
      return expectedRevision === null ? !head : head?.certificate.revision === expectedRevision;
    },
    apply: () => table.heads.set(key, stored({ certificate, currentVersion, updatedAt: at })),
  };
}

/**
 * The write of an audit event (unconditional; the same instant and id is the same event).
 *
 * @example
 * commitAll([..., auditWrite(table, event)], conflict);
 */
export function auditWrite(table: FakeTable, event: AuditEvent): Write {
  return {
    reason: 'conflict',
    holds: () => true,
    apply: () => {
      const key = keyOf(event.licenceNo);
      const events = (table.audit.get(key) ?? []).filter((e) => !(e.at === event.at && e.id === event.id));
      table.audit.set(key, [...events, stored(event)]);
    },
  };
}

export class FakeCertificateRepository implements CertificateRepository {
  constructor(readonly table: FakeTable = new FakeTable()) {}

  async findIdempotency(key: string): Promise<IdempotencyRecord | undefined> {
    const record = this.table.idempotency.get(key);
    return record ? stored(record) : undefined;
  }

  async findIdempotencyState(
    key: string,
  ): Promise<{ readonly record?: IdempotencyRecord; readonly reserved: boolean }> {
    const record = await this.findIdempotency(key);
    return { ...(record ? { record } : {}), reserved: this.table.reservations.has(key) };
  }

  async headsOf(licenceNos: readonly LicenceNumber[]): Promise<ReadonlyMap<string, CertificateHead>> {
    const heads = new Map<string, CertificateHead>();
    for (const licenceNo of licenceNos) {
      const head = await this.get(licenceNo);
      if (head) heads.set(licenceNo.toString(), head);
    }
    return heads;
  }

  async guardOf(uscc: string): Promise<LicenceNumber | undefined> {
    return this.table.guards.get(uscc);
  }

  async get(licenceNo: LicenceNumber): Promise<CertificateHead | undefined> {
    const head = this.table.heads.get(keyOf(licenceNo));
    return head ? stored(head) : undefined;
  }

  async getVersion(licenceNo: LicenceNumber, version: number): Promise<IssuedVersion | undefined> {
    const found = this.table.versions.get(`${keyOf(licenceNo)}#${version}`);
    return found ? stored(found) : undefined;
  }

  async findVersionByPdfSha256(sha256: string): Promise<{ licenceNo: LicenceNumber; version: number } | undefined> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
    const found = this.table.pdfDigests.get(sha256);
    return found ? { ...found } : undefined;
  }

  async reserveSerials(
    key: string,
    need: { readonly licenceSequence?: string; readonly paperYear: number },
  ): Promise<SerialReservation> {
    const existing = this.table.reservations.get(key);
    const reserved = existing?.reservation;
    const needLicence =
      need.licenceSequence !== undefined && reserved?.licenceSerial?.sequenceKey !== need.licenceSequence;
    if (reserved && !needLicence) return stored(reserved);
    const paperSerial =
      reserved?.paperSerial ?? PaperSerial.of(need.paperYear, this.#increment(`PAPER#${need.paperYear}`)).toString();
    let licenceSerial = reserved?.licenceSerial;
    if (needLicence && need.licenceSequence) {
      const serial = this.#increment(`LIC#${need.licenceSequence}`);
      if (serial > MAX_SERIAL) {
        throw new ConflictError('SERIAL_EXHAUSTED', `the sequence ${need.licenceSequence} has no serial left`);
      }
      licenceSerial = { sequenceKey: need.licenceSequence, serial };
    }
    const reservation: SerialReservation = { paperSerial, ...(licenceSerial ? { licenceSerial } : {}) };
    this.table.reservations.set(key, { reservation: stored(reservation), revision: (existing?.revision ?? 0) + 1 });
    return reservation;
  }

  async raiseLicenceSerial(sequenceKey: string, serial: number): Promise<void> {
    const counter = `LIC#${sequenceKey}`;
    if ((this.table.counters.get(counter) ?? 0) < serial) this.table.counters.set(counter, serial);
  }

  async commitIssuance(commit: IssuanceCommit): Promise<void> {
    const { certificate, version, idempotency, audit, reservation } = commit;
    const t = this.table;
    const writes: Write[] = [
      headWrite(t, certificate, commit.expectedRevision, version.version, audit.at),
      {
        reason: 'version',
        holds: () => !t.versions.has(`${keyOf(version.licenceNo)}#${version.version}`),
        apply: () => t.versions.set(`${keyOf(version.licenceNo)}#${version.version}`, stored(version)),
      },
      {
        reason: 'version',
        holds: () => !t.pdfDigests.has(version.pdf.sha256),
        apply: () => t.pdfDigests.set(version.pdf.sha256, { licenceNo: version.licenceNo, version: version.version }),
      },
    ];
    const slot = commit.statusSlot;
    if (slot !== undefined) {
      writes.push({
        reason: 'slot',
        holds: () => !t.statusSlots.has(slot),
        apply: () => t.statusSlots.set(slot, certificate.licenceNumber),
      });
    }
    if (commit.expectedRevision === null && reservation.licenceSerial) {
      const claim = `${reservation.licenceSerial.sequenceKey}#${reservation.licenceSerial.serial}`;
      writes.push({
        reason: 'conflict',
        holds: () => !t.serialClaims.has(claim),
        apply: () => t.serialClaims.set(claim, certificate.licenceNumber),
      });
    }
    const uscc = certificate.enterprise.uscc;
    if (commit.expectedRevision === null) {
      writes.push({
        reason: 'guard',
        holds: () =>
          commit.replacesGuardOf ? sameLicence(t.guards.get(uscc), commit.replacesGuardOf) : !t.guards.has(uscc),
        apply: () => t.guards.set(uscc, certificate.licenceNumber),
      });
    } else {
      writes.push({
        reason: 'guard',
        holds: () => sameLicence(t.guards.get(uscc), certificate.licenceNumber),
        apply: () => {},
      });
    }
    writes.push(
      {
        reason: 'idempotency',
        holds: () => !t.idempotency.has(idempotency.key),
        apply: () => t.idempotency.set(idempotency.key, stored(idempotency)),
      },
      auditWrite(t, audit),
      {
        // The name-index entry in the same transaction (the old name's entry replaced, as the adapter deletes it).
        reason: 'conflict',
        holds: () => true,
        apply: () => t.names.set(keyOf(certificate.licenceNumber), enterpriseNameKey(certificate.enterprise.name)),
      },
      ...(commit.parts ?? []).flatMap((part) => t.partWrites(part)),
    );
    commitAll(writes, conflict);
  }

  async commitStatusChange(commit: StatusCommit): Promise<void> {
    const t = this.table;
    const current = t.heads.get(keyOf(commit.certificate.licenceNumber));
    const uscc = commit.certificate.enterprise.uscc;
    const writes: Write[] = [
      headWrite(t, commit.certificate, commit.expectedRevision, current?.currentVersion ?? 1, commit.audit.at),
      auditWrite(t, commit.audit),
    ];
    if (commit.releaseGuard) {
      writes.push({
        reason: 'guard',
        holds: () => !t.guards.has(uscc) || sameLicence(t.guards.get(uscc), commit.certificate.licenceNumber),
        apply: () => t.guards.delete(uscc),
      });
    }
    for (const part of commit.parts ?? []) writes.push(...t.partWrites(part));
    commitAll(writes, conflict);
  }

  async recordAudit(event: AuditEvent): Promise<void> {
    commitAll([auditWrite(this.table, event)], conflict);
  }

  async listAudit(licenceNo: LicenceNumber, page: PageRequest): Promise<Page<AuditEvent>> {
    const key = keyOf(licenceNo);
    const entries = (this.table.audit.get(key) ?? []).map((e) => ({ sortKey: `AUDIT#${e.at}#${e.id}`, item: e }));
    return pageOf(`CERT#${key}`, entries, 'desc', page);
  }

  listByUscc(uscc: string, page: PageRequest): Promise<Page<CertificateSummary>> {
    return this.#list(`ENT#${uscc}`, (h) => h.certificate.enterprise.uscc === uscc, firstIssued, page);
  }

  listByStatus(status: CertificateStatus, page: PageRequest): Promise<Page<CertificateSummary>> {
    return this.#list(
      `CERTSTATUS#${status}`,
      (h) => h.certificate.status === status,
      (h) => `${h.updatedAt}#${keyOf(h.certificate.licenceNumber)}`,
      page,
    );
  }

  listAll(page: PageRequest): Promise<Page<CertificateSummary>> {
    return this.#list('CERTS', () => true, firstIssued, page);
  }

  async summariesOf(licenceNos: readonly LicenceNumber[]): Promise<ReadonlyMap<string, CertificateSummary>> {
    const found = new Map<string, CertificateSummary>();
    for (const licenceNo of licenceNos) {
      const head = this.table.heads.get(keyOf(licenceNo));
      if (head) found.set(licenceNo.toString(), summaryOf(head));
    }
    return found;
  }

  async findByNamePrefix(nameKey: string, page: PageRequest): Promise<Page<CertificateSummary>> {
    const shard = nameKeyShard(nameKey);
    if (shard === undefined) return { items: [] };
    const entries: Listed<CertificateSummary>[] = [];
    for (const [licence, key] of this.table.names) {
      const head = this.table.heads.get(licence);
      if (head && key.startsWith(nameKey)) entries.push({ sortKey: `${key}#${licence}`, item: summaryOf(head) });
    }
    return pageOf(`CERTNAME#${shard}`, entries, 'asc', page);
  }

  async indexName(licenceNo: LicenceNumber): Promise<NameIndexOutcome> {
    const key = keyOf(licenceNo);
    const head = this.table.heads.get(key);
    if (!head) return 'missing';
    const nameKey = enterpriseNameKey(head.certificate.enterprise.name);
    if (this.table.names.get(key) === nameKey) return 'present';
    this.table.names.set(key, nameKey);
    return 'added';
  }

  async assignStatusSlot(
    licenceNo: LicenceNumber,
    index: number,
    partsFor?: (head: CertificateSnapshot) => readonly TransactionPart[],
  ): Promise<StatusSlotOutcome> {
    const t = this.table;
    const key = keyOf(licenceNo);
    const head = t.heads.get(key);
    if (!head) return 'missing';
    if (head.certificate.statusListIndex !== undefined) return 'present';
    if (t.statusSlots.has(index)) return 'taken';
    commitAll(
      [
        {
          reason: 'conflict',
          holds: () => true,
          apply: () => {
            t.statusSlots.set(index, licenceNo);
            t.heads.set(key, { ...head, certificate: { ...head.certificate, statusListIndex: index } });
          },
        },
        ...(partsFor?.(head.certificate) ?? []).flatMap((part) => t.partWrites(part)),
      ],
      conflict,
    );
    return 'assigned';
  }

  /** The last serial handed out of a counter, plus one (1 for a counter never used). */
  #increment(counter: string): number {
    const next = (this.table.counters.get(counter) ?? 0) + 1;
    this.table.counters.set(counter, next);
    return next;
  }

  async #list(
    partition: string,
    member: (head: StoredHead) => boolean,
    sortKey: (head: StoredHead) => string,
    page: PageRequest,
  ): Promise<Page<CertificateSummary>> {
    const entries: Listed<CertificateSummary>[] = [...this.table.heads.values()]
      .filter(member)
      .map((h) => ({ sortKey: sortKey(h), item: summaryOf(h) }));
    return pageOf(partition, entries, 'desc', page);
  }
}

/** The adapter's first-issued sort key: first issue date, then the licence. */
const firstIssued = (head: StoredHead): string =>
  `${head.certificate.firstIssueDate}#${keyOf(head.certificate.licenceNumber)}`;
