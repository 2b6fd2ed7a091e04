/**
 * The public verification routes through the local runtime: the QR URL (page and JSON), lookup by number, the file
 * and QR-text checks, and the JWKS.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KeySet } from '../../../lambdas/domain/signing/key-set';
import type { CertificateJson } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import {
  changeStatus,
  checksOf,
  downloadPdf,
  issueCertificate,
  payloadOf,
  postVerify,
  verifyPath,
  verifySubmission,
} from './support';

let runtime: TestRuntime;
let cert: CertificateJson;

beforeAll(async () => {
  runtime = await startTestRuntime();
  cert = await issueCertificate(runtime, 501);
});
afterAll(() => runtime?.stop());

describe('GET /v/{payload}', () => {
  test('a freshly issued certificate is valid with every check passed', async () => {
    // Act
    const result = await verifyPath(runtime, `/v/${payloadOf(cert.qr.text)}`);
    // Assess
    expect(result.verdict).toBe('valid');
    // A QR is no file: its PDF signature is the one neutral skip.
    expect(result.checks.map((c) => c.outcome)).toEqual(['pass', 'pass', 'skipped', 'pass', 'pass', 'pass', 'pass']);
    expect(checksOf(result).pdfSignature).toBe('skipped:PDF_SIGNATURE_NOT_APPLICABLE');
    expect(result.certificate).toMatchObject({
      licenceNo: cert.licenceNo,
      version: 1,
      latestVersion: 1,
      enterpriseName: cert.enterprise.name,
      uscc: cert.enterprise.uscc,
      status: 'valid',
    });
    expect(Date.parse(result.checkedAt) - Date.parse(result.statusAsOf ?? '')).toBeGreaterThanOrEqual(0);
  });

  test('answers the page by default and JSON for Accept: application/json, both no-store and vary: accept', async () => {
    // Act
    const page = await runtime.request(`/v/${payloadOf(cert.qr.text)}`);
    const data = await runtime.request(`/v/${payloadOf(cert.qr.text)}`, { headers: { accept: 'application/json' } });
    // Assess
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('vary')?.toLowerCase()).toBe('accept');
    const markup = await page.text();
    expect(markup).toContain('有效');
    expect(markup).toContain(cert.enterprise.name);
    expect(data.headers.get('content-type')).toContain('application/json');
    expect(data.headers.get('cache-control')).toBe('no-store');
    expect(data.headers.get('vary')?.toLowerCase()).toBe('accept');
  });

  test('a lower-case payload (a case-folding scanner) verifies the same', async () => {
    const result = await verifyPath(runtime, `/v/${payloadOf(cert.qr.text).toLowerCase()}`);
    expect(result.verdict).toBe('valid');
  });

  test('a path that cannot be a payload answers 400 with the malformed-link page', async () => {
    // Act
    const page = await runtime.request('/v/not-a/payload');
    const data = await verifyPath(runtime, '/v/%E4%BD%A0%E5%A5%BD', 400);
    // Assess
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('/v/not-a/payload');
    expect(data.verdict).toBe('invalid');
    expect(checksOf(data).format).toBe('fail:PATH_MALFORMED');
  });
});

describe('GET /v1/verify/{licenceNo}', () => {
  test('looks a licence up by either form of its number: public fields only', async () => {
    // Prepare
    const other = await issueCertificate(runtime, 502);
    await changeStatus(runtime, other, 'suspend', '责令停产整改');
    // Act
    const printed = await verifyPath(runtime, `/v1/verify/${encodeURIComponent(cert.licenceNo)}`);
    const urlSafe = await verifyPath(runtime, `/v1/verify/${other.licenceNoUrlSafe}`);
    // Assess
    expect(printed).toMatchObject({ verdict: 'valid', mode: 'lookup', signatureValid: false, claims: null });
    expect(checksOf(printed)).toMatchObject({
      format: 'pass:LICENCE_NO_OK',
      signature: 'skipped:SIGNATURE_NOT_APPLICABLE',
      record: 'pass:RECORD_FOUND',
    });
    expect(urlSafe.verdict).toBe('suspended');
    expect(urlSafe.certificate).toMatchObject({ status: 'suspended', publicReason: '责令停产整改' });
    expect(Object.keys(urlSafe.certificate ?? {}).sort()).toEqual(
      [
        'enterpriseName',
        'issueDate',
        'issuingAuthority',
        'latestVersion',
        'licenceNo',
        'products',
        'publicReason',
        'status',
        'statusChangedAt',
        'statusListIndex',
        'uscc',
        'validUntil',
        'version',
      ].sort(),
    );
    const raw = JSON.stringify(urlSafe);
    expect(raw).not.toContain('内部备注');
    expect(raw).not.toContain('officer');
    expect(raw).not.toContain('湖北省武汉市东西湖区'); // domicile / production address
  });

  test('answers the page when the client prefers HTML, JSON otherwise', async () => {
    const browser = await runtime.request(`/v1/verify/${cert.licenceNoUrlSafe}`, {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    const client = await runtime.request(`/v1/verify/${cert.licenceNoUrlSafe}`);
    expect(browser.headers.get('content-type')).toContain('text/html');
    expect(client.headers.get('content-type')).toContain('application/json');
  });

  test('with ?qr= the QR is verified and must be this licence', async () => {
    const same = await verifyPath(
      runtime,
      `/v1/verify/${cert.licenceNoUrlSafe}?qr=${encodeURIComponent(cert.qr.text)}`,
    );
    expect(same).toMatchObject({ verdict: 'valid', mode: 'online' });
  });
});

/** What a Chinese IME types: full-width brackets, letters, digits and hyphens. */
const fullWidth = (text: string): string =>
  [...text]
    .map((ch) => (/[!-~]/.test(ch) ? String.fromCodePoint((ch.codePointAt(0) as number) + 0xfee0) : ch))
    .join('');

describe('GET /v1/verify/{licenceNo}: typed numbers and encodings', () => {
  test('a full-width number, as a Chinese IME types it, finds the licence (also beside a QR)', async () => {
    // Prepare
    const typed = fullWidth(cert.licenceNo); // （鄂）ＸＫ０６－００１－０００…

    // Act
    const lookup = await verifyPath(runtime, `/v1/verify/${encodeURIComponent(typed)}`);
    const withQr = await verifyPath(
      runtime,
      `/v1/verify/${encodeURIComponent(typed)}?qr=${encodeURIComponent(cert.qr.text)}`,
    );

    // Assess
    expect(typed).toMatch(/^（鄂）ＸＫ/);
    expect(lookup.verdict).toBe('valid');
    expect(checksOf(lookup)).toMatchObject({ format: 'pass:LICENCE_NO_OK', record: 'pass:RECORD_FOUND' });
    expect(lookup.certificate?.licenceNo).toBe(cert.licenceNo);
    expect(withQr).toMatchObject({ verdict: 'valid', mode: 'online' });
  });

  test('a malformed number fails the format check and says so, instead of "no matching record"', async () => {
    // Act
    const result = await verifyPath(runtime, `/v1/verify/${encodeURIComponent('(鄂)XK06-001-0001')}`);

    // Assess
    expect(result.verdict).toBe('invalid');
    expect(checksOf(result)).toMatchObject({ format: 'fail:LICENCE_NO_INVALID', record: 'skipped:RECORD_SKIPPED' });
    expect(result.summary.en).toContain('not a valid licence number');
    expect(result.summary.en).not.toContain('no matching record');
    expect(result.summary.zh).toContain('不是有效的许可证编号');
  });

  test('the path is decoded once: a double-encoded number is not a number; malformed escapes are 400, never 500', async () => {
    // Act
    const doubleEncoded = await verifyPath(
      runtime,
      `/v1/verify/${cert.licenceNo.replace('(鄂)', `%2528${encodeURIComponent('鄂')}%2529`)}`,
    );
    const malformed = await runtime.request('/v1/verify/%E0%A4%A', { headers: { accept: 'application/json' } });
    const malformedQr = await runtime.request('/v/%E0%A4%A', { headers: { accept: 'application/json' } });

    // Assess
    expect(checksOf(doubleEncoded)).toMatchObject({ format: 'fail:LICENCE_NO_INVALID' });
    expect([malformed.status, malformedQr.status]).toEqual([400, 400]);
    expect(await malformed.json()).toMatchObject({ code: 'PATH_ENCODING_INVALID' });
  });
});

describe('POST /v1/verify', () => {
  test('the issued PDF is valid; the scanned QR text is valid', async () => {
    // Prepare
    const pdf = await downloadPdf(runtime, cert);
    // Act
    const file = await verifySubmission(runtime, pdf);
    const text = await verifySubmission(runtime, { qr: cert.qr.text });
    // Assess
    expect(file.verdict).toBe('valid');
    expect(text.verdict).toBe('valid');
    // The verify-file function checked the file's own PDF signature; a QR text has none to check.
    expect(checksOf(file).pdfSignature).toBe('pass:PDF_SIGNATURE_VALID');
    expect(checksOf(text).pdfSignature).toBe('skipped:PDF_SIGNATURE_NOT_APPLICABLE');
  });

  test('refuses a body over 2 MiB (413), another media type (415), and a compact JWS field (400)', async () => {
    const huge = new Uint8Array(2 * 1024 * 1024 + 1);
    expect((await postVerify(runtime, huge)).status).toBe(413);
    const text = await runtime.request('/v1/verify', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: cert.qr.text,
    });
    expect(text.status).toBe(415);
    const jws = await postVerify(runtime, { jws: 'eyJhbGciOiJub25lIn0.e30.' });
    expect(jws.status).toBe(400);
  });
});

describe('GET /.well-known/jwks.json', () => {
  test('publishes the key set: public keys only, cacheable for 5 minutes', async () => {
    // Act
    const res = await runtime.request('/.well-known/jwks.json');
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/jwk-set+json');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      use: 'sig',
      alg: 'ES256',
      'permit:status': 'current',
    });
    expect(jwks.keys.some((k) => 'd' in k)).toBe(false);
    await expect(KeySet.fromJwks(jwks)).resolves.toBeInstanceOf(KeySet);
  });
});
