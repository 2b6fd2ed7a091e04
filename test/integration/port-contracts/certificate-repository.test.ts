/**
 * The certificate register's contract — the same assertions against the in-memory fake and the DynamoDB adapters on
 * DynamoDB Local, so the fake use-case tests rely on cannot drift from the real thing: serials pinned to their
 * idempotency key, the issuance written all or nothing with its conflict reason, the status change at the revision
 * read, reprints, the PDF digest register, audit and lists in their order with opaque positions.
 */
import { createHash, randomInt } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, test } from 'vitest';
import { DynamoApplicationRepository } from '../../../lambdas/adapters/dynamo/application-repository';
import { DynamoCertificateRepository, nameEntry } from '../../../lambdas/adapters/dynamo/certificate-repository';
import { DynamoDispatchRepository } from '../../../lambdas/adapters/dynamo/dispatch-repository';
import { DynamoOutboxStore } from '../../../lambdas/adapters/dynamo/outbox-store';
import { DynamoPdfDigestRegister } from '../../../lambdas/adapters/dynamo/pdf-digest-register';
import { DynamoReprintRepository } from '../../../lambdas/adapters/dynamo/reprint-repository';
import { DynamoStatusListStore } from '../../../lambdas/adapters/dynamo/status-list-store';
import { Certificate } from '../../../lambdas/domain/certificate';
import { enterpriseNameKey } from '../../../lambdas/domain/enterprise-name-key';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { PaperPrint } from '../../../lambdas/domain/paper-print';
import { PaperSerial } from '../../../lambdas/domain/paper-serial';
import { STATUS_LIST_SIZE } from '../../../lambdas/domain/status-list/status-list';
import type { ApplicationRepository } from '../../../lambdas/ports/application-repository';
import {
  type CertificateRepository,
  CommitConflict,
  type IssuanceCommit,
} from '../../../lambdas/ports/certificate-repository';
import type { DispatchRepository } from '../../../lambdas/ports/dispatch-repository';
import type { OutboxStore } from '../../../lambdas/ports/outbox-store';
import type { PdfDigestRegister } from '../../../lambdas/ports/pdf-digest-register';
import type { ReprintRepository } from '../../../lambdas/ports/reprint-repository';
import type { StatusListStore } from '../../../lambdas/ports/status-list-store';
import { statusListMessage } from '../../../lambdas/use-cases/status-list/publish';
import {
  FakeApplicationRepository,
  FakeCertificateRepository,
  FakeDispatchRepository,
  FakeOutboxStore,
  FakePdfDigestRegister,
  FakeReprintRepository,
  FakeStatusListStore,
  FakeTable,
  officer,
} from '../../support/fakes';
import {
  dispatchOutboxMessage,
  draftApplication,
  issuanceCommit,
  nextVersionCommit,
  pendingDispatch,
  renameCommit,
  statusCommit,
  unique,
} from './records';
import { emulatorStore } from './subjects';

interface Subject {
  readonly repository: CertificateRepository;
  readonly reprints: ReprintRepository;
  readonly digests: PdfDigestRegister;
  readonly applications: ApplicationRepository;
  readonly dispatches: DispatchRepository;
  readonly outbox: OutboxStore;
  readonly statusLists: StatusListStore;
  /** Remove a certificate's name-index entry, as a certificate issued before the index has none. */
  readonly forgetName: (certificate: IssuanceCommit['certificate']) => Promise<void>;
}

const subjects: [string, () => Promise<Subject>][] = [
  [
    'in-memory fake',
    async () => {
      const table = new FakeTable();
      return {
        repository: new FakeCertificateRepository(table),
        reprints: new FakeReprintRepository(table),
        digests: new FakePdfDigestRegister(table),
        applications: new FakeApplicationRepository(table),
        dispatches: new FakeDispatchRepository(table),
        outbox: new FakeOutboxStore(table),
        statusLists: new FakeStatusListStore(table),
        forgetName: async (certificate) => {
          table.names.delete(certificate.licenceNumber.toUrlSafe());
        },
      };
    },
  ],
  [
    'DynamoDB adapters',
    async () => {
      const { dynamo, names } = await emulatorStore();
      return {
        repository: new DynamoCertificateRepository(dynamo, names.tableName),
        reprints: new DynamoReprintRepository(dynamo, names.tableName),
        digests: new DynamoPdfDigestRegister(dynamo, names.tableName),
        applications: new DynamoApplicationRepository(dynamo, names.tableName),
        dispatches: new DynamoDispatchRepository(dynamo, names.tableName),
        outbox: new DynamoOutboxStore(dynamo, names.tableName),
        statusLists: new DynamoStatusListStore(dynamo, names.tableName),
        forgetName: async (certificate) => {
          const { pk, sk } = nameEntry(certificate) as { pk: string; sk: string };
          await dynamo.send(new DeleteCommand({ TableName: names.tableName, Key: { pk, sk } }));
        },
      };
    },
  ],
];

const T0 = new Date('2026-11-27T02:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const sha256Of = (text: string) => createHash('sha256').update(text).digest('hex');
const reasonOf = (error: unknown) => (error instanceof CommitConflict ? error.reason : error);

describe.each(subjects)('CertificateRepository — %s', (_, make) => {
  let subject: Promise<Subject> | undefined;
  const s = () => {
    subject ??= make();
    return subject;
  };

  test('answers nothing for what was never written', async () => {
    // Prepare
    const { repository } = await s();
    const unknown = LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial: 99_999 });

    // Act
    const reads = await Promise.all([
      repository.get(unknown),
      repository.getVersion(unknown, 1),
      repository.findIdempotency('contract:never'),
      repository.guardOf('91420100MA4K99999X'),
      repository.findVersionByPdfSha256('0'.repeat(64)),
      repository.findVersionByPdfSha256('not-a-digest'),
    ]);

    // Assess
    expect(reads).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  test('reserves serials once per key: a retry reuses them, another key gets the next ones', async () => {
    // Prepare
    const { repository } = await s();
    const sequence = `06-001-${unique()}`;

    // Act
    const first = await repository.reserveSerials('contract:serials-a', { paperYear: 2031, licenceSequence: sequence });
    const retry = await repository.reserveSerials('contract:serials-a', { paperYear: 2031, licenceSequence: sequence });
    const other = await repository.reserveSerials('contract:serials-b', { paperYear: 2031, licenceSequence: sequence });
    const paperOnly = await repository.reserveSerials('contract:serials-c', { paperYear: 2031 });
    const widened = await repository.reserveSerials('contract:serials-c', {
      paperYear: 2031,
      licenceSequence: sequence,
    });

    // Assess
    expect(retry).toEqual(first);
    expect(first.licenceSerial).toEqual({ sequenceKey: sequence, serial: 1 });
    expect(other.licenceSerial).toEqual({ sequenceKey: sequence, serial: 2 });
    const paper = [first, other, paperOnly].map((r) => PaperSerial.parse(r.paperSerial));
    expect(paper.map((p) => p.toString())).toEqual([
      PaperSerial.of(2031, 1).toString(),
      PaperSerial.of(2031, 2).toString(),
      PaperSerial.of(2031, 3).toString(),
    ]);
    expect(paperOnly.licenceSerial).toBeUndefined();
    expect(widened).toEqual({
      paperSerial: paperOnly.paperSerial,
      licenceSerial: { sequenceKey: sequence, serial: 3 },
    });
  });

  test('one read tells the key’s record and reservation; a stale "absent" hint still finds the reservation', async () => {
    // Prepare
    const { repository } = await s();
    const sequence = `06-001-${unique()}`;
    const before = await repository.findIdempotencyState('contract:state-a');

    // Act
    const first = await repository.reserveSerials(
      'contract:state-a',
      { paperYear: 2031, licenceSequence: sequence },
      { reservationAbsent: !before.reserved },
    );
    const after = await repository.findIdempotencyState('contract:state-a');
    const twin = await repository.reserveSerials(
      'contract:state-a',
      { paperYear: 2031, licenceSequence: sequence },
      { reservationAbsent: true },
    );

    // Assess
    expect(before).toEqual({ reserved: false });
    expect(after).toEqual({ reserved: true });
    expect(twin).toEqual(first);
  });

  test('a raised licence counter continues after the highest imported serial and is never lowered', async () => {
    // Prepare
    const { repository } = await s();
    const sequence = `06-001-${unique()}`;
    await repository.reserveSerials('contract:raise-a', { paperYear: 2031, licenceSequence: sequence });

    // Act
    await repository.raiseLicenceSerial(sequence, 417);
    await repository.raiseLicenceSerial(sequence, 12);
    await repository.raiseLicenceSerial(sequence, 417);
    const next = await repository.reserveSerials('contract:raise-b', { paperYear: 2031, licenceSequence: sequence });
    const fresh = `06-002-${unique()}`;
    await repository.raiseLicenceSerial(fresh, 9);
    const first = await repository.reserveSerials('contract:raise-c', { paperYear: 2031, licenceSequence: fresh });

    // Assess
    expect(next.licenceSerial).toEqual({ sequenceKey: sequence, serial: 418 });
    expect(first.licenceSerial).toEqual({ sequenceKey: fresh, serial: 10 });
  });

  test('an issuance is readable by either form of the number, with its version, digest, guard and record', async () => {
    // Prepare
    const { repository, digests } = await s();
    const commit = issuanceCommit({ at: T0 });
    const licence = commit.certificate.licenceNumber;

    // Act
    await repository.commitIssuance(commit);

    // Assess
    const head = await repository.get(LicenceNumber.parse(licence.toUrlSafe()));
    expect(head).toEqual({ certificate: commit.certificate, currentVersion: 1, updatedAt: T0.toISOString() });
    expect(await repository.getVersion(licence, 1)).toEqual(commit.version);
    expect(await repository.findIdempotency(commit.idempotency.key)).toEqual(commit.idempotency);
    expect((await repository.guardOf(commit.certificate.enterprise.uscc))?.toString()).toBe(licence.toString());
    expect(await repository.findVersionByPdfSha256(commit.version.pdf.sha256)).toEqual({
      licenceNo: licence,
      version: 1,
    });
    expect([...(await digests.registered([commit.version.pdf.sha256, '1'.repeat(64), 'x']))]).toEqual([
      commit.version.pdf.sha256,
    ]);
  });

  test('refuses an issuance whose conditions fail, naming the condition, and writes none of it', async () => {
    // Prepare
    const { repository } = await s();
    const first = issuanceCommit({ at: T0 });
    await repository.commitIssuance(first);
    const again = { ...issuanceCommit({ serial: unique() }), certificate: first.certificate };
    const sameEnterprise = issuanceCommit({ at: T0 });
    const guarded = {
      ...sameEnterprise,
      certificate: {
        ...sameEnterprise.certificate,
        enterprise: { ...sameEnterprise.certificate.enterprise, uscc: first.certificate.enterprise.uscc },
      },
    };
    const reusedKey = issuanceCommit({ key: first.idempotency.key });
    const stale = { ...nextVersionCommit(first), expectedRevision: first.certificate.revision + 5 };
    const sameVersion = { ...nextVersionCommit(first), version: { ...first.version } };

    // Act
    const reasons = [];
    for (const commit of [again, guarded, reusedKey, stale, sameVersion]) {
      reasons.push(await repository.commitIssuance(commit).then(() => 'committed', reasonOf));
    }

    // Assess
    expect(reasons).toEqual(['revision', 'guard', 'idempotency', 'revision', 'version']);
    expect(await repository.get(guarded.certificate.licenceNumber)).toBeUndefined();
    expect(await repository.get(reusedKey.certificate.licenceNumber)).toBeUndefined();
    expect(await repository.guardOf(reusedKey.certificate.enterprise.uscc)).toBeUndefined();
    expect((await repository.get(first.certificate.licenceNumber))?.currentVersion).toBe(1);
  });

  test('a next version moves the head at the revision read; a revocation releases the guard', async () => {
    // Prepare
    const { repository } = await s();
    const first = issuanceCommit({ at: T0 });
    await repository.commitIssuance(first);
    const second = nextVersionCommit(first, { at: minutes(1) });

    // Act
    await repository.commitIssuance(second);
    await repository.commitStatusChange(statusCommit(second, 'revoke', minutes(2)));

    // Assess
    const head = await repository.get(first.certificate.licenceNumber);
    expect(head?.currentVersion).toBe(2);
    expect(head?.certificate.status).toBe('revoked');
    expect(head?.updatedAt).toBe(minutes(2).toISOString());
    expect((await repository.getVersion(first.certificate.licenceNumber, 1))?.certificate.version).toBe(1);
    expect((await repository.getVersion(first.certificate.licenceNumber, 2))?.certificate.version).toBe(2);
    expect(await repository.guardOf(first.certificate.enterprise.uscc)).toBeUndefined();
  });

  test('a new licence takes over the guard only from the licence it names', async () => {
    // Prepare
    const { repository } = await s();
    const seed = unique();
    const expired = issuanceCommit({ at: T0, seed });
    await repository.commitIssuance(expired);
    const successor = {
      ...issuanceCommit({ at: minutes(1), seed }),
      replacesGuardOf: expired.certificate.licenceNumber,
    };
    const late = { ...issuanceCommit({ at: minutes(2), seed }), replacesGuardOf: expired.certificate.licenceNumber };

    // Act
    await repository.commitIssuance(successor);
    const refused = await repository.commitIssuance(late).then(() => 'committed', reasonOf);

    // Assess
    expect(refused).toBe('guard');
    expect(await repository.guardOf(expired.certificate.enterprise.uscc)).toEqual(successor.certificate.licenceNumber);
    expect(await repository.get(late.certificate.licenceNumber)).toBeUndefined();
  });

  test('a status change only at the revision read', async () => {
    // Prepare
    const { repository } = await s();
    const first = issuanceCommit({ at: T0 });
    await repository.commitIssuance(first);
    const suspend = statusCommit(first, 'suspend', minutes(1));

    // Act
    await repository.commitStatusChange(suspend);
    const twice = await repository.commitStatusChange(suspend).then(() => 'committed', reasonOf);

    // Assess
    expect(twice).toBe('revision');
    expect((await repository.get(first.certificate.licenceNumber))?.certificate).toEqual(suspend.certificate);
    expect(await repository.guardOf(first.certificate.enterprise.uscc)).toEqual(first.certificate.licenceNumber);
  });

  test('writes the parts with the certificate, where their own ports read them; a part that exists fails it all', async () => {
    // Prepare
    const { repository, applications, dispatches, outbox } = await s();
    const draft = draftApplication({ at: T0 }).toSnapshot();
    await applications.create(draft);
    const submitted = { ...draft, state: 'submitted' as const, revision: 2 };
    const dispatch = pendingDispatch({ at: T0 });
    const message = dispatchOutboxMessage(T0, dispatch.id);
    const withParts = issuanceCommit({
      at: T0,
      parts: [
        { kind: 'application-saved', application: submitted, expectedRevision: 1 },
        { kind: 'dispatch-requested', dispatch },
        { kind: 'outbox', message },
      ],
    });
    const repeated = issuanceCommit({ at: T0, parts: [{ kind: 'outbox', message }] });
    const stale = issuanceCommit({
      at: T0,
      parts: [{ kind: 'application-saved', application: { ...submitted, revision: 3 }, expectedRevision: 1 }],
    });

    // Act
    await repository.commitIssuance(withParts);
    const reasons = [
      await repository.commitIssuance(repeated).then(() => 'committed', reasonOf),
      await repository.commitIssuance(stale).then(() => 'committed', reasonOf),
    ];

    // Assess
    expect(await applications.get(draft.id)).toEqual(submitted);
    expect(await dispatches.get(dispatch.id)).toEqual(dispatch);
    expect(await outbox.get(message)).toEqual({ ...message, relayCount: 0 });
    expect(reasons).toEqual(['part', 'part']);
    expect(await repository.get(repeated.certificate.licenceNumber)).toBeUndefined();
    expect(await repository.get(stale.certificate.licenceNumber)).toBeUndefined();
  });

  test('a reprint commits with the head at its revision, registers its PDF and replays by its key', async () => {
    // Prepare
    const { repository, reprints, digests } = await s();
    const first = issuanceCommit({ at: T0 });
    await repository.commitIssuance(first);
    const current = Certificate.rehydrate(first.certificate);
    const paperSerial = PaperSerial.of(2027, unique());
    const next = current.reissuePaper({ paperSerial, actor: officer, at: minutes(1), reference: 'contract' });
    const print: PaperPrint = {
      licenceNo: first.certificate.licenceNumber,
      version: 1,
      paperSerial: paperSerial.toString(),
      replacesPaperSerial: first.certificate.paperSerial,
      pdf: { key: `certificates/x/v1/print-${paperSerial}.pdf`, sha256: sha256Of(`print ${paperSerial}`), size: 9 },
      qrText: first.version.qrText,
      printedAt: minutes(1).toISOString(),
      printedBy: officer,
      source: 'contract',
    };
    const key = `contract:reprint-${unique()}`;
    const commit = {
      certificate: next.toSnapshot(),
      expectedRevision: current.revision,
      currentVersion: 1,
      print,
      idempotencyKey: key,
      audit: {
        id: `a-${unique()}`,
        at: print.printedAt,
        licenceNo: print.licenceNo,
        action: 'certificate.reissue-paper',
        actor: officer,
      },
      parts: [],
    };

    // Act
    const before = await reprints.findReprint(key);
    await reprints.commitReprint(commit);
    const again = await reprints.commitReprint(commit).catch((e: unknown) => e);

    // Assess
    expect(before).toBeUndefined();
    expect(await reprints.findReprint(key)).toEqual(print);
    expect(await reprints.getPrint(print.licenceNo, print.paperSerial)).toEqual(print);
    expect(await reprints.getPrint(print.licenceNo, PaperSerial.of(2027, unique()).toString())).toBeUndefined();
    expect(again).toMatchObject({ kind: 'conflict', code: 'CONCURRENT_MODIFICATION' });
    expect((await repository.get(print.licenceNo))?.certificate.paperSerial).toBe(paperSerial.toString());
    expect((await digests.registered([print.pdf.sha256])).has(print.pdf.sha256)).toBe(true);
    expect(await repository.findVersionByPdfSha256(print.pdf.sha256)).toEqual({
      licenceNo: print.licenceNo,
      version: 1,
    });
  });

  test('the audit trail: newest first, page by page; a position of another licence or garbage is INVALID_CURSOR', async () => {
    // Prepare
    const { repository } = await s();
    const first = issuanceCommit({ at: T0 });
    const other = issuanceCommit({ at: T0 });
    await repository.commitIssuance(first);
    await repository.commitIssuance(other);
    const licenceNo = first.certificate.licenceNumber;
    const read = (n: number, licence = licenceNo) =>
      repository.recordAudit({
        id: `read-${n}`,
        at: minutes(n).toISOString(),
        licenceNo: licence,
        action: 'certificate.downloaded',
        actor: officer,
      });
    for (const n of [3, 1, 2]) await read(n);
    await read(4, other.certificate.licenceNumber);

    // Act
    const pages = await allPages((cursor) =>
      repository.listAudit(licenceNo, { limit: 2, ...(cursor ? { cursor } : {}) }),
    );
    const otherFirst = await repository.listAudit(other.certificate.licenceNumber, { limit: 1 });
    const foreign = await repository
      .listAudit(licenceNo, { limit: 2, cursor: otherFirst.cursor ?? 'none' })
      .catch((e: unknown) => e);
    const garbage = await repository.listAudit(licenceNo, { cursor: '!!' }).catch((e: unknown) => e);

    // Assess
    expect(pages.flat().map((e) => e.action)).toEqual([
      'certificate.downloaded',
      'certificate.downloaded',
      'certificate.downloaded',
      'certificate.issued',
    ]);
    expect(pages.flat().map((e) => e.at)).toEqual([minutes(3), minutes(2), minutes(1), T0].map((d) => d.toISOString()));
    expect(pages[0]).toHaveLength(2);
    expect(otherFirst.cursor).toEqual(expect.any(String));
    expect(foreign).toMatchObject({ code: 'INVALID_CURSOR' });
    expect(garbage).toMatchObject({ code: 'INVALID_CURSOR' });
  });

  test('lists: an enterprise’s, by status (last changed first) and all (first issued latest first); summaries of several', async () => {
    // Prepare
    const { repository } = await s();
    const seed = unique();
    const older = issuanceCommit({ at: new Date('2026-01-05T02:00:00.000Z'), seed });
    await repository.commitIssuance(older);
    await repository.commitStatusChange(statusCommit(older, 'revoke', new Date('2026-01-06T02:00:00.000Z')));
    const newer = issuanceCommit({ at: new Date('2026-01-07T02:00:00.000Z'), seed });
    await repository.commitIssuance(newer); // the revocation released the guard
    const later = issuanceCommit({ at: new Date('2026-01-08T02:00:00.000Z') });
    await repository.commitIssuance(later);
    await repository.commitStatusChange(statusCommit(later, 'revoke', new Date('2026-01-09T02:00:00.000Z')));

    // Act
    const mine = await allPages((cursor) =>
      repository.listByUscc(older.certificate.enterprise.uscc, { limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    const revoked = await allPages((cursor) =>
      repository.listByStatus('revoked', { limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    const all = await allPages((cursor) => repository.listAll({ limit: 100, ...(cursor ? { cursor } : {}) }));
    const some = await repository.summariesOf([
      older.certificate.licenceNumber,
      later.certificate.licenceNumber,
      LicenceNumber.parse('(鄂)XK06-001-99999'),
    ]);
    const heads = await repository.headsOf([
      later.certificate.licenceNumber,
      LicenceNumber.parse('(鄂)XK06-001-99999'),
      older.certificate.licenceNumber,
    ]);
    const one = await repository.get(later.certificate.licenceNumber);

    // Assess: heads read together are the heads read one by one
    expect([...heads.keys()]).toEqual([
      later.certificate.licenceNumber.toString(),
      older.certificate.licenceNumber.toString(),
    ]);
    expect(heads.get(later.certificate.licenceNumber.toString())).toEqual(one);
    const licences = (items: readonly { licenceNo: LicenceNumber }[][]) =>
      items.flat().map((i) => i.licenceNo.toString());
    expect(licences(mine)).toEqual([
      newer.certificate.licenceNumber.toString(),
      older.certificate.licenceNumber.toString(),
    ]);
    expect(mine.flat()[1]).toEqual({
      licenceNo: older.certificate.licenceNumber,
      enterpriseName: older.certificate.enterprise.name,
      uscc: older.certificate.enterprise.uscc,
      status: 'revoked',
      version: 1,
      validUntil: older.certificate.validUntil,
      procedure: older.certificate.procedure,
      categories: [...new Set(older.certificate.products.map((p) => p.categoryCode))].sort(),
    });
    expect([...some.keys()].sort()).toEqual([older, later].map((c) => c.certificate.licenceNumber.toString()).sort());
    expect(some.get(later.certificate.licenceNumber.toString())).toMatchObject({ status: 'revoked', version: 1 });
    const ours = new Set([older, newer, later].map((c) => c.certificate.licenceNumber.toString()));
    expect(licences(revoked).filter((l) => ours.has(l))).toEqual([
      later.certificate.licenceNumber.toString(),
      older.certificate.licenceNumber.toString(),
    ]);
    expect(licences(all).filter((l) => ours.has(l))).toEqual([
      later.certificate.licenceNumber.toString(),
      newer.certificate.licenceNumber.toString(),
      older.certificate.licenceNumber.toString(),
    ]);
  });

  test('the name index: a normalised prefix finds names in key order, page by page; a rename moves the entry', async () => {
    // Prepare: three names under one prefix of this test's own, one outside it
    const { repository } = await s();
    const tag = `契约${unique()}`;
    const a = issuanceCommit({ name: `${tag}甲线缆有限公司` });
    const b = issuanceCommit({ name: `${tag}乙ABC电缆有限公司` });
    const c = issuanceCommit({ name: `${tag}丙电线厂` });
    const other = issuanceCommit({ name: `其他${tag}有限公司` });
    for (const commit of [c, a, b, other]) await repository.commitIssuance(commit);
    await repository.commitStatusChange(statusCommit(b, 'suspend', minutes(5)));

    // Act
    const pages = await allPages((cursor) =>
      repository.findByNamePrefix(enterpriseNameKey(` ${tag} `), { limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    const fullWidth = await repository.findByNamePrefix(enterpriseNameKey(`${tag}乙ａｂｃ`), {});
    const renamed = renameCommit(a, `${tag}丁新名称有限公司`);
    await repository.commitIssuance(renamed);
    const byOld = await repository.findByNamePrefix(enterpriseNameKey(`${tag}甲`), {});
    const byNew = await repository.findByNamePrefix(enterpriseNameKey(`${tag}丁`), {});
    const foreign = await repository
      .findByNamePrefix(enterpriseNameKey(`${tag}`), {
        cursor: Buffer.from('{"pk":"CERT#1","sk":"#HEAD"}').toString('base64url'),
      })
      .catch((e: unknown) => e);

    // Assess: key order (甲 < 乙 < 丙 by code point), each on its page, the status the head's
    const names = pages.flat().map((i) => i.enterpriseName);
    expect(names).toEqual([`${tag}丙电线厂`, `${tag}乙ABC电缆有限公司`, `${tag}甲线缆有限公司`].sort(byKey));
    expect(pages.flat().find((i) => i.enterpriseName.includes('乙'))?.status).toBe('suspended');
    expect(fullWidth.items.map((i) => i.licenceNo.toString())).toEqual([b.certificate.licenceNumber.toString()]);
    expect(byOld.items).toEqual([]);
    expect(byNew.items).toMatchObject([{ licenceNo: a.certificate.licenceNumber, version: 2 }]);
    expect(foreign).toMatchObject({ code: 'INVALID_CURSOR' });
    expect(await repository.findByNamePrefix('', {})).toEqual({ items: [] });
  });

  test('indexName adds a missing entry once, leaves a present one, and knows no stranger', async () => {
    // Prepare: a certificate whose entry is missing (issued before the index)
    const { repository, forgetName } = await s();
    const tag = `回填${unique()}`;
    const old = issuanceCommit({ name: `${tag}旧证有限公司` });
    await repository.commitIssuance(old);
    await forgetName(old.certificate);
    const before = await repository.findByNamePrefix(enterpriseNameKey(tag), {});

    // Act
    const first = await repository.indexName(old.certificate.licenceNumber);
    const second = await repository.indexName(old.certificate.licenceNumber);
    const stranger = await repository.indexName(
      LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial: 99_998 }),
    );

    // Assess
    expect(before.items).toEqual([]);
    expect([first, second, stranger]).toEqual(['added', 'present', 'missing']);
    const after = await repository.findByNamePrefix(enterpriseNameKey(tag), {});
    expect(after.items.map((i) => i.licenceNo.toString())).toEqual([old.certificate.licenceNumber.toString()]);
  });

  test('status-list slots: an issuance claims its slot only if free; assignStatusSlot gives an older licence one once', async () => {
    // Prepare: a licence with slot n, and one issued before the list (no slot)
    const { repository } = await s();
    const n = randomInt(STATUS_LIST_SIZE / 2);
    const first = issuanceCommit({});
    const claimed = { ...first, certificate: { ...first.certificate, statusListIndex: n }, statusSlot: n };
    const second = issuanceCommit({});
    const clash = { ...second, certificate: { ...second.certificate, statusListIndex: n }, statusSlot: n };
    const old = issuanceCommit({});

    // Act
    await repository.commitIssuance(claimed);
    const refused = await repository.commitIssuance(clash).catch((e: unknown) => e);
    await repository.commitIssuance(old);
    const taken = await repository.assignStatusSlot(old.certificate.licenceNumber, n);
    const assigned = await repository.assignStatusSlot(old.certificate.licenceNumber, n + STATUS_LIST_SIZE / 2);
    const again = await repository.assignStatusSlot(old.certificate.licenceNumber, n + 1);
    const stranger = await repository.assignStatusSlot(
      LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial: 99_997 }),
      n + 2,
    );

    // Assess
    expect((await repository.get(first.certificate.licenceNumber))?.certificate.statusListIndex).toBe(n);
    expect(refused).toBeInstanceOf(CommitConflict);
    expect((refused as CommitConflict).reason).toBe('slot');
    expect(await repository.get(second.certificate.licenceNumber)).toBeUndefined();
    expect([taken, assigned, again, stranger]).toEqual(['taken', 'assigned', 'present', 'missing']);
    const head = await repository.get(old.certificate.licenceNumber);
    expect(head?.certificate).toEqual({ ...old.certificate, statusListIndex: n + STATUS_LIST_SIZE / 2 });
  });

  test('a late slot carries the parts made from the head it is conditioned on, all or nothing', async () => {
    // Prepare: two licences from before the list; the second's announcement already exists
    const { repository, outbox, statusLists } = await s();
    const n = randomInt(STATUS_LIST_SIZE / 2);
    const [one, two] = [issuanceCommit({}), issuanceCommit({})];
    await repository.commitIssuance(one);
    await repository.commitIssuance(two);
    const announce = (licence: IssuanceCommit['certificate']['licenceNumber']) =>
      statusListMessage(`slot.${licence.toUrlSafe()}`, licence, T0);
    const seen: string[] = [];
    const partsFor = (head: IssuanceCommit['certificate']) => {
      seen.push(head.status);
      return [{ kind: 'outbox' as const, message: announce(head.licenceNumber) }];
    };
    await repository.assignStatusSlot(two.certificate.licenceNumber, n + 2, () => []);
    const taken = await repository.get(two.certificate.licenceNumber);

    // Act
    const assigned = await repository.assignStatusSlot(one.certificate.licenceNumber, n, partsFor);
    const three = issuanceCommit({});
    await repository.commitIssuance(three);
    await repository
      .assignStatusSlot(three.certificate.licenceNumber, n + 1, () => [
        { kind: 'outbox', message: announce(one.certificate.licenceNumber) }, // exists: the whole write is refused
      ])
      .catch((e: unknown) => e);

    // Assess
    expect(assigned).toBe('assigned');
    expect(seen).toEqual(['valid']);
    expect(
      (await outbox.get({ topic: 'statusList', id: `slot.${one.certificate.licenceNumber.toUrlSafe()}` }))?.body,
    ).toEqual({
      changeKey: `slot.${one.certificate.licenceNumber.toUrlSafe()}`,
      licenceNo: one.certificate.licenceNumber.toString(),
    });
    expect((await repository.get(three.certificate.licenceNumber))?.certificate.statusListIndex).toBeUndefined();
    expect(await statusLists.isAllocated(n + 1)).toBe(false);
    expect([await statusLists.isAllocated(n), await statusLists.isAllocated(n + 2)]).toEqual([true, true]);
    expect(taken?.certificate.statusListIndex).toBe(n + 2);
  });

  test('the status list is stored only at the next version; before the first, there is none', async () => {
    // Prepare
    const { statusLists } = await s();
    const list = (version: number) => ({
      version,
      jwt: `h.p${version}.s`,
      iat: 1_796_000_000 + version,
      exp: 1_796_100_000,
    });

    // Act
    const none = await statusLists.published();
    const outOfTurn = await statusLists.publish(list(2));
    const first = await statusLists.publish(list(1));
    const again = await statusLists.publish(list(1)); // a publisher that lost the race
    const second = await statusLists.publish(list(2));

    // Assess
    expect(none).toBeUndefined();
    expect([outOfTurn, first, again, second]).toEqual([false, true, false, true]);
    expect(await statusLists.published()).toEqual(list(2));
  });
});

/** UTF-8 byte order of the names' keys, as the index sorts them. */
const byKey = (x: string, y: string): number =>
  Buffer.compare(Buffer.from(enterpriseNameKey(x)), Buffer.from(enterpriseNameKey(y)));

/** Every page of a list, following its positions to the end. */
async function allPages<T>(
  read: (cursor?: string) => Promise<{ items: readonly T[]; cursor?: string }>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    pages.push([...page.items]);
    cursor = page.cursor;
  } while (cursor);
  return pages.filter((p, i) => p.length > 0 || i === 0);
}
