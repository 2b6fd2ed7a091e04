/**
 * versionInclusion: a version's issuance entry in the log, with a proof that checks against the signed checkpoint;
 * pending for a minute after issuance, then missing (and reported); missing too when the logged entry records another
 * version; unavailable (never thrown) when the log cannot be read.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../lambdas/adapters/clock/manual-clock';
import { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { openCheckpoint } from '../../../../lambdas/domain/transparency/checkpoint';
import type { IssuanceEntry } from '../../../../lambdas/domain/transparency/entries';
import { leafHash, verifyInclusion } from '../../../../lambdas/domain/transparency/merkle';
import { versionInclusion } from '../../../../lambdas/use-cases/transparency/inclusion';
import { issuanceEntryKey } from '../../../../lambdas/use-cases/transparency/log-entries';
import { memoryLog, TEST_LOG_ORIGIN } from '../../../support/memory-log';

const licenceNo = LicenceNumber.parse('42-XK13-001-00007');
const jws = 'eyJhbGciOiJFUzI1NiJ9.eyJsaWMiOiIoOChXSyl9.c2ln';
const issuedAt = '2026-12-05T01:00:00.000Z';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const issuance = (n: number, over: Partial<IssuanceEntry> = {}): IssuanceEntry => ({
  type: 'issuance',
  licenceNumber: LicenceNumber.parse(`42-XK13-001-${String(n).padStart(5, '0')}`).toString(),
  version: 1,
  qrRecordSha256: sha(`jws-${n}`),
  pdfSha256: sha(`pdf-${n}`),
  kid: 'kid-1',
  time: issuedAt,
  ...over,
});

/** A log of 300 entries (two level-0 tiles) whose entry 270 is this version's issuance. */
async function world(options: { published?: number; entry?: Partial<IssuanceEntry> } = {}) {
  const entries = Array.from({ length: 300 }, (_, i) => issuance(i + 1));
  entries[270] = issuance(7, { qrRecordSha256: sha(jws), ...options.entry });
  const keys = entries.map((_, i) => (i === 270 ? issuanceEntryKey(licenceNo, 1) : `other-${i}`));
  const log = await memoryLog(entries, { keys, ...(options.published ? { published: options.published } : {}) });
  const clock = new ManualClock(new Date('2026-12-05T01:00:10.000Z'));
  const missing: { key: string; why: string }[] = [];
  const reader = log.reader();
  const deps = {
    log: reader,
    clock,
    answers: new Map(),
    onMissing: (d: { key: string; why: string }) => missing.push(d),
  };
  return { log, clock, missing, reader, deps };
}

const version = { licenceNo, version: 1, jws, issuedAt };

describe('versionInclusion', () => {
  test('an integrated version: its entry, index and a proof that checks against the signed checkpoint alone', async () => {
    // Prepare
    const { log, deps } = await world();

    // Act
    const inclusion = await versionInclusion(deps, version);

    // Assess
    expect(inclusion).toMatchObject({ state: 'included', index: 270, treeSize: 300 });
    if (inclusion.state !== 'included') throw new Error('not included');
    expect(inclusion.text.en).toBe('Recorded in the public transparency log (#270).');
    const { checkpoint } = openCheckpoint(inclusion.checkpoint, TEST_LOG_ORIGIN, [log.verifier]);
    const entry = new Uint8Array(Buffer.from(inclusion.entry, 'base64'));
    expect(
      verifyInclusion({
        index: inclusion.index,
        treeSize: checkpoint.treeSize,
        leafHash: leafHash(entry),
        proof: inclusion.proof.map((p) => new Uint8Array(Buffer.from(p, 'base64'))),
        root: checkpoint.root,
      }),
    ).toMatchObject({ index: 270, treeSize: 300 });
  });

  test('an answer once made is served from the cache: the tiles are read once per checkpoint', async () => {
    // Prepare
    const { deps, reader } = await world();

    // Act
    const first = await versionInclusion(deps, version);
    const second = await versionInclusion(deps, version);

    // Assess
    expect(second).toEqual(first);
    expect(reader.calls.tiles).toBe(1);
    expect(reader.calls.locate).toBe(1);
  });

  test('not yet in a checkpoint: pending for a minute after issuance, then missing and reported', async () => {
    // Prepare: the checkpoint covers only the first 200 entries
    const { clock, deps, missing } = await world({ published: 200 });

    // Act
    const early = await versionInclusion(deps, version);
    clock.set(new Date(Date.parse(issuedAt) + 60_000));
    const late = await versionInclusion(deps, version);

    // Assess
    expect(early.state).toBe('pending');
    expect(late.state).toBe('missing');
    expect(missing).toEqual([{ key: 'issuance.42-XK13-001-00007.v1', why: expect.stringContaining('a minute') }]);
  });

  test.each([
    ['another signed record', { qrRecordSha256: sha('another jws') }],
    ['another version', { version: 2 }],
  ])('a logged entry recording %s is missing, whatever the time', async (_label, entry) => {
    // Prepare
    const { deps, missing } = await world({ entry });

    // Act
    const inclusion = await versionInclusion(deps, version);

    // Assess
    expect(inclusion.state).toBe('missing');
    expect(missing[0]?.why).toMatch(/does not record/);
  });

  test('a log that cannot be read is unavailable, never an error', async () => {
    // Prepare
    const { deps } = await world();
    const errors: unknown[] = [];
    const broken = {
      ...deps,
      log: { ...deps.log, head: () => Promise.reject(new Error('table down')) },
      onError: (e: unknown) => errors.push(e),
    };

    // Act
    const inclusion = await versionInclusion(broken, version);

    // Assess
    expect(inclusion.state).toBe('unavailable');
    expect(errors).toHaveLength(1);
  });
});
