/**
 * issueCertificate on the in-memory ports (no network): a new licence signed, drawn, stored and committed with its
 * version, idempotency record and audit event on the issuance's one instant; a retry with the same key replays and
 * another request under it is 409; a concurrent change is retried, then 409; nothing is reserved for text the
 * certificate cannot carry. With a paper copy, the dispatch and its outbox message ride the certificate's own
 * transaction with the caller's parts; the message is published only after the commit, and again on a replay; a
 * conflicting part fails the issuance as a whole; the paper copy is part of the idempotency fingerprint.
 */

import { createHash } from 'node:crypto';
import { compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../../lambdas/domain/dispatch';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { findEmbeddedQrText } from '../../../lambdas/domain/signing/embedded-qr';
import { STATUS_LIST_SIZE } from '../../../lambdas/domain/status-list/status-list';
import { decodeEntry } from '../../../lambdas/domain/transparency/entries';
import { CommitConflict, type IssuanceCommit } from '../../../lambdas/ports/certificate-repository';
import type { OutboxMessage, TransactionPart } from '../../../lambdas/ports/transaction-parts';
import {
  type IssueCertificateInput,
  issuanceRequestHash,
  issueCertificate,
  pdfKey,
} from '../../../lambdas/use-cases/issue-certificate';
import { outboxMessage, RELAY_GRACE_MS } from '../../../lambdas/use-cases/outbox/message';
import {
  postalAddress as address,
  enterpriseFor,
  FakeCertificateRepository,
  FakeWorld,
  fakeIssuanceDeps,
  officer,
} from '../../support/fakes';

/** The register, recording each commit it was handed (refusing them all with `refuse`). */
class RecordingRegister extends FakeCertificateRepository {
  readonly commits: IssuanceCommit[] = [];
  refuse: CommitConflict | undefined;
  override async commitIssuance(commit: IssuanceCommit): Promise<void> {
    this.commits.push(commit);
    if (this.refuse) throw this.refuse;
    return super.commitIssuance(commit);
  }
}

function world(at = '2026-11-27T10:00:00+08:00') {
  const w = new FakeWorld({ at });
  const register = new RecordingRegister(w.table);
  /** For each publish: was the certificate committed by then? */
  const committedAtPublish: boolean[] = [];
  w.publisher.onPublish = () => committedAtPublish.push(register.commits.length > 0 && w.table.heads.size > 0);
  return {
    world: w,
    register,
    committedAtPublish,
    clock: w.clock,
    deps: fakeIssuanceDeps(w, { repository: register }),
  };
}

const input = (overrides: Partial<IssueCertificateInput> = {}): IssueCertificateInput => ({
  change: { kind: 'licence', enterprise: enterpriseFor(1), products: ['06-001'] },
  actor: officer,
  idempotencyKey: 'test:paper-copy-1',
  source: 'api',
  ...overrides,
});

const partsOf = (commit: IssuanceCommit | undefined) => commit?.parts ?? [];
const dispatchIn = (parts: readonly TransactionPart[]) =>
  (parts.find((p) => p.kind === 'dispatch-requested') as { dispatch: Dispatch } | undefined)?.dispatch;
const messageIn = (parts: readonly TransactionPart[]) =>
  (parts.find((p) => p.kind === 'outbox' && p.message.topic === 'dispatch') as { message: OutboxMessage } | undefined)
    ?.message;
/** The key of a version's transparency-log entry, as its outbox message is published (`log#…`). */
const logKeyOf = (certificate: { licenceNumber: { toUrlSafe(): string } }, version = 1) =>
  `log#issuance.${certificate.licenceNumber.toUrlSafe()}.v${version}`;
/** The key of an issuance's webhook event, as its outbox message is published (`webhooks#evt_…`). */
const webhookKeyOf = (certificate: { licenceNumber: { toUrlSafe(): string }; revision: number }) =>
  `webhooks#evt_${certificate.licenceNumber.toUrlSafe()}_r${certificate.revision}`;

describe('issueCertificate', () => {
  it('signs, draws, stores and commits a new licence on one instant, with its record and audit event', async () => {
    // Prepare
    const { world: w, register, clock, deps } = world();
    const at = clock.now().toISOString();

    // Act
    const result = await issueCertificate(deps, input());

    // Assess
    const { certificate, version } = result;
    expect(result.replayed).toBe(false);
    expect(certificate).toMatchObject({
      licenceNumber: LicenceNumber.parse('(鄂)XK06-001-00001'),
      version: 1,
      paperSerial: '20260000001',
    });
    expect(version).toMatchObject({
      licenceNo: certificate.licenceNumber,
      version: 1,
      signedAt: at,
      kid: w.signer.kid,
    });
    expect(version.issuedBy).toEqual(officer);
    // The QR is signed by the current key and verifies; the PDF carries it and is stored under its digest.
    const verified = await compactVerify(version.jws, await importJWK({ ...(await w.signer.publicJwk()) }, 'ES256'));
    expect(verified.protectedHeader.kid).toBe(w.signer.kid);
    expect(version.qrText.startsWith(`${w.settings.publicBaseUrl}/v/`)).toBe(true);
    expect(w.renderer.rendered.map((r) => r.qrText)).toEqual([version.qrText]);
    const pdf = await w.pdfs.get(version.pdf.key);
    expect(version.pdf.key).toBe(pdfKey(certificate.licenceNumber, 1, version.pdf.sha256));
    expect(pdf && findEmbeddedQrText(pdf)).toBe(version.qrText);
    // Committed: the head, the version, the idempotency record, the audit event.
    expect(await w.certificates.get(certificate.licenceNumber)).toEqual({
      certificate,
      currentVersion: 1,
      updatedAt: at,
    });
    expect(await w.certificates.getVersion(certificate.licenceNumber, 1)).toEqual(version);
    expect(await w.certificates.findIdempotency('test:paper-copy-1')).toEqual({
      key: 'test:paper-copy-1',
      requestHash: issuanceRequestHash(input()),
      licenceNo: certificate.licenceNumber,
      version: 1,
      at,
    });
    const [audit] = (await w.certificates.listAudit(certificate.licenceNumber, {})).items;
    expect(audit).toMatchObject({
      at,
      action: 'certificate.issued',
      actor: officer,
      details: { version: 1, paperSerial: certificate.paperSerial, source: 'api', sha256: version.pdf.sha256 },
    });
    expect(register.commits).toHaveLength(1);
    // The transparency-log entry: written in the same commit, announced to the sequencer after it.
    const pending = w.table.pendingLog.get(logKeyOf(certificate).slice('log#'.length));
    expect(pending && decodeEntry(pending.entry)).toEqual({
      type: 'issuance',
      licenceNumber: certificate.licenceNumber.toString(),
      version: 1,
      qrRecordSha256: createHash('sha256').update(version.jws).digest('hex'),
      pdfSha256: version.pdf.sha256,
      kid: version.kid,
      time: at,
    });
    expect(w.publisher.calls).toEqual([[logKeyOf(certificate), webhookKeyOf(certificate)]]);
  });

  it('replays the same request under the same key, without a second serial or signature', async () => {
    // Prepare
    const { world: w, deps, clock } = world();
    const first = await issueCertificate(deps, input());
    clock.advance({ minutes: 3 });

    // Act
    const replay = await issueCertificate(deps, input());

    // Assess
    expect(replay).toEqual({ ...first, replayed: true });
    expect(w.signer.signatures).toBe(1);
    expect(w.table.counters.get('PAPER#2026')).toBe(1);
  });

  it('refuses another request under a used key (409 IDEMPOTENCY_KEY_REUSED) and a malformed key (400)', async () => {
    // Prepare
    const { deps } = world();
    const first = await issueCertificate(deps, input());

    // Act
    const reused = await issueCertificate(deps, input({ source: 'batch' })).catch((e: unknown) => e);
    const malformed = await issueCertificate(deps, input({ idempotencyKey: 'short' })).catch((e: unknown) => e);

    // Assess
    expect(reused).toMatchObject({
      kind: 'conflict',
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: { licenceNo: first.certificate.licenceNumber.toString() },
    });
    expect(malformed).toMatchObject({ kind: 'invalid', code: 'IDEMPOTENCY_KEY_INVALID' });
  });

  it('adds products to the enterprise’s live licence as its next version, at the revision read', async () => {
    // Prepare
    const { world: w, deps } = world();
    const first = await issueCertificate(deps, input());
    w.clock.advance({ minutes: 5 });

    // Act
    const second = await issueCertificate(
      deps,
      input({
        idempotencyKey: 'test:add-products',
        change: { kind: 'licence', enterprise: enterpriseFor(1), products: ['16-204'] },
      }),
    );

    // Assess
    expect(second.certificate).toMatchObject({ licenceNumber: first.certificate.licenceNumber, version: 2 });
    expect(second.certificate.revision).toBe(first.certificate.revision + 1);
    expect((await w.certificates.get(first.certificate.licenceNumber))?.currentVersion).toBe(2);
    const [latest] = (await w.certificates.listAudit(first.certificate.licenceNumber, { limit: 1 })).items;
    expect(latest?.action).toBe('certificate.add-products');
  });

  it('retries a commit that lost a race, then gives up with 409 CONCURRENT_MODIFICATION', async () => {
    // Prepare
    const { register, deps } = world();
    register.refuse = new CommitConflict('revision');

    // Act
    const error = await issueCertificate(deps, input()).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'conflict', code: 'CONCURRENT_MODIFICATION' });
    expect(register.commits).toHaveLength(5);
    // Every attempt reused the serials reserved for its key.
    expect(new Set(register.commits.map((c) => c.certificate.paperSerial)).size).toBe(1);
  });

  it('reserves nothing and signs nothing for text the certificate cannot carry (400 TEXT_NOT_PRINTABLE)', async () => {
    // Prepare
    const { world: w, deps } = world();

    // Act
    const error = await issueCertificate(
      deps,
      input({
        change: {
          kind: 'licence',
          enterprise: enterpriseFor(1, { name: '武汉\u{E000}线缆有限公司' }),
          products: ['06-001'],
        },
      }),
    ).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'invalid', code: 'TEXT_NOT_PRINTABLE' });
    expect(w.table.counters.size).toBe(0);
    expect(w.signer.signatures).toBe(0);
    expect(w.certificatesBucket.objects.size).toBe(0);
  });
});

describe('issueCertificate with a paper copy', () => {
  it('commits the dispatch and its outbox message with the certificate, then publishes the message', async () => {
    // Prepare
    const { world: w, register, committedAtPublish, clock, deps } = world();
    const at = clock.now().toISOString();

    // Act
    const result = await issueCertificate(deps, input({ paperCopy: { address } }));

    // Assess
    const [commit] = register.commits;
    const dispatchId = `DSP-${result.version.paperSerial}`;
    expect(register.commits).toHaveLength(1);
    const dispatch = {
      id: dispatchId,
      licenceNo: result.certificate.licenceNumber,
      version: 1,
      paperSerial: result.version.paperSerial,
      uscc: result.certificate.enterprise.uscc,
      address,
      reason: 'issue',
      state: 'pending',
      requestedBy: officer.id,
      requestedAt: at,
    };
    expect(dispatchIn(partsOf(commit))).toMatchObject(dispatch);
    expect(await w.dispatches.get(dispatchId)).toMatchObject(dispatch);
    const message = {
      topic: 'dispatch',
      id: dispatchId,
      body: { dispatchId },
      createdAt: at,
      nextRelayAt: new Date(Date.parse(at) + RELAY_GRACE_MS).toISOString(),
    };
    expect(messageIn(partsOf(commit))).toEqual(message);
    expect(await w.outbox.get({ topic: 'dispatch', id: dispatchId })).toEqual({ ...message, relayCount: 0 });
    expect(result.version.signedAt).toBe(at);
    expect(w.publisher.sentKeys()).toEqual([
      logKeyOf(result.certificate),
      webhookKeyOf(result.certificate),
      `dispatch#${dispatchId}`,
    ]);
    expect(committedAtPublish).toEqual([true]);
  });

  it('adds the caller’s parts, built on the same issuance, after its own', async () => {
    // Prepare
    const { world: w, register, deps } = world();
    const seen: { licenceNo: string; version: number; paperSerial: string; at: string }[] = [];
    const own = outboxMessage('dispatch', 'DSP-CALLER-PART', { dispatchId: 'DSP-CALLER-PART' }, w.clock.now());

    // Act
    const result = await issueCertificate(
      deps,
      input({
        paperCopy: { address },
        parts: (issued) => {
          seen.push({ ...issued, licenceNo: issued.licenceNo.toString(), at: issued.at.toISOString() });
          return [{ kind: 'outbox', message: own }];
        },
      }),
    );

    // Assess
    expect(seen).toEqual([
      {
        licenceNo: result.certificate.licenceNumber.toString(),
        version: 1,
        paperSerial: result.version.paperSerial,
        at: result.version.signedAt,
      },
    ]);
    expect(partsOf(register.commits[0]).map((p) => p.kind)).toEqual([
      'log-entry',
      'webhook-event',
      'dispatch-requested',
      'outbox',
      'outbox',
    ]);
    expect(partsOf(register.commits[0])[4]).toEqual({ kind: 'outbox', message: own });
    expect(await w.outbox.get(own)).toBeDefined();
  });

  it('publishes again on a replay, and refuses the same key with another address', async () => {
    // Prepare
    const { world: w, deps } = world();
    const first = await issueCertificate(deps, input({ paperCopy: { address } }));
    const elsewhere = { ...address, postcode: '430000' };

    // Act
    const replay = await issueCertificate(deps, input({ paperCopy: { address } }));
    const reused = await issueCertificate(deps, input({ paperCopy: { address: elsewhere } })).catch((e: unknown) => e);

    // Assess
    expect(replay.replayed).toBe(true);
    expect(w.publisher.calls).toEqual([
      [logKeyOf(first.certificate), webhookKeyOf(first.certificate), `dispatch#DSP-${first.version.paperSerial}`],
      [`dispatch#DSP-${first.version.paperSerial}`],
    ]);
    expect(reused).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('a new version’s paper copy is mailed as such', async () => {
    // Prepare
    const { world: w, deps } = world();
    await issueCertificate(deps, input());

    // Act
    const second = await issueCertificate(
      deps,
      input({
        idempotencyKey: 'test:second-version',
        change: { kind: 'licence', enterprise: enterpriseFor(1), products: ['16-204'] },
        paperCopy: { address },
      }),
    );

    // Assess
    expect(await w.dispatches.get(`DSP-${second.version.paperSerial}`)).toMatchObject({
      version: 2,
      reason: 'new-version',
    });
  });

  it('publishes nothing and commits nothing when a part’s condition fails: 409 EXTRA_WRITE_CONFLICT', async () => {
    // Prepare: a message under the dispatch's id is already stored (the dispatch's part must be new)
    const { world: w, deps } = world();
    const taken = outboxMessage('dispatch', 'DSP-20260000001', { dispatchId: 'DSP-20260000001' }, w.clock.now());
    w.outbox.add(taken);

    // Act
    const error = await issueCertificate(deps, input({ paperCopy: { address } })).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'EXTRA_WRITE_CONFLICT' });
    expect(w.publisher.calls).toEqual([]);
    expect(w.table.heads.size).toBe(0);
    expect(w.table.dispatches.size).toBe(0);
  });

  it('writes no dispatch without a paper copy: only the log entry is written and announced', async () => {
    // Prepare
    const { world: w, register, deps } = world();

    // Act
    const { certificate } = await issueCertificate(deps, input());

    // Assess
    expect(partsOf(register.commits[0]).map((p) => p.kind)).toEqual(['log-entry', 'webhook-event']);
    expect(w.table.dispatches.size).toBe(0);
    expect(w.publisher.calls).toEqual([[logKeyOf(certificate), webhookKeyOf(certificate)]]);
  });

  it('a publish that fails does not fail the issuance: the message waits for the relay', async () => {
    // Prepare
    const { world: w, deps } = world();
    w.publisher.mode = 'down';

    // Act
    const result = await issueCertificate(deps, input({ paperCopy: { address } }));

    // Assess
    expect(result.replayed).toBe(false);
    expect(await w.outbox.get({ topic: 'dispatch', id: `DSP-${result.version.paperSerial}` })).toMatchObject({
      relayCount: 0,
    });
  });
});

describe('issueCertificate and the status list', () => {
  it('a new licence draws a slot and claims it in its commit; its next version keeps it', async () => {
    // Prepare
    const { world: w, register, deps } = world();

    // Act
    const first = await issueCertificate(deps, input());
    const second = await issueCertificate(
      deps,
      input({
        idempotencyKey: 'test:status-slot-2',
        change: { kind: 'licence', enterprise: enterpriseFor(1), products: ['16-204'] },
      }),
    );

    // Assess
    const slot = first.certificate.statusListIndex as number;
    expect(Number.isInteger(slot) && slot >= 0 && slot < STATUS_LIST_SIZE).toBe(true);
    expect(register.commits[0]?.statusSlot).toBe(slot);
    expect(w.table.statusSlots.get(slot)?.equals(first.certificate.licenceNumber)).toBe(true);
    expect(second.version.version).toBe(2);
    expect(second.certificate.statusListIndex).toBe(slot);
    expect(register.commits[1]?.statusSlot).toBeUndefined();
  });

  it('a slot taken meanwhile is drawn again: one licence, one slot', async () => {
    // Prepare: the first commit finds its slot taken
    const { world: w, register, deps } = world();
    register.refuse = new CommitConflict('slot');
    const refuseOnce = register.commitIssuance.bind(register);
    register.commitIssuance = async (commit) => {
      try {
        return await refuseOnce(commit);
      } finally {
        register.refuse = undefined;
      }
    };

    // Act
    const { certificate } = await issueCertificate(deps, input());

    // Assess
    expect(register.commits).toHaveLength(2);
    expect(register.commits[1]?.statusSlot).toBe(certificate.statusListIndex);
    expect([...w.table.statusSlots.values()].map(String)).toEqual([certificate.licenceNumber.toString()]);
  });
});

describe('issueCertificate and the PDF signature', () => {
  it('a retried attempt signs again (another file); only the committed file is recorded, served and replayed', async () => {
    // Prepare: the first commit loses a race, the second attempt commits
    const { world: w, register, deps } = world();
    register.refuse = new CommitConflict('revision');
    const original = register.commitIssuance.bind(register);
    register.commitIssuance = async (commit) => {
      const refused = register.commits.length === 0;
      if (!refused) register.refuse = undefined;
      return original(commit);
    };
    // Act
    const first = await issueCertificate(deps, input());
    const replay = await issueCertificate(deps, input());
    // Assess: two attempts, two different signed files stored; the committed one everywhere
    const [lost, won] = register.commits.map((c) => c.version.pdf) as [StoredPdfRef, StoredPdfRef];
    expect(lost.sha256).not.toBe(won.sha256);
    expect(w.sealer.sealed).toBe(2);
    expect(first.version.pdf).toEqual({ ...won, pades: 'B-T' });
    expect(replay).toMatchObject({ replayed: true, version: { pdf: first.version.pdf } });
    const pending = w.table.pendingLog.get(logKeyOf(first.certificate).slice('log#'.length));
    expect(pending && decodeEntry(pending.entry)).toMatchObject({ pdfSha256: won.sha256 });
  });

  it('a TSA outage issues B-B and asks for the timestamp in the same commit; no certificate issues unsigned', async () => {
    // Prepare
    const { world: w, register, deps } = world();
    w.sealer.tsa = 'down';
    // Act
    const pending = await issueCertificate(deps, input());
    w.sealer.tsa = 'up';
    w.sealer.certificate = false;
    const unsigned = await issueCertificate(
      deps,
      input({
        idempotencyKey: 'test:unsigned-1',
        change: { kind: 'licence', enterprise: enterpriseFor(2), products: ['06-001'] },
      }),
    );
    // Assess
    expect(pending.version.pdf.pades).toBe('B-B');
    const request = partsOf(register.commits[0]).find(
      (p) => p.kind === 'outbox' && p.message.topic === 'pdfTimestamps',
    );
    expect(request).toMatchObject({
      message: {
        id: `pdfts.${pending.version.licenceNo.toUrlSafe()}.v1`,
        body: { licenceNo: pending.version.licenceNo.toString(), version: 1 },
      },
    });
    expect(w.publisher.calls[0]).toContain(`pdfTimestamps#${(request as { message: OutboxMessage }).message.id}`);
    expect(unsigned.version.pdf.pades).toBeUndefined();
    expect(partsOf(register.commits[1]).some((p) => p.kind === 'outbox' && p.message.topic === 'pdfTimestamps')).toBe(
      false,
    );
  });
});

type StoredPdfRef = { readonly key: string; readonly sha256: string; readonly size: number };
