/**
 * Attacks that must fail, through the local runtime (same handlers, gateway and DynamoDB Local as `npm start`). No
 * request may answer 5xx; each case asserts the exact verdict and the failing check. Expiry needs time travel, so it
 * is tested at the use-case level with a ManualClock (`test/unit/use-cases/verify-certificate.test.ts`); a compromised
 * key has its own runtime (`compromised-key.test.ts`); `alg: none` / HS256 as compact JWS are refused here (the API
 * takes no JWS) and through the offline library in `test/unit/domain/verification/offline.jws-attacks.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createNodeSigner, type PrivateEcJwk } from '../../../lambdas/adapters/signing/node-signer';
import { base32Decode, base32Encode } from '../../../lambdas/domain/signing/base32';
import { KeySet } from '../../../lambdas/domain/signing/key-set';
import { decodeQrPayload, signCertificateClaims } from '../../../lambdas/domain/signing/qr-claims';
import type { VerificationResult } from '../../../lambdas/domain/verification/result';
import type { CertificateJson } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import {
  changeStatus,
  downloadPdf,
  issueCertificate,
  payloadOf,
  postVerify,
  verifyPath,
  verifySubmission,
} from './support';

let runtime: TestRuntime;
let a: CertificateJson;
let b: CertificateJson;

beforeAll(async () => {
  runtime = await startTestRuntime();
  a = await issueCertificate(runtime, 601);
  b = await issueCertificate(runtime, 602);
});
afterAll(() => runtime?.stop());

/** The failing check of an `invalid` answer: `name:code`. */
const failing = (r: VerificationResult): string => {
  const c = r.checks.find((check) => check.outcome === 'fail');
  return c ? `${c.name}:${c.code}` : 'none';
};

/** The runtime's current signing key, as a thief holding a copy of it would sign. */
async function stolenSigner() {
  const jwks = await (await runtime.request('/.well-known/jwks.json')).json();
  const kid = (await KeySet.fromJwks(jwks)).current()?.kid as string;
  const dir = runtime.env.LOCAL_KEY_DIR as string;
  return createNodeSigner(JSON.parse(readFileSync(join(dir, `${kid}.private.jwk`), 'utf8')) as PrivateEcJwk);
}

describe('algorithm attacks cannot reach the verifier over HTTP', () => {
  test('a compact JWS (alg none or HS256) is not an accepted input: 400 as a field, invalid as a QR, 400 as a path', async () => {
    // Prepare: A's genuine claims under attacker-chosen headers
    const claims = base64url.encode(decodeQrPayload(payloadOf(a.qr.text)).payloadJson);
    const none = `${base64url.encode('{"alg":"none","typ":"permit-qr+jws"}')}.${claims}.`;
    const hs256 = `${base64url.encode('{"alg":"HS256","typ":"permit-qr+jws"}')}.${claims}.c2lnbmF0dXJl`;
    // Act
    const asField = await postVerify(runtime, { jws: none });
    const asQr = await verifySubmission(runtime, { qr: none });
    const hsAsQr = await verifySubmission(runtime, { qr: hs256 });
    const asPath = await verifyPath(runtime, `/v/${none}`, 400);
    // Assess
    expect(asField.status).toBe(400);
    expect(asQr.verdict).toBe('invalid');
    expect(failing(asQr)).toBe('format:QR_FORMAT');
    expect(failing(hsAsQr)).toBe('format:QR_FORMAT');
    expect(failing(asPath)).toBe('format:PATH_MALFORMED');
  });
});

describe('forged and altered QR payloads', () => {
  test('a QR signed by a key the authority never published: invalid, KEY_UNKNOWN', async () => {
    // Prepare: the attacker's own ES256 key, over genuine-looking claims of licence A
    const { generateKeyPairSync } = await import('node:crypto');
    const rogue = await createNodeSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    const decoded = decodeQrPayload(payloadOf(a.qr.text));
    const { payload } = await signCertificateClaims(decoded.claims, rogue, runtime.baseUrl);
    // Act
    const result = await verifyPath(runtime, `/v/${payload}`);
    // Assess
    expect(result.verdict).toBe('invalid');
    expect(failing(result)).toBe('signature:KEY_UNKNOWN');
  });

  test('every single flipped bit of the record, in every claim field and the signature, is refused', async () => {
    // Prepare
    const record = base32Decode(payloadOf(a.qr.text));
    const seen = new Set<string>();
    // Act + Assess: one request per bit, 808 in all
    for (let byte = 0; byte < record.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = record.slice();
        flipped[byte] = (flipped[byte] as number) ^ (1 << bit);
        const payload = base32Encode(flipped);
        const result = await verifyPath(runtime, `/v/${payload}`);
        const expected = expectedFailure(byte, payload);
        expect({ byte, bit, verdict: result.verdict, failing: failing(result) }).toEqual({
          byte,
          bit,
          verdict: 'invalid',
          failing: expected,
        });
        seen.add(expected);
      }
    }
    expect([...seen].sort()).toEqual([
      'format:QR_FORMAT',
      'format:QR_VERSION',
      'signature:KEY_UNKNOWN',
      'signature:SIGNATURE_INVALID',
    ]);
  });

  test.each([
    ['truncated by one character', (p: string) => p.slice(0, -1), 'format:QR_TRUNCATED'],
    ['truncated to half', (p: string) => p.slice(0, 81), 'format:QR_TRUNCATED'],
    ['truncated to one character', (p: string) => p.slice(0, 1), 'format:QR_TRUNCATED'],
    ['one character too long', (p: string) => `${p}A`, 'format:QR_TOO_LONG'],
    ['over-long (5,000 characters)', (p: string) => p.padEnd(5000, 'A'), 'format:QR_TOO_LONG'],
    ['malformed Base32 (0, 1, 8, 9)', (p: string) => `${p.slice(0, 40)}0189${p.slice(44)}`, 'format:QR_BASE32'],
  ])('%s: invalid at %s, as a path and as scanned text', async (_, mangle, expected) => {
    // Prepare
    const payload = mangle(payloadOf(a.qr.text));
    // Act
    const viaPath = await verifyPath(runtime, `/v/${payload}`);
    const viaText = await verifySubmission(runtime, { qr: `${runtime.baseUrl}/v/${payload}` });
    // Assess
    expect([viaPath.verdict, failing(viaPath)]).toEqual(['invalid', expected]);
    expect([viaText.verdict, failing(viaText)]).toEqual(['invalid', expected]);
  });

  test('Base32 padding or punctuation in the path: 400, the malformed-link page', async () => {
    const result = await verifyPath(runtime, `/v/${payloadOf(a.qr.text)}====`, 400);
    expect([result.verdict, failing(result)]).toEqual(['invalid', 'format:PATH_MALFORMED']);
  });
});

describe('licence A’s genuine claims presented with licence B’s number', () => {
  test('in the lookup path: invalid, RECORD_MISMATCH (both number forms)', async () => {
    for (const number of [b.licenceNoUrlSafe, encodeURIComponent(b.licenceNo)]) {
      const result = await verifyPath(runtime, `/v1/verify/${number}?qr=${encodeURIComponent(a.qr.text)}`);
      expect([result.verdict, failing(result), result.signatureValid]).toEqual([
        'invalid',
        'record:RECORD_MISMATCH',
        true,
      ]);
      expect(result.certificate).toBeNull();
    }
  });

  test('in a JSON body: invalid, RECORD_MISMATCH', async () => {
    const result = await verifySubmission(runtime, { qr: a.qr.text, licenceNo: b.licenceNo });
    expect([result.verdict, failing(result)]).toEqual(['invalid', 'record:RECORD_MISMATCH']);
  });

  test('in an uploaded file (B’s bytes with A’s QR in its metadata): invalid, its PDF signature broken, FILE_ALTERED', async () => {
    // Prepare: replace B's QR text in B's PDF by A's (same length: same base URL, fixed payload length)
    const pdfB = Buffer.from(await downloadPdf(runtime, b));
    const forged = Buffer.from(pdfB.toString('latin1').replaceAll(b.qr.text, a.qr.text), 'latin1');
    expect(forged.length).toBe(pdfB.length);
    expect(forged.equals(pdfB)).toBe(false);
    // Act
    const result = await verifySubmission(runtime, new Uint8Array(forged));
    // Assess
    expect(result.checks.find((c) => c.name === 'signature')?.outcome).toBe('pass'); // A's claims are genuine…
    // …this file is not: the authority's PDF signature no longer holds, and its bytes are no issued file
    expect([result.verdict, failing(result)]).toEqual(['invalid', 'pdfSignature:PDF_SIGNATURE_DIGEST']);
    expect(result.checks.find((c) => c.name === 'record')?.code).toBe('FILE_ALTERED');
  });

  test('a genuine PDF with bytes appended (an incremental update): invalid, modified after signing, FILE_ALTERED', async () => {
    const pdfA = await downloadPdf(runtime, a);
    const appended = new Uint8Array([...pdfA, ...new TextEncoder().encode('\n% edited\n%%EOF\n')]);
    const result = await verifySubmission(runtime, appended);
    expect([result.verdict, failing(result)]).toEqual(['invalid', 'pdfSignature:PDF_SIGNATURE_MODIFIED_AFTER_SIGNING']);
    expect(result.checks.find((c) => c.name === 'record')?.code).toBe('FILE_ALTERED');
  });

  test('something that is not a certificate PDF: invalid, QR_FORMAT', async () => {
    const result = await verifySubmission(runtime, new TextEncoder().encode('%PDF-1.7\n%%EOF\n'));
    expect([result.verdict, failing(result)]).toEqual(['invalid', 'format:QR_FORMAT']);
  });
});

describe('licences the register says no to', () => {
  test.each([
    ['suspend', 'suspended', 'status:STATUS_SUSPENDED', 611],
    ['revoke', 'revoked', 'status:STATUS_REVOKED', 612],
    ['cancel', 'cancelled', 'status:STATUS_CANCELLED', 613],
  ] as const)('%s → %s through the QR URL, the lookup and the file', async (action, verdict, expected, seed) => {
    // Prepare
    const cert = await issueCertificate(runtime, seed);
    const pdf = await downloadPdf(runtime, cert);
    await changeStatus(runtime, cert, action, '监督抽查不合格');
    // Act
    const results = [
      await verifyPath(runtime, `/v/${payloadOf(cert.qr.text)}`),
      await verifyPath(runtime, `/v1/verify/${cert.licenceNoUrlSafe}`),
      await verifySubmission(runtime, pdf),
    ];
    // Assess
    for (const result of results) {
      expect([result.verdict, failing(result)]).toEqual([verdict, expected]);
      expect(result.certificate?.publicReason).toBe('监督抽查不合格');
      expect(JSON.stringify(result)).not.toContain('内部备注');
    }
  });

  test('a licence that does not exist: invalid, RECORD_NOT_FOUND (lookup, and a QR signed with the real key)', async () => {
    // Prepare: a thief with the key signs claims for a number the authority never issued
    const genuine = decodeQrPayload(payloadOf(a.qr.text)).claims;
    const { payload } = await signCertificateClaims(
      { ...genuine, licenceNo: '(鄂)XK06-001-99999' },
      await stolenSigner(),
      runtime.baseUrl,
    );
    // Act
    const lookup = await verifyPath(runtime, '/v1/verify/42-XK06-001-99999');
    const forged = await verifyPath(runtime, `/v/${payload}`);
    // Assess
    expect([lookup.verdict, failing(lookup)]).toEqual(['invalid', 'record:RECORD_NOT_FOUND']);
    expect([forged.verdict, failing(forged), forged.signatureValid]).toEqual([
      'invalid',
      'record:RECORD_NOT_FOUND',
      true,
    ]);
  });

  test('a genuine key signing A’s number with other claims (a new version nobody issued): invalid, RECORD_MISMATCH', async () => {
    const genuine = decodeQrPayload(payloadOf(a.qr.text)).claims;
    const { payload } = await signCertificateClaims(
      { ...genuine, validUntil: '2040-01-01' },
      await stolenSigner(),
      runtime.baseUrl,
    );
    const result = await verifyPath(runtime, `/v/${payload}`);
    expect([result.verdict, failing(result)]).toEqual(['invalid', 'record:RECORD_MISMATCH']);
  });
});

describe('HTML and script in the address', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const ATTRIBUTE = '"><img src=x onerror=alert(1)>';

  test('in the path: 400 page showing the address as escaped text', async () => {
    // Act
    const res = await runtime.request(`/v/${encodeURIComponent(SCRIPT)}?q=${encodeURIComponent(ATTRIBUTE)}`);
    // Assess
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
  });

  test('in the query of a genuine QR URL and in a lookup: the page never echoes it', async () => {
    const qr = await runtime.request(`/v/${payloadOf(a.qr.text)}?x=${encodeURIComponent(SCRIPT + ATTRIBUTE)}`);
    // `</script>` holds a `/`: decoded before routing (as HTTP APIs do), `%2F` separates segments — no lookup route
    const slashed = await runtime.request(`/v1/verify/${encodeURIComponent(SCRIPT)}`, {
      headers: { accept: 'text/html' },
    });
    expect(slashed.status).toBe(404);
    const lookup = await runtime.request(`/v1/verify/${encodeURIComponent(ATTRIBUTE)}`, {
      headers: { accept: 'text/html' },
    });
    for (const [res, status] of [
      [qr, 200],
      [lookup, 200],
    ] as const) {
      expect(res.status).toBe(status);
      const page = await res.text();
      expect(page).not.toContain('<script');
      expect(page).not.toContain('<img');
      expect(page).not.toContain('alert(1)');
    }
  });
});

/** What a record with a flipped byte must fail on, by the field the byte belongs to (`docs/qr-format.md`). */
function expectedFailure(byte: number, payload: string): string {
  if (byte === 0) return 'format:QR_VERSION';
  if (byte <= 8) return 'signature:KEY_UNKNOWN'; // key reference
  if (byte >= 37) return 'signature:SIGNATURE_INVALID'; // the signature itself
  // A claim field: refused as unreadable when the new value is impossible (version 0, a date order, padding bits…),
  // otherwise the signature no longer matches.
  try {
    decodeQrPayload(payload);
    return 'signature:SIGNATURE_INVALID';
  } catch {
    return 'format:QR_FORMAT';
  }
}
