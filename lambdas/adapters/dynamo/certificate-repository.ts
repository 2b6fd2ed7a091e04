/**
 * DynamoDB adapter of {@link CertificateRepository}: the key shapes and the issuance transaction of `docs/storage.md`.
 * Licence numbers are written as text and parsed back on reading (`stored-records.ts`).
 *
 * @example
 * const repository = new DynamoCertificateRepository(dynamoClient(), config().tableName);
 * await repository.commitIssuance(commit); // all or nothing
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../domain/audit-event';
import type { CertificateSnapshot } from '../../domain/certificate-snapshot';
import type { CertificateStatus } from '../../domain/certificate-status';
import { enterpriseNameKey, nameKeyShard } from '../../domain/enterprise-name-key';
import { ConflictError } from '../../domain/errors';
import type { IssuedVersion } from '../../domain/issued-version';
import { type LicenceNumber, MAX_SERIAL } from '../../domain/licence-number';
import { PaperSerial } from '../../domain/paper-serial';
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
} from '../../ports/certificate-repository';
import type { Page, PageRequest } from '../../ports/page';
import type { TransactionPart } from '../../ports/transaction-parts';
import { queryPage, queryPartition } from './pagination';
import {
  auditFromStorage,
  certificateFromStorage,
  idempotencyFromStorage,
  licenceKey as lic,
  licenceFromStorage,
  type StoredAudit,
  type StoredCertificate,
  type StoredIdempotency,
  type StoredVersion,
  storedAudit,
  storedCertificate,
  storedIdempotency,
  storedVersion,
  versionFromStorage,
} from './stored-records';
import { type TransactItem, transactItemsOf } from './transaction-parts';

type Item = Record<string, unknown>;

export const keys = {
  head: (licenceNo: LicenceNumber) => ({ pk: `CERT#${lic(licenceNo)}`, sk: '#HEAD' }),
  version: (licenceNo: LicenceNumber, version: number) => ({
    pk: `CERT#${lic(licenceNo)}`,
    sk: `VER#${String(version).padStart(6, '0')}`,
  }),
  pdfSha: (sha256: string) => ({ pk: `PDFSHA#${sha256}`, sk: '#PDF' }),
  audit: (licenceNo: LicenceNumber, at: string, id: string) => ({
    pk: `CERT#${lic(licenceNo)}`,
    sk: `AUDIT#${at}#${id}`,
  }),
  guard: (uscc: string) => ({ pk: `ENT#${uscc}`, sk: '#LIVE' }),
  licenceCounter: (sequenceKey: string) => ({ pk: `SEQ#LIC#${sequenceKey}`, sk: '#COUNTER' }),
  licenceClaim: (sequenceKey: string, serial: number) => ({
    pk: `SEQ#LIC#${sequenceKey}`,
    sk: `SERIAL#${String(serial).padStart(5, '0')}`,
  }),
  paperCounter: (year: number) => ({ pk: `SEQ#PAPER#${year}`, sk: '#COUNTER' }),
  idempotency: (key: string) => ({ pk: `IDEM#${key}`, sk: '#RESULT' }),
  /** The name index: see {@link nameEntry}. */
  name: (nameKey: string, licenceNo: LicenceNumber) => ({
    pk: `CERTNAME#${nameKeyShard(nameKey) ?? ''}`,
    sk: `${nameKey}#${lic(licenceNo)}`,
  }),
  reservation: (key: string) => ({ pk: `IDEM#${key}`, sk: '#RESERVATION' }),
  /** A claimed slot of the status list (one list today: `SLIST#1`); its `licenceNo` is the licence holding it. */
  statusSlot: (index: number) => ({ pk: 'SLIST#1', sk: `IDX#${String(index).padStart(6, '0')}` }),
};

const MAX_RESERVATION_ATTEMPTS = 20;

/**
 * The head item of a certificate (also written by the paper-reprint adapter).
 *
 * @example
 * headItem({ certificate: snapshot }, currentVersion, at);
 */
export function headItem(
  commit: { certificate: IssuanceCommit['certificate'] },
  currentVersion: number,
  at: string,
): Item {
  const c = commit.certificate;
  const key = lic(c.licenceNumber);
  const firstIssued = `${c.firstIssueDate}#${key}`;
  return {
    ...keys.head(c.licenceNumber),
    type: 'certificate',
    licenceNo: c.licenceNumber.toString(),
    uscc: c.enterprise.uscc,
    status: c.status,
    revision: c.revision,
    currentVersion,
    updatedAt: at,
    certificate: storedCertificate(c),
    gsi1pk: `ENT#${c.enterprise.uscc}`,
    gsi1sk: `CERT#${firstIssued}`,
    gsi2pk: `CERTSTATUS#${c.status}`,
    gsi2sk: `${at}#${key}`,
    gsi3pk: 'CERTS',
    gsi3sk: firstIssued,
  };
}

/**
 * An audit-event item (also written by the paper-reprint adapter).
 *
 * @example
 * auditItem(event);
 */
export function auditItem(event: AuditEvent): Item {
  return {
    ...keys.audit(event.licenceNo, event.at, event.id),
    type: 'audit',
    ...storedAudit(event),
    gsi3pk: `AUDIT#${event.at.slice(0, 7)}`,
    gsi3sk: `${event.at}#${event.id}`,
  };
}

/**
 * The enterprise-name index (企业名称索引) — a key shape on the table's own primary key, no index of its own (the head
 * item's three GSI slots are taken, and `lib/resources.ts` adds key shapes, never indexes). One companion item per
 * certificate:
 *
 * | pk | sk | attributes |
 * |---|---|---|
 * | `CERTNAME#<first character of the key>` | `<name key>#<licence key>` | `type: 'certificate-name'`, `licenceNo`, `nameKey` |
 *
 * The name key is `enterpriseNameKey(name)` (NFKC, white space removed, lower case — `domain/enterprise-name-key.ts`),
 * the same function a typed prefix goes through, so a prefix search is one Query: `pk = CERTNAME#<first character of
 * the prefix> AND begins_with(sk, <prefix key>)`, in name order, a page at a time; the heads of the page are then read
 * with one BatchGetItem (so the status shown is the head's, never a copy to keep in step). Partitioning by the first
 * character spreads the entries of a province's thousands of enterprises over many partitions while a prefix still
 * names exactly one.
 *
 * Written in the same transaction as the head: at issuance, and at every new version (an amendment may change the
 * name — the entry of the old name is deleted in that transaction). Status changes and reprints never change the name,
 * so they leave it. Certificates issued before the index existed get their entry from the backfill
 * (`use-cases/backfill-name-index.ts`, {@link DynamoCertificateRepository.indexName}).
 *
 * @example
 * nameEntry(certificate); // { pk: 'CERTNAME#湖', sk: '湖北长江线缆股份有限公司#42-XK06-001-00001', … }
 */
export function nameEntry(certificate: IssuanceCommit['certificate']): Item {
  const nameKey = enterpriseNameKey(certificate.enterprise.name);
  return {
    ...keys.name(nameKey, certificate.licenceNumber),
    type: 'certificate-name',
    licenceNo: certificate.licenceNumber.toString(),
    nameKey,
  };
}

/** BatchGetItem's limit. */
const BATCH_GET = 100;

function summaryOf(item: Item): CertificateSummary {
  const c = item.certificate as StoredCertificate;
  return {
    licenceNo: licenceFromStorage(c.licenceNumber),
    enterpriseName: c.enterprise.name,
    uscc: c.enterprise.uscc,
    status: c.status,
    version: item.currentVersion as number,
    validUntil: c.validUntil,
    procedure: c.procedure,
    categories: [...new Set(c.products.map((p) => p.categoryCode))].sort(),
    ...(c.statusListIndex !== undefined ? { statusListIndex: c.statusListIndex } : {}),
  };
}

function cancellationReasons(error: unknown): string[] | undefined {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e.name !== 'TransactionCanceledException') return undefined;
  return (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

/** A head item as the port's `CertificateHead` (the licence number given, not parsed again). */
function headOf(item: Item, licenceNo: LicenceNumber): CertificateHead {
  return {
    certificate: certificateFromStorage(item.certificate as StoredCertificate, licenceNo),
    currentVersion: item.currentVersion as number,
    updatedAt: item.updatedAt as string,
  };
}

export class DynamoCertificateRepository implements CertificateRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findIdempotency(key: string): Promise<IdempotencyRecord | undefined> {
    const item = await this.#get(keys.idempotency(key));
    return item ? idempotencyFromStorage(item.record as StoredIdempotency) : undefined;
  }

  async findIdempotencyState(
    key: string,
  ): Promise<{ readonly record?: IdempotencyRecord; readonly reserved: boolean }> {
    // The record (#RESULT) and the reservation (#RESERVATION) share the key's partition: one Query reads both.
    const items = await queryPartition(this.client, this.tableName, keys.idempotency(key).pk);
    const result = items.find((i) => i.sk === keys.idempotency(key).sk);
    return {
      ...(result ? { record: idempotencyFromStorage(result.record as StoredIdempotency) } : {}),
      reserved: items.some((i) => i.sk === keys.reservation(key).sk),
    };
  }

  async guardOf(uscc: string): Promise<LicenceNumber | undefined> {
    const item = await this.#get(keys.guard(uscc));
    return item ? licenceFromStorage(item.licenceNo) : undefined;
  }

  async get(licenceNo: LicenceNumber): Promise<CertificateHead | undefined> {
    const item = await this.#get(keys.head(licenceNo));
    return item ? headOf(item, licenceNo) : undefined;
  }

  async headsOf(licenceNos: readonly LicenceNumber[]): Promise<ReadonlyMap<string, CertificateHead>> {
    const items = await this.#heads(licenceNos);
    const heads = new Map<string, CertificateHead>();
    for (const licenceNo of licenceNos) {
      const item = items.get(lic(licenceNo));
      if (item) heads.set(licenceNo.toString(), headOf(item, licenceNo));
    }
    return heads;
  }

  async getVersion(licenceNo: LicenceNumber, version: number): Promise<IssuedVersion | undefined> {
    const item = await this.#get(keys.version(licenceNo, version));
    return item ? versionFromStorage(item.record as StoredVersion, licenceNo) : undefined;
  }

  async findVersionByPdfSha256(sha256: string): Promise<{ licenceNo: LicenceNumber; version: number } | undefined> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
    const item = await this.#get(keys.pdfSha(sha256));
    return item ? { licenceNo: licenceFromStorage(item.licenceNo), version: item.version as number } : undefined;
  }

  /**
   * Serials come from atomic counters (`ADD last 1`), so concurrent issuances never collide on them; the reservation
   * item then pins them to the idempotency key, and every retry of that key reuses them. A crash between an
   * increment and the reservation write leaves a gap in the sequence — serials may skip, but are never reused.
   */
  async reserveSerials(
    key: string,
    need: { readonly licenceSequence?: string; readonly paperYear: number },
    hint: { readonly reservationAbsent?: boolean } = {},
  ): Promise<SerialReservation> {
    for (let attempt = 0; attempt < MAX_RESERVATION_ATTEMPTS; attempt++) {
      // The caller's own read said none: the first attempt skips the read (a twin's reservation fails the put below).
      const existing = attempt === 0 && hint.reservationAbsent ? undefined : await this.#get(keys.reservation(key));
      const reserved = existing?.reservation as SerialReservation | undefined;
      const needLicence =
        need.licenceSequence !== undefined && reserved?.licenceSerial?.sequenceKey !== need.licenceSequence;
      if (reserved && !needLicence) return reserved;

      // The two counters are independent items: incremented side by side, one round trip instead of two.
      const [paperSequence, serial] = await Promise.all([
        reserved?.paperSerial ? undefined : this.#increment(keys.paperCounter(need.paperYear)),
        needLicence && need.licenceSequence ? this.#increment(keys.licenceCounter(need.licenceSequence)) : undefined,
      ]);
      const paperSerial = reserved?.paperSerial ?? PaperSerial.of(need.paperYear, paperSequence as number).toString();
      let licenceSerial = reserved?.licenceSerial;
      if (serial !== undefined && need.licenceSequence) {
        if (serial > MAX_SERIAL) {
          throw new ConflictError('SERIAL_EXHAUSTED', `the sequence ${need.licenceSequence} has no serial left`);
        }
        licenceSerial = { sequenceKey: need.licenceSequence, serial };
      }
      const reservation: SerialReservation = { paperSerial, ...(licenceSerial ? { licenceSerial } : {}) };
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...keys.reservation(key),
              type: 'reservation',
              reservation,
              revision: ((existing?.revision as number | undefined) ?? 0) + 1,
            },
            ...(existing
              ? { ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': existing.revision } }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          }),
        );
        return reservation;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        // A twin request with the same key reserved first: read again and use its reservation.
      }
    }
    throw new CommitConflict('conflict');
  }

  async raiseLicenceSerial(sequenceKey: string, serial: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.licenceCounter(sequenceKey),
          UpdateExpression: 'SET #last = :serial, #type = :type',
          ConditionExpression: 'attribute_not_exists(#last) OR #last < :serial',
          ExpressionAttributeNames: { '#last': 'last', '#type': 'type' },
          ExpressionAttributeValues: { ':serial': serial, ':type': 'counter' },
        }),
      );
    } catch (error) {
      // Already at or past it: nothing to do.
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async commitIssuance(commit: IssuanceCommit): Promise<void> {
    const { certificate, version, idempotency, audit, reservation } = commit;
    const at = audit.at;
    // The name the index has for this licence now: a new version may change it (the head's revision condition below
    // makes this read safe — a head changed since fails the whole transaction).
    const previous =
      commit.expectedRevision === null ? undefined : await this.#get(keys.head(certificate.licenceNumber));
    const reasons: CommitConflictReason[] = [];
    const items: TransactItem[] = [];
    const push = (reason: CommitConflictReason, item: TransactItem) => {
      reasons.push(reason);
      items.push(item);
    };
    push('revision', {
      Put: {
        TableName: this.tableName,
        Item: headItem(commit, version.version, at),
        ...(commit.expectedRevision === null
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': commit.expectedRevision } }),
      },
    });
    push('version', {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.version(version.licenceNo, version.version), type: 'version', record: storedVersion(version) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    push('version', {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.pdfSha(version.pdf.sha256),
          type: 'pdf-digest',
          licenceNo: version.licenceNo.toString(),
          version: version.version,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    if (commit.expectedRevision === null && reservation.licenceSerial) {
      const { sequenceKey, serial } = reservation.licenceSerial;
      push('conflict', {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.licenceClaim(sequenceKey, serial),
            type: 'serial-claim',
            licenceNo: certificate.licenceNumber.toString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    const guard = keys.guard(certificate.enterprise.uscc);
    if (commit.expectedRevision === null) {
      push('guard', {
        Put: {
          TableName: this.tableName,
          Item: { ...guard, type: 'guard', licenceNo: certificate.licenceNumber.toString() },
          ...(commit.replacesGuardOf
            ? {
                ConditionExpression: 'licenceNo = :old',
                ExpressionAttributeValues: { ':old': commit.replacesGuardOf.toString() },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      });
    } else {
      push('guard', {
        ConditionCheck: {
          TableName: this.tableName,
          Key: guard,
          ConditionExpression: 'licenceNo = :lic',
          ExpressionAttributeValues: { ':lic': certificate.licenceNumber.toString() },
        },
      });
    }
    push('idempotency', {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.idempotency(idempotency.key), type: 'idempotency', record: storedIdempotency(idempotency) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    push('conflict', { Put: { TableName: this.tableName, Item: auditItem(audit) } });
    const entry = nameEntry(certificate);
    push('conflict', { Put: { TableName: this.tableName, Item: entry } });
    const before = previous
      ? enterpriseNameKey((previous.certificate as StoredCertificate).enterprise.name)
      : undefined;
    if (before !== undefined && before !== entry.nameKey) {
      push('conflict', {
        Delete: { TableName: this.tableName, Key: keys.name(before, certificate.licenceNumber) },
      });
    }
    if (commit.statusSlot !== undefined) {
      push('slot', {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.statusSlot(commit.statusSlot),
            type: 'status-slot',
            licenceNo: certificate.licenceNumber.toString(),
            claimedAt: at,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    for (const part of commit.parts ?? []) {
      for (const item of transactItemsOf(this.tableName, part)) push('part', item);
    }
    await this.#transact(items, reasons);
  }

  async commitStatusChange(commit: StatusCommit): Promise<void> {
    const head = await this.#get(keys.head(commit.certificate.licenceNumber));
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: headItem(commit, (head?.currentVersion as number | undefined) ?? 1, commit.audit.at),
          ConditionExpression: 'revision = :r',
          ExpressionAttributeValues: { ':r': commit.expectedRevision },
        },
      },
      { Put: { TableName: this.tableName, Item: auditItem(commit.audit) } },
    ];
    const reasons: CommitConflictReason[] = ['revision', 'conflict'];
    if (commit.releaseGuard) {
      items.push({
        Delete: {
          TableName: this.tableName,
          Key: keys.guard(commit.certificate.enterprise.uscc),
          ConditionExpression: 'attribute_not_exists(pk) OR licenceNo = :lic',
          ExpressionAttributeValues: { ':lic': commit.certificate.licenceNumber.toString() },
        },
      });
      reasons.push('guard');
    }
    for (const part of commit.parts ?? []) {
      for (const item of transactItemsOf(this.tableName, part)) {
        items.push(item);
        reasons.push('part');
      }
    }
    await this.#transact(items, reasons);
  }

  async recordAudit(event: AuditEvent): Promise<void> {
    await this.#transact([{ Put: { TableName: this.tableName, Item: auditItem(event) } }], ['conflict']);
  }

  async listAudit(licenceNo: LicenceNumber, page: PageRequest): Promise<Page<AuditEvent>> {
    const { pk } = keys.head(licenceNo);
    return this.#query(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': 'AUDIT#' },
        ScanIndexForward: false,
      },
      page,
      (item) => {
        const { id, at, licenceNo: l, action, actor, details } = item as unknown as StoredAudit;
        return auditFromStorage({ id, at, licenceNo: l, action, actor, ...(details ? { details } : {}) }, licenceNo);
      },
    );
  }

  listByUscc(uscc: string, page: PageRequest): Promise<Page<CertificateSummary>> {
    return this.#query(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `ENT#${uscc}` },
        ScanIndexForward: false,
      },
      page,
      summaryOf,
    );
  }

  listByStatus(status: CertificateStatus, page: PageRequest): Promise<Page<CertificateSummary>> {
    return this.#query(
      {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `CERTSTATUS#${status}` },
        ScanIndexForward: false,
      },
      page,
      summaryOf,
    );
  }

  listAll(page: PageRequest): Promise<Page<CertificateSummary>> {
    return this.#query(
      {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CERTS' },
        ScanIndexForward: false,
      },
      page,
      summaryOf,
    );
  }

  async summariesOf(licenceNos: readonly LicenceNumber[]): Promise<ReadonlyMap<string, CertificateSummary>> {
    const heads = await this.#heads(licenceNos);
    return new Map([...heads.values()].map((head) => [licenceFromStorage(head.licenceNo).toString(), summaryOf(head)]));
  }

  async findByNamePrefix(nameKey: string, page: PageRequest): Promise<Page<CertificateSummary>> {
    const shard = nameKeyShard(nameKey);
    if (shard === undefined) return { items: [] };
    const found = await this.#query(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `CERTNAME#${shard}`, ':prefix': nameKey },
      },
      page,
      (item) => licenceFromStorage(item.licenceNo),
    );
    const heads = await this.#heads(found.items);
    return {
      items: found.items.flatMap((l) => {
        const head = heads.get(lic(l));
        return head ? [summaryOf(head)] : [];
      }),
      ...(found.cursor ? { cursor: found.cursor } : {}),
    };
  }

  async indexName(licenceNo: LicenceNumber): Promise<NameIndexOutcome> {
    const head = await this.#get(keys.head(licenceNo));
    if (!head) return 'missing';
    const entry = nameEntry(certificateFromStorage(head.certificate as StoredCertificate, licenceNo));
    if (await this.#get({ pk: entry.pk as string, sk: entry.sk as string })) return 'present';
    await this.#transact(
      [
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: keys.head(licenceNo),
            ConditionExpression: 'revision = :r',
            ExpressionAttributeValues: { ':r': head.revision },
          },
        },
        { Put: { TableName: this.tableName, Item: entry } },
      ],
      ['revision', 'conflict'],
    );
    return 'added';
  }

  async assignStatusSlot(
    licenceNo: LicenceNumber,
    index: number,
    partsFor?: (head: CertificateSnapshot) => readonly TransactionPart[],
  ): Promise<StatusSlotOutcome> {
    const head = await this.#get(keys.head(licenceNo));
    if (!head) return 'missing';
    const certificate = certificateFromStorage(head.certificate as StoredCertificate, licenceNo);
    if (certificate.statusListIndex !== undefined) return 'present';
    const parts = (partsFor?.(certificate) ?? []).flatMap((part) => transactItemsOf(this.tableName, part));
    try {
      await this.#transact(
        [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.head(licenceNo),
              UpdateExpression: 'SET certificate.statusListIndex = :i',
              ConditionExpression: 'revision = :r',
              ExpressionAttributeValues: { ':i': index, ':r': head.revision },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: { ...keys.statusSlot(index), type: 'status-slot', licenceNo: licenceNo.toString() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...parts,
        ],
        ['revision', 'slot', ...parts.map(() => 'part' as const)],
      );
    } catch (error) {
      if (error instanceof CommitConflict && error.reason === 'slot') return 'taken';
      throw error;
    }
    return 'assigned';
  }

  /** Head items by licence key, read consistently in batches (a key without a head is left out). */
  async #heads(licences: readonly LicenceNumber[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    const unique = [...new Map(licences.map((l) => [lic(l), l])).values()];
    for (let i = 0; i < unique.length; i += BATCH_GET) {
      let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + BATCH_GET).map((l) => keys.head(l));
      for (let round = 0; pending && pending.length > 0; round++) {
        if (round > 8) throw new Error('BatchGetItem kept returning unprocessed keys');
        const out: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          found.set(lic(licenceFromStorage(item.licenceNo)), item);
        }
        pending = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  async #get(key: { pk: string; sk: string }): Promise<Item | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return out.Item;
  }

  /** Atomically add one to a counter item and return the new value (1 for a counter that did not exist). */
  async #increment(key: { pk: string; sk: string }): Promise<number> {
    const out = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'ADD #last :one SET #type = :type',
        ExpressionAttributeNames: { '#last': 'last', '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return out.Attributes?.last as number;
  }

  async #transact(items: TransactItem[], reasons: readonly CommitConflictReason[]): Promise<void> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const codes = cancellationReasons(error);
      if (!codes) throw error;
      const failed = codes.indexOf('ConditionalCheckFailed');
      throw new CommitConflict(failed >= 0 ? (reasons[failed] ?? 'conflict') : 'conflict');
    }
  }

  #query<T>(input: Omit<QueryCommandInput, 'TableName'>, page: PageRequest, map: (item: Item) => T): Promise<Page<T>> {
    return queryPage(this.client, this.tableName, input, page, map);
  }
}
