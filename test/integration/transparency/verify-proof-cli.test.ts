/**
 * `npm run verify -- … --proof answer.json --log-key …` as a real process, with an answer saved from the local runtime
 * (`POST /v1/verify`, JSON): offline the verdict stays cannot-confirm and the output adds "recorded in the public log";
 * online it is valid with the same line; another certificate's QR with that proof, another log key and a saved answer
 * still pending are refused (exit 1); a missing --log-key, an unreadable proof file and an answer with no log are usage
 * errors (exit 2, no stack trace).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { sequencerDeps } from '../../../lambdas/composition/transparency-log';
import { formatVerifierKey } from '../../../lambdas/domain/transparency/checkpoint';
import { integrateLog } from '../../../lambdas/use-cases/transparency/sequencer';
import type { CertificateJson } from '../../support/certificates';
import { runVerifyCli } from '../../support/processes';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { issueCertificate } from '../verification/support';

let runtime: TestRuntime;
let dir: string;
let cert: CertificateJson;
let other: CertificateJson;
let logKey: string;
let jwksFile: string;
let proofFile: string;
let pendingFile: string;
const clock = new ManualClock(new Date());

async function saveAnswer(qr: string, name: string): Promise<{ file: string; answer: Record<string, unknown> }> {
  const res = await runtime.request('/v1/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ qr }),
  });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as Record<string, unknown>;
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(answer, null, 2));
  return { file, answer };
}

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false, overrides: { clock } });
  dir = mkdtempSync(join(tmpdir(), 'permit-verify-proof-'));
  cert = await issueCertificate(runtime, 9601);
  other = await issueCertificate(runtime, 9602);
  pendingFile = (await saveAnswer(cert.qr.text, 'pending.json')).file;
  await integrateLog(sequencerDeps({ clock }));
  clock.advance({ ms: 3_000 }); // past the verify function's checkpoint cache
  const saved = await saveAnswer(cert.qr.text, 'answer.json');
  expect(saved.answer.log).toMatchObject({ state: 'included' });
  proofFile = saved.file;
  logKey = (await (await runtime.request('/.well-known/transparency-log-key')).text()).trim();
  jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, await (await runtime.request('/.well-known/jwks.json')).text());
});
afterAll(async () => {
  await runtime?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verify = (...args: string[]) => runVerifyCli(args, { localService: true });

const recorded = /recorded in the public log \(#(\d+), checkpoint size (\d+)\)/;

describe('a genuine saved proof', () => {
  test('offline: cannot confirm (status unchecked), but recorded in the public log; exit 1', async () => {
    // Act
    const run = await verify(cert.qr.text, '--offline', '--jwks', jwksFile, '--proof', proofFile, '--log-key', logKey);

    // Assess
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('无法确认 CANNOT CONFIRM');
    expect(run.stdout).toMatch(recorded);
  });

  test('online, the key from a file, as JSON: valid and the proof holds; exit 0', async () => {
    // Prepare
    const keyFile = join(dir, 'log-key.txt');
    writeFileSync(keyFile, `${logKey}\n`);

    // Act
    const run = await verify(
      cert.qr.text,
      '--url',
      runtime.baseUrl,
      '--proof',
      proofFile,
      '--log-key',
      keyFile,
      '--json',
    );

    // Assess
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.verdict).toBe('valid');
    expect(body.logProof).toMatchObject({ ok: true, entry: { type: 'issuance', licenceNumber: cert.licenceNo } });
  });
});

describe('a proof that does not hold: exit 1 and the reason', () => {
  test('another certificate’s QR with this proof', async () => {
    const run = await verify(other.qr.text, '--offline', '--jwks', jwksFile, '--proof', proofFile, '--log-key', logKey);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('proof does NOT hold [TLOG_ENTRY_MISMATCH]');
    expect(run.stdout).not.toMatch(recorded);
  });

  test('another log key of the same name', async () => {
    // Prepare
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
    const wrong = formatVerifierKey(logKey.split('+')[0] as string, raw);

    // Act
    const run = await verify(cert.qr.text, '--offline', '--jwks', jwksFile, '--proof', proofFile, '--log-key', wrong);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('proof does NOT hold [TLOG_NOTE_UNVERIFIED]');
  });

  test('an answer saved while the entry was pending', async () => {
    const run = await verify(
      cert.qr.text,
      '--offline',
      '--jwks',
      jwksFile,
      '--proof',
      pendingFile,
      '--log-key',
      logKey,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[TLOG_NOT_INCLUDED]');
  });
});

describe('usage errors exit 2 with a message, no stack trace', () => {
  test.each([
    ['--proof without --log-key', ['--proof', 'answer.json'], '--proof needs --log-key'],
    ['--log-key without --proof', ['--log-key', 'k'], '--log-key is only used with --proof'],
    ['an unreadable proof file', ['--proof', '/nonexistent/answer.json', '--log-key', 'k'], 'no such file'],
  ])('%s', async (_, more, message) => {
    const run = await verify(cert.qr.text, '--offline', '--jwks', jwksFile, ...more);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a saved answer with no log in it (an offline answer)', async () => {
    // Prepare
    const offline = await verify(cert.qr.text, '--offline', '--jwks', jwksFile, '--json');
    const file = join(dir, 'offline-answer.json');
    writeFileSync(file, offline.stdout);

    // Act
    const run = await verify(cert.qr.text, '--offline', '--jwks', jwksFile, '--proof', file, '--log-key', logKey);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no `log`');
  });
});
