/**
 * issueCertificate owns paper copies through its ports (in-memory, no network): the dispatch and its outbox message
 * ride the certificate's own transaction with the caller's parts, on the issuance's one instant; the message is
 * published only after the commit, and again on a replay; a conflicting part fails the issuance as a whole; the paper
 * copy is part of the idempotency fingerprint.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { createNodeSigner } from '../../../lambdas/adapters/signing/node-signer';
import type { Dispatch } from '../../../lambdas/domain/dispatch';
import type { IssuedVersion } from '../../../lambdas/domain/issued-version';
import type { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { parsePostalAddress } from '../../../lambdas/domain/postal-address';
import {
  type CertificateRepository,
  CommitConflict,
  type IdempotencyRecord,
  type IssuanceCommit,
  type SerialReservation,
} from '../../../lambdas/ports/certificate-repository';
import type { OutboxPublisher } from '../../../lambdas/ports/outbox-publisher';
import type { OutboxMessage, TransactionPart } from '../../../lambdas/ports/transaction-parts';
import {
  type IssuanceDeps,
  type IssueCertificateInput,
  issueCertificate,
} from '../../../lambdas/use-cases/issue-certificate';
import { RELAY_GRACE_MS } from '../../../lambdas/use-cases/outbox/message';
import { catalogue, enterpriseInput, officer } from '../domain/support/builders';

const address = parsePostalAddress(
  { recipient: '张三', phone: '138 1234 5678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' },
  'paperCopy.address',
);

/** The register in memory: what issuance reads and the commits it made (or refused, with `refuse`). */
class MemoryRegister {
  readonly commits: IssuanceCommit[] = [];
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly versions = new Map<string, IssuedVersion>();
  refuse: CommitConflict | undefined;
  #paper = 0;
  readonly repository = {
    findIdempotency: async (key: string) => this.idempotency.get(key),
    guardOf: async () => undefined,
    get: async () => undefined,
    getVersion: async (licenceNo: LicenceNumber, version: number) => this.versions.get(`${licenceNo}#${version}`),
    reserveSerials: async (): Promise<SerialReservation> => {
      this.#paper++;
      return {
        paperSerial: `2026${String(this.#paper).padStart(7, '0')}`,
        licenceSerial: { sequenceKey: '06-001', serial: this.#paper },
      };
    },
    commitIssuance: async (commit: IssuanceCommit) => {
      if (this.refuse) throw this.refuse;
      this.commits.push(commit);
      this.idempotency.set(commit.idempotency.key, commit.idempotency);
      this.versions.set(`${commit.version.licenceNo}#${commit.version.version}`, commit.version);
    },
  } as unknown as CertificateRepository;
}

function recordingPublisher(register: MemoryRegister) {
  const published: { messages: string[]; commitsBefore: number }[] = [];
  const publisher: OutboxPublisher = {
    async publish(messages) {
      published.push({ messages: messages.map((m) => `${m.topic}#${m.id}`), commitsBefore: register.commits.length });
      return { failed: [] };
    },
  };
  return { publisher, published };
}

async function world(at = '2026-11-27T10:00:00+08:00') {
  const register = new MemoryRegister();
  const { publisher, published } = recordingPublisher(register);
  const clock = new ManualClock(at);
  const signer = await createNodeSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  const deps: IssuanceDeps = {
    repository: register.repository,
    pdfs: {
      put: async (key, bytes) => ({ key, sha256: key.slice(-68, -4), size: bytes.length }),
      get: async () => undefined,
      presignDownload: async () => 'https://example.invalid',
    },
    signer: async () => signer,
    renderer: { check: () => undefined, render: async () => new Uint8Array([37, 80, 68, 70]) },
    catalogue,
    clock,
    settings: {
      province: '鄂',
      issuingAuthority: '湖北省市场监督管理局',
      publicBaseUrl: 'https://permit.example.gov.cn',
    },
    publisher,
  };
  return { register, published, clock, deps };
}

const input = (overrides: Partial<IssueCertificateInput> = {}): IssueCertificateInput => ({
  change: { kind: 'licence', enterprise: enterpriseInput(), products: ['06-001'] },
  actor: officer,
  idempotencyKey: 'test:paper-copy-1',
  source: 'api',
  ...overrides,
});

const partsOf = (commit: IssuanceCommit | undefined) => commit?.parts ?? [];
const dispatchIn = (parts: readonly TransactionPart[]) =>
  (parts.find((p) => p.kind === 'dispatch-requested') as { dispatch: Dispatch } | undefined)?.dispatch;
const messageIn = (parts: readonly TransactionPart[]) =>
  (parts.find((p) => p.kind === 'outbox') as { message: OutboxMessage } | undefined)?.message;

describe('issueCertificate with a paper copy', () => {
  it('commits the dispatch and its outbox message with the certificate, then publishes the message', async () => {
    // Prepare
    const { register, published, clock, deps } = await world();
    const at = clock.now().toISOString();

    // Act
    const result = await issueCertificate(deps, input({ paperCopy: { address } }));

    // Assess
    const [commit] = register.commits;
    const dispatchId = `DSP-${result.version.paperSerial}`;
    expect(register.commits).toHaveLength(1);
    expect(dispatchIn(partsOf(commit))).toMatchObject({
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
    });
    expect(messageIn(partsOf(commit))).toEqual({
      topic: 'dispatch',
      id: dispatchId,
      body: { dispatchId },
      createdAt: at,
      nextRelayAt: new Date(Date.parse(at) + RELAY_GRACE_MS).toISOString(),
    });
    expect(result.version.signedAt).toBe(at);
    expect(published).toEqual([{ messages: [`dispatch#${dispatchId}`], commitsBefore: 1 }]);
  });

  it('adds the caller’s parts, built on the same issuance, after its own', async () => {
    // Prepare
    const { register, deps } = await world();
    const seen: { licenceNo: LicenceNumber; version: number; paperSerial: string; at: string }[] = [];

    // Act
    const result = await issueCertificate(
      deps,
      input({
        paperCopy: { address },
        parts: (issued) => {
          seen.push({ ...issued, at: issued.at.toISOString() });
          return [];
        },
      }),
    );

    // Assess
    expect(seen).toEqual([
      {
        licenceNo: result.certificate.licenceNumber,
        version: 1,
        paperSerial: result.version.paperSerial,
        at: result.version.signedAt,
      },
    ]);
    expect(partsOf(register.commits[0]).map((p) => p.kind)).toEqual(['dispatch-requested', 'outbox']);
  });

  it('publishes again on a replay, and refuses the same key with another address', async () => {
    // Prepare
    const { published, deps } = await world();
    const first = await issueCertificate(deps, input({ paperCopy: { address } }));
    const elsewhere = { ...address, postcode: '430000' };

    // Act
    const replay = await issueCertificate(deps, input({ paperCopy: { address } }));
    const reused = await issueCertificate(deps, input({ paperCopy: { address: elsewhere } })).catch((e: unknown) => e);

    // Assess
    expect(replay.replayed).toBe(true);
    expect(published.map((p) => p.messages)).toEqual([
      [`dispatch#DSP-${first.version.paperSerial}`],
      [`dispatch#DSP-${first.version.paperSerial}`],
    ]);
    expect(reused).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('publishes nothing when a part’s condition fails: 409 EXTRA_WRITE_CONFLICT', async () => {
    // Prepare
    const { register, published, deps } = await world();
    register.refuse = new CommitConflict('part');

    // Act
    const error = await issueCertificate(deps, input({ paperCopy: { address } })).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'EXTRA_WRITE_CONFLICT' });
    expect(published).toEqual([]);
  });

  it('writes no dispatch and publishes nothing without a paper copy', async () => {
    // Prepare
    const { register, published, deps } = await world();

    // Act
    await issueCertificate(deps, input());

    // Assess
    expect(partsOf(register.commits[0])).toEqual([]);
    expect(published).toEqual([]);
  });
});
