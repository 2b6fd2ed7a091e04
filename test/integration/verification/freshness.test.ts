/**
 * Freshness: a status change is visible to every verifier within 5 s, and every answer states `statusAsOf`.
 *
 * 1. Through HTTP, end to end: issue → verify valid → revoke → verify revoked. This runtime runs the verify function
 *    with its status cache off (`STATUS_CACHE_TTL_MS=0`), so the answer after the revocation is deterministic without
 *    waiting; the responses are `no-store`, so nothing between the verifier and the function may keep them either.
 * 2. With the production lifetime (4 s) over the real register (DynamoDB Local) and a ManualClock: the revocation,
 *    committed through HTTP, is served from the cache — saying how old it is — until 4 s after the read, then seen.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { DynamoCertificateRepository } from '../../../lambdas/adapters/dynamo/certificate-repository';
import { CachedKeySet } from '../../../lambdas/adapters/key-set-cache';
import { LocalKeyStore } from '../../../lambdas/adapters/signing/local-key-store';
import { STATUS_CACHE_TTL_MS, StatusCache } from '../../../lambdas/adapters/status-cache';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { config } from '../../../lambdas/shared/config';
import { verifyCertificate } from '../../../lambdas/use-cases/verify-certificate';
import { inspectPdf, scanQrCodes } from '../../support/pdf-inspect';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { changeStatus, downloadPdf, issueCertificate, payloadOf, verifyPath } from './support';

let runtime: TestRuntime;

beforeAll(async () => {
  process.env.STATUS_CACHE_TTL_MS = '0'; // read by the verify function at its cold start, below
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.stop();
  delete process.env.STATUS_CACHE_TTL_MS;
});

describe('through HTTP', () => {
  test('issue → valid → revoke → revoked, each answer stating when the status was read', async () => {
    // Prepare
    const cert = await issueCertificate(runtime, 701);
    const path = `/v/${payloadOf(cert.qr.text)}`;
    // Act
    const before = await verifyPath(runtime, path);
    await changeStatus(runtime, cert, 'revoke', '监督抽查不合格');
    const after = await verifyPath(runtime, path);
    const page = await runtime.request(path);
    // Assess
    expect(before.verdict).toBe('valid');
    expect(after.verdict).toBe('revoked');
    expect(after.certificate?.publicReason).toBe('监督抽查不合格');
    expect(Date.parse(after.statusAsOf ?? '')).toBeGreaterThanOrEqual(
      Date.parse(after.certificate?.statusChangedAt ?? ''),
    );
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('已吊销');
  });
});

describe('scan the printed QR (the issue’s “done when”)', () => {
  test('PDF → PNG → scanner → page: valid with six passed checks (and the PDF signature not applicable); after revoke: revoked; a forged QR: invalid', async () => {
    // Prepare: render the issued PDF and scan its QR like a phone would (zbarimg when installed, else zxing)
    const cert = await issueCertificate(runtime, 703);
    const scanned = await scanQr(inspectPdf(await downloadPdf(runtime, cert), { dpi: 150 }).png);
    const forged = scanned.replace(/.$/, (c) => (c === 'A' ? 'Q' : 'A'));
    const asPhone = { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } };
    // Act
    const valid = await (await fetch(scanned, asPhone)).text();
    await changeStatus(runtime, cert, 'revoke');
    const revoked = await (await fetch(scanned, asPhone)).text();
    const invalid = await (await fetch(forged, asPhone)).text();
    // Assess
    expect(scanned).toBe(cert.qr.text);
    expect(valid).toContain('有效');
    expect(valid.match(/class="check check-pass"/g)).toHaveLength(6);
    expect(valid.match(/class="check check-skipped"/g)).toHaveLength(1);
    expect(valid).toContain('不适用');
    expect(revoked).toContain('已吊销');
    expect(invalid).toContain('无效');
  });
});

/** The QR text a scanner reads from a page image. */
async function scanQr(png: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'permit-scan-'));
  const file = join(dir, 'page.png');
  writeFileSync(file, png);
  const zbar = spawnSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' });
  const texts = zbar.status === 0 ? zbar.stdout.trim().split('\n') : await scanQrCodes(png);
  expect(texts).toHaveLength(1);
  return texts[0] as string;
}

describe('the production cache lifetime, on the real register', () => {
  test('a revocation committed through HTTP is served as cached (with its age) for < 4 s, then revoked', async () => {
    // Prepare: a verifier like the function's, but on a ManualClock
    const clock = new ManualClock(new Date());
    const store = await LocalKeyStore.open({ dir: runtime.env.LOCAL_KEY_DIR as string });
    const deps = {
      keys: new CachedKeySet(store, clock, { ttlMs: 30_000 }),
      register: new StatusCache(new DynamoCertificateRepository(dynamoClient(), config().tableName), clock, {
        ttlMs: STATUS_CACHE_TTL_MS,
      }),
      clock,
    };
    const cert = await issueCertificate(runtime, 702);
    const verify = () => verifyCertificate(deps, { kind: 'payload', payload: payloadOf(cert.qr.text) });
    const readAt = clock.now().toISOString();
    // Act
    const first = await verify();
    await changeStatus(runtime, cert, 'revoke');
    clock.advance({ ms: STATUS_CACHE_TTL_MS - 1 });
    const cached = await verify();
    clock.advance({ ms: 1 });
    const fresh = await verify();
    // Assess
    expect(first.verdict).toBe('valid');
    expect([cached.verdict, cached.statusAsOf]).toEqual(['valid', readAt]);
    expect(Date.parse(cached.checkedAt) - Date.parse(cached.statusAsOf ?? '')).toBe(STATUS_CACHE_TTL_MS - 1);
    expect(fresh.verdict).toBe('revoked');
    // read by the background refresh the 3.999 s request started, or on demand at 4 s
    expect(Date.parse(fresh.statusAsOf ?? '') - Date.parse(readAt)).toBeGreaterThanOrEqual(STATUS_CACHE_TTL_MS - 1);
    expect(Date.parse(fresh.statusAsOf ?? '') - Date.parse(readAt)).toBeLessThanOrEqual(STATUS_CACHE_TTL_MS);
    expect(STATUS_CACHE_TTL_MS).toBeLessThan(5000);
  });
});
