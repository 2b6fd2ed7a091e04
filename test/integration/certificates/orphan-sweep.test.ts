/**
 * PDFs left in S3 by a crash between the upload and the commit, against the emulators with the real adapters: the
 * orphan is never reachable (no download, no file or QR verification points at it); the scheduled sweep keeps it
 * while it is younger than an hour by the injected clock and deletes it after, keeps every committed PDF, never
 * touches a key of another shape, pages through the listing, and a second run changes nothing. (The emulator stamps
 * objects with real time, so "fresh" and "old" are the same orphan seen from two clocks, an hour apart.)
 */
import { randomBytes } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { S3SweepStore } from '../../../lambdas/adapters/s3/sweep-store';
import { issuanceDeps } from '../../../lambdas/composition/issuance';
import { certificateRepository } from '../../../lambdas/composition/storage';
import { sweepDeps } from '../../../lambdas/composition/sweep';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { functions } from '../../../lambdas/functions';
import { s3Client } from '../../../lambdas/shared/clients';
import { config } from '../../../lambdas/shared/config';
import { type IssuanceDeps, issueCertificate } from '../../../lambdas/use-cases/issue-certificate';
import { type SweepDeps, sweepOrphanPdfs } from '../../../lambdas/use-cases/sweep-orphan-pdfs';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { verifyPath, verifySubmission } from '../verification/support';

let runtime: TestRuntime;

beforeAll(async () => {
  // Timers an hour apart: nothing runs by itself during the test; the sweep is run on demand.
  runtime = await startTestRuntime({ schedules: { intervalMs: 3_600_000 } });
});
afterAll(() => runtime?.stop());

const bucket = () => config().certificatesBucket;

async function keysInBucket(): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const out = await s3Client().send(
      new ListObjectsV2Command({ Bucket: bucket(), ...(token ? { ContinuationToken: token } : {}) }),
    );
    keys.push(...(out.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** Issue through the real use case, but crash after the PDF is stored and before the commit. */
async function crashBeforeCommit(seed: number): Promise<{ key: string; qrText: string; licenceNo: LicenceNumber }> {
  const deps = await issuanceDeps();
  let seen: { key: string; qrText: string; licenceNo: LicenceNumber } | undefined;
  const crashing: IssuanceDeps = {
    ...deps,
    repository: {
      ...deps.repository,
      get: (l) => deps.repository.get(l),
      guardOf: (u) => deps.repository.guardOf(u),
      findIdempotency: (k) => deps.repository.findIdempotency(k),
      findIdempotencyState: (k) => deps.repository.findIdempotencyState(k),
      reserveSerials: (k, n, hint) => deps.repository.reserveSerials(k, n, hint),
      commitIssuance: async (commit) => {
        seen = { key: commit.version.pdf.key, qrText: commit.version.qrText, licenceNo: commit.version.licenceNo };
        throw new Error('injected crash between the upload and the commit');
      },
    },
  };
  const body = issueBody({ seed });
  await expect(
    issueCertificate(crashing, {
      change: { kind: 'licence', enterprise: body.enterprise, products: body.products },
      actor: { type: 'user', id: 'officer-1', role: 'officer' },
      idempotencyKey: `orphan:${seed}:${Date.now()}`,
      source: 'test',
    }),
  ).rejects.toThrow('injected crash');
  if (!seen) throw new Error('the issuance never reached its commit');
  return seen;
}

/** The sweep's own wiring, on a clock `minutes` after now. */
const sweepAt = (minutes: number, overrides: Partial<SweepDeps> = {}): SweepDeps => ({
  ...sweepDeps(),
  clock: new ManualClock(new Date(Date.now() + minutes * 60_000)),
  ...overrides,
});

describe('a PDF left behind by a crash between the upload and the commit', () => {
  let orphan: { key: string; qrText: string; licenceNo: LicenceNumber };
  let committed: CertificateJson;
  let committedKey: string;

  beforeAll(async () => {
    const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed: 901 })) });
    expect(res.status).toBe(201);
    committed = await readJson<CertificateJson>(res);
    committedKey = (await certificateRepository().getVersion(LicenceNumber.parse(committed.licenceNo), 1))?.pdf
      .key as string;
    orphan = await crashBeforeCommit(902);
  });

  test('is stored but never reachable: no download, and neither the file nor its QR verifies', async () => {
    // Prepare
    const bytes = await (
      await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: orphan.key }))
    ).Body?.transformToByteArray();
    const lic = orphan.key.split('/')[1] as string;

    // Act
    const download = await runtime.request(`/v1/certificates/${lic}/pdf`, { as: 'officer', redirect: 'manual' });
    const byFile = await verifySubmission(runtime, bytes as Uint8Array);
    const byQr = await verifyPath(runtime, new URL(orphan.qrText).pathname);
    const byQrText = await verifySubmission(runtime, { qr: orphan.qrText });

    // Assess
    expect(await keysInBucket()).toContain(orphan.key);
    expect(download.status).toBe(404);
    for (const result of [byFile, byQr, byQrText]) expect(result.verdict).not.toBe('valid');
    expect(await certificateRepository().get(orphan.licenceNo)).toBeUndefined();
  });

  test('is kept while younger than an hour, then deleted; the committed PDF stays; a second run changes nothing', async () => {
    // Prepare: a key of another shape under the prefix, which the sweep must never touch
    const stray = 'certificates/README.txt';
    await s3Client().send(new PutObjectCommand({ Bucket: bucket(), Key: stray, Body: 'not a certificate' }));

    // Act: the scheduled function itself (real clock: the orphan is seconds old), then the use case on moved clocks
    const scheduled = await runtime.schedules.get('sweep-orphan-pdfs')?.runNow();
    const young = await sweepOrphanPdfs(sweepAt(59));
    const keysWhileYoung = await keysInBucket();
    const old = await sweepOrphanPdfs(sweepAt(61));
    const again = await sweepOrphanPdfs(sweepAt(61));
    const keysAfter = await keysInBucket();
    const download = await runtime.request(committed.links.pdf, { as: 'officer', redirect: 'manual' });

    // Assess
    expect(scheduled).toEqual({
      status: 'ok',
      result: expect.objectContaining({ deleted: 0, tooYoung: 1, unrecognised: 1, complete: true }),
    });
    expect(young).toMatchObject({ deleted: [], tooYoung: 1, unrecognised: 1, complete: true });
    expect(keysWhileYoung).toEqual(expect.arrayContaining([orphan.key, committedKey, stray]));
    expect(old).toMatchObject({ deleted: [orphan.key], tooYoung: 0, complete: true });
    expect(again).toMatchObject({ deleted: [], tooYoung: 0, complete: true });
    expect(keysAfter).not.toContain(orphan.key);
    expect(keysAfter).toEqual(expect.arrayContaining([committedKey, stray]));
    expect(download.status).toBe(302);
  });

  test('pages through the listing (two keys a page here): every old orphan goes, every committed PDF stays', async () => {
    // Prepare: another committed certificate, a crashed issuance and three orphans under digest-shaped keys
    const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed: 904 })) });
    const second = await readJson<CertificateJson>(res);
    const secondKey = (await certificateRepository().getVersion(LicenceNumber.parse(second.licenceNo), 1))?.pdf
      .key as string;
    const crashed = await crashBeforeCommit(905);
    const orphans = [
      crashed.key,
      ...[1, 2, 3].map((v) => `certificates/42-XK06-001-00999/v${v}/${randomBytes(32).toString('hex')}.pdf`),
    ];
    for (const key of orphans.slice(1)) {
      await s3Client().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: '%PDF-1.7 orphan' }));
    }
    const store = new S3SweepStore(s3Client(), bucket(), 2);
    const pages: number[] = [];
    const counting = {
      listPage: async (prefix: string, cursor?: string) => {
        const page = await store.listPage(prefix, cursor);
        pages.push(page.items.length);
        return page;
      },
      delete: (key: string) => store.delete(key),
    };

    // Act
    const run = await sweepOrphanPdfs(sweepAt(61, { store: counting }));
    const keysAfter = await keysInBucket();

    // Assess
    expect([...run.deleted].sort()).toEqual([...orphans].sort());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.every((n) => n <= 2)).toBe(true);
    expect(run.listed).toBe(pages.reduce((a, b) => a + b, 0));
    expect(keysAfter).toEqual(expect.arrayContaining([committedKey, secondKey]));
    for (const key of orphans) expect(keysAfter).not.toContain(key);
  });

  test('the sweep is an hourly job in the registry', () => {
    expect(functions.find((f) => f.name === 'sweep-orphan-pdfs')).toMatchObject({
      entry: 'lambdas/handlers/sweep-orphan-pdfs.ts',
      scheduleMinutes: 60,
      grants: { table: 'read', buckets: { certificates: { grant: 'list-delete', prefix: 'certificates/' } } },
    });
  });
});
