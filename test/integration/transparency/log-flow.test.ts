/**
 * The transparency log through the local runtime: issuances, a status change and a paper reissue write their
 * entries with their own transactions; the sequencer integrates them in order, exactly once (also when several run at
 * once, and after a crash between sequencing and publishing), publishes a signed checkpoint and tiles that the public
 * route serves; verification answers carry an inclusion proof that checks against that checkpoint with the published
 * key alone. The sequencer is run on demand (pollers off) and time comes from a manual clock.
 */
import { createPublicKey, verify } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { decisionDeps } from '../../../lambdas/composition/decisions';
import { outboxStore, relayDeps } from '../../../lambdas/composition/outbox';
import { backfillTransparencyLog, logStore, sequencerDeps } from '../../../lambdas/composition/transparency-log';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { type NoteVerifier, openCheckpoint, parseVerifierKey } from '../../../lambdas/domain/transparency/checkpoint';
import { decodeEntry, type LogEntry } from '../../../lambdas/domain/transparency/entries';
import { leafHash, verifyInclusion } from '../../../lambdas/domain/transparency/merkle';
import { entryBundlePath, tilePath, tilesForTreeSize, verifyTiles } from '../../../lambdas/domain/transparency/tiles';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { config } from '../../../lambdas/shared/config';
import { reissuePaper } from '../../../lambdas/use-cases/applications/reissue-paper';
import { RELAY_GRACE_MS } from '../../../lambdas/use-cases/outbox/message';
import { relayOutbox } from '../../../lambdas/use-cases/outbox/relay';
import { integrateLog } from '../../../lambdas/use-cases/transparency/sequencer';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
const clock = new ManualClock(new Date('2026-12-05T02:00:00.000Z'));
const integrate = () => integrateLog(sequencerDeps({ clock }));

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false, overrides: { clock } });
});
afterAll(() => runtime?.stop());

async function issue(seed: number): Promise<CertificateJson> {
  const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed })) });
  expect(res.status).toBe(201);
  return readJson(res);
}

async function suspend(licence: string): Promise<void> {
  const res = await runtime.request(`/v1/certificates/${licence}/status`, {
    as: 'officer',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      action: 'suspend',
      publicReason: '责令整改',
      legalBasis: '《工业产品生产许可证管理条例》第四十五条',
    }),
  });
  expect(res.status).toBe(200);
}

/** A paper reissue (补领) of the licence's current version, as an approved reissue application makes it. */
async function reissue(licence: string): Promise<string> {
  const deps = decisionDeps({ clock });
  const { print } = await reissuePaper(
    { ...(await deps.issuance()), reprints: deps.reprints, clock },
    {
      licenceNo: LicenceNumber.parse(licence),
      actor: { type: 'user', id: 'officer-demo', role: 'officer' },
      idempotencyKey: `reissue-${licence}`,
      source: 'test',
    },
  );
  return print.paperSerial;
}

async function logKey(): Promise<NoteVerifier> {
  const res = await runtime.request('/.well-known/transparency-log-key');
  expect(res.status).toBe(200);
  const { name, keyId, publicKey } = parseVerifierKey(await res.text());
  const key = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]),
    format: 'der',
    type: 'spki',
  });
  return { name, keyId, verify: (m, s) => verify(null, m, key, s) };
}

async function fetchBytes(path: string): Promise<Uint8Array | undefined> {
  const res = await runtime.request(`/log/${path}`);
  if (res.status === 404) return undefined;
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** Every entry of the published log, read through the public route and checked against the signed checkpoint. */
async function publishedLog(): Promise<{ entries: LogEntry[]; treeSize: number }> {
  const verifier = await logKey();
  const note = new TextDecoder().decode(await fetchBytes('checkpoint'));
  const { checkpoint } = openCheckpoint(note, verifier.name, [verifier]);
  const resources = new Map<string, Uint8Array>();
  for (const t of tilesForTreeSize(checkpoint.treeSize)) {
    for (const path of t.level === 0 ? [tilePath(t), entryBundlePath(t)] : [tilePath(t)]) {
      const bytes = await fetchBytes(path);
      if (bytes) resources.set(path, bytes);
    }
  }
  verifyTiles(checkpoint.treeSize, checkpoint.root, (p) => resources.get(p), leafHash);
  const entries = tilesForTreeSize(checkpoint.treeSize)
    .filter((t) => t.level === 0)
    .flatMap((t) => {
      const bundle = resources.get(entryBundlePath(t)) as Uint8Array;
      const out: LogEntry[] = [];
      for (let at = 0; at < bundle.length; ) {
        const length = ((bundle[at] as number) << 8) | (bundle[at + 1] as number);
        out.push(decodeEntry(bundle.slice(at + 2, at + 2 + length)));
        at += 2 + length;
      }
      return out;
    });
  return { entries, treeSize: checkpoint.treeSize };
}

describe('the transparency log', () => {
  test('issue, suspend and reissue: the log grows by exactly those entries, in order, and the public copy verifies', async () => {
    // Prepare
    await integrate();
    const before = (await publishedLog()).treeSize;
    // Each event a second after the one before (events within one millisecond are ordered by their keys).
    const a = await issue(9101);
    clock.advance({ ms: 1_000 });
    const b = await issue(9102);
    clock.advance({ ms: 1_000 });
    await suspend(a.licenceNoUrlSafe);
    clock.advance({ ms: 1_000 });
    const serial = await reissue(b.licenceNoUrlSafe);

    // Act
    const first = await integrate();
    const again = await integrate();
    const { entries, treeSize } = await publishedLog();

    // Assess
    expect(first.integrated).toBe(4);
    expect(again.integrated).toBe(0);
    expect(treeSize).toBe(before + 4);
    expect(entries.slice(before).map((e) => [e.type, e.licenceNumber])).toEqual([
      ['issuance', a.licenceNo],
      ['issuance', b.licenceNo],
      ['status-change', a.licenceNo],
      ['paper-reissue', b.licenceNo],
    ]);
    expect(entries[before + 2]).toMatchObject({ from: 'valid', to: 'suspended' });
    expect(entries[before + 3]).toMatchObject({ version: 1, paperSerial: serial });
  });

  test('a verification answer carries an inclusion proof that checks against the signed checkpoint', async () => {
    // Prepare
    const cert = await issue(9103);
    const qr = (cert as { qr: { text: string } }).qr.text;
    const verifyJson = async () => {
      const res = await runtime.request('/v1/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ qr }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { verdict: string; log?: Record<string, unknown> };
    };

    // Act
    const pending = await verifyJson();
    await integrate();
    clock.advance({ ms: 3_000 }); // past the verify function's checkpoint cache
    const included = await verifyJson();
    const verifier = await logKey();

    // Assess
    expect(pending).toMatchObject({ verdict: 'valid', log: { state: 'pending' } });
    expect(included).toMatchObject({ verdict: 'valid', log: { state: 'included' } });
    const log = included.log as { index: number; entry: string; proof: string[]; checkpoint: string };
    const { checkpoint } = openCheckpoint(log.checkpoint, verifier.name, [verifier]);
    const entry = new Uint8Array(Buffer.from(log.entry, 'base64'));
    expect(decodeEntry(entry)).toMatchObject({ type: 'issuance', licenceNumber: cert.licenceNo, version: 1 });
    expect(() =>
      verifyInclusion({
        index: log.index,
        treeSize: checkpoint.treeSize,
        leafHash: leafHash(entry),
        proof: log.proof.map((p) => new Uint8Array(Buffer.from(p, 'base64'))),
        root: checkpoint.root,
      }),
    ).not.toThrow();
  });

  test('a version still missing from the log a minute after issuance cannot be confirmed', async () => {
    // Prepare: an issuance whose entry the sequencer has not integrated
    const cert = await issue(9104);
    const qr = (cert as { qr: { text: string } }).qr.text;
    clock.advance({ ms: 61_000 });

    // Act
    const res = await runtime.request('/v1/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ qr }),
    });
    const body = (await res.json()) as { verdict: string; log?: { state: string } };
    await integrate();

    // Assess
    expect(body.verdict).toBe('cannot-confirm');
    expect(body.log?.state).toBe('missing');
  });

  test('sequencers running at once integrate every entry exactly once', async () => {
    // Prepare
    await integrate();
    const before = (await publishedLog()).treeSize;
    const issued = [];
    for (let i = 0; i < 12; i++) issued.push(await issue(9200 + i));

    // Act
    const runs = await Promise.all([integrate(), integrate(), integrate()]);
    const { entries, treeSize } = await publishedLog();

    // Assess
    expect(runs.reduce((n, r) => n + r.integrated, 0)).toBe(12);
    expect(treeSize).toBe(before + 12);
    expect(new Set(entries.slice(before).map((e) => e.licenceNumber))).toEqual(new Set(issued.map((c) => c.licenceNo)));
  });

  test('after a crash between sequencing and publishing, the next run publishes from the published checkpoint', async () => {
    // Prepare: sequence pending entries by hand, as a sequencer that then died would have
    await integrate();
    const store = logStore();
    await issue(9301);
    await issue(9302);
    const head = await store.head();
    const pending = await store.pending(10);
    expect(await store.sequence(pending, head.sequenced, clock.now())).toBe(true);

    // Act
    const run = await integrate();
    const { treeSize } = await publishedLog();

    // Assess
    expect(run.integrated).toBe(0);
    expect(treeSize).toBe(head.sequenced + 2);
  });

  test('unknown indices and malformed tile paths are 404', async () => {
    for (const path of ['tile/0/999', 'tile/00/000', 'tile/entries/x000/001', 'checkpoints', '..%2Fcheckpoint']) {
      const res = await runtime.request(`/log/${path}`);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('LOG_RESOURCE_NOT_FOUND');
    }
  });

  test('the backfill logs certificates issued before the log, once, in issue order', async () => {
    // Prepare: two certificates whose entries never existed (issued "before the log"), and a log whose backfill is
    // not recorded as done
    await integrate();
    const before = (await publishedLog()).treeSize;
    const older = await issue(9401);
    clock.advance({ ms: 1_000 });
    const newer = await issue(9402);
    const table = config().tableName;
    for (const cert of [newer, older]) {
      const key = `issuance.${cert.licenceNoUrlSafe}.v1`;
      const pending = (await logStore().pending(100)).find((p) => p.key === key);
      await dynamoClient().send(
        new DeleteCommand({ TableName: table, Key: { pk: 'TLOG#PENDING', sk: `${pending?.at}#${key}` } }),
      );
    }
    await dynamoClient().send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: 'TLOG#HEAD', sk: '#HEAD' },
        UpdateExpression: 'REMOVE backfilledAt',
      }),
    );

    // Act
    const first = await backfillTransparencyLog();
    await integrate();
    const again = await backfillTransparencyLog();
    const { entries, treeSize } = await publishedLog();

    // Assess: every earlier certificate was already logged, these two are added, in issue order; the second run skips
    expect(first).toMatchObject({ added: 2, skipped: false });
    expect(first.versions).toBeGreaterThan(2);
    expect(again).toEqual({ versions: 0, added: 0, skipped: true });
    expect(treeSize).toBe(before + 2);
    expect(entries.slice(before).map((e) => e.licenceNumber)).toEqual([older.licenceNo, newer.licenceNo]);
  });

  test('a mirrored tile that no longer hashes to the published checkpoint stops the sequencer: it never forks', async () => {
    // Prepare: a published log with a partial right edge, one of whose mirrored tiles is then altered
    await integrate();
    await issue(9501);
    await integrate();
    const head = await logStore().head();
    const size = head.checkpoint?.treeSize ?? 0;
    const edge = { level: 0, index: Math.floor(size / 256), width: size % 256 };
    const table = config().tableName;
    const key = { pk: 'TLOG#TILE#0', sk: String(edge.index).padStart(12, '0') };
    const stored = await logStore().tiles([edge]);
    const tampered = new Uint8Array(stored.get(tilePath(edge)) as Uint8Array);
    tampered[0] = (tampered[0] as number) ^ 1;
    await dynamoClient().send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET hashes = :h',
        ExpressionAttributeValues: { ':h': tampered },
      }),
    );
    await issue(9502);

    // Act
    const error = await integrate().catch((e: unknown) => e);
    const after = await logStore().head();

    // Assess: nothing published past the checkpoint the tiles no longer match
    expect(String(error)).toMatch(/refusing to fork/);
    expect(after.checkpoint?.treeSize).toBe(size);
    // Mend the mirror (the tiles are re-derivable from the public copy) and the sequencer goes on
    await dynamoClient().send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET hashes = :h',
        ExpressionAttributeValues: { ':h': stored.get(tilePath(edge)) },
      }),
    );
    await integrate();
    expect((await logStore().head()).checkpoint?.treeSize).toBe(size + 1);
  });

  test('a pending entry is its own outbox message: the relay re-sends it until the sequencer integrates it', async () => {
    // Prepare: an issuance whose wake-up never reached the sequencer (no poller here), two minutes on
    await integrate();
    const cert = await issue(9601);
    const key = `issuance.${cert.licenceNoUrlSafe}.v1`;
    clock.advance({ ms: RELAY_GRACE_MS + 1_000 });

    // Act
    const relayed = await relayOutbox(relayDeps({ clock }));
    const message = (await logStore().pending(100)).find((p) => p.key === key);
    await integrate();
    clock.advance({ minutes: 5 });
    // What the relay would re-send now, of the log's topic (the status list's messages of this file's status changes
    // wait for their own consumer, which no poller runs here)
    const after = (await outboxStore().dueForRelay(clock.now(), 100)).filter((m) => m.topic === 'log');

    // Assess
    expect(relayed.sent).toBeGreaterThanOrEqual(1);
    expect(message).toBeDefined();
    expect(await logStore().locate(key)).toBeDefined();
    expect(after).toEqual([]);
  });
});
