/**
 * `npm run verify` as a real process: offline with a saved JWKS (QR text and PDF), plainly saying that status was not
 * checked; online against the local runtime; and its exit codes (0 valid, 1 not valid, 2 usage error).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CertificateJson } from '../../support/certificates';
import { runVerifyCli } from '../../support/processes';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { changeStatus, downloadPdf, issueCertificate, payloadOf } from './support';

let runtime: TestRuntime;
let cert: CertificateJson;
let dir: string;
let jwksFile: string;
let pdfFile: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  cert = await issueCertificate(runtime, 901);
  dir = mkdtempSync(join(tmpdir(), 'permit-verify-cli-'));
  jwksFile = join(dir, 'jwks.json');
  pdfFile = join(dir, 'certificate.pdf');
  writeFileSync(jwksFile, await (await runtime.request('/.well-known/jwks.json')).text());
  writeFileSync(pdfFile, await downloadPdf(runtime, cert));
});
afterAll(() => runtime?.stop());

const verify = (...args: string[]) => runVerifyCli(args);

describe('offline', () => {
  test('a genuine QR text: signature valid, status plainly not checked, cannot confirm, exit 1', async () => {
    // Prepare: the QR's address points nowhere (the base URL is not signed), so any network use would show
    const unreachable = `http://127.0.0.1:9/v/${payloadOf(cert.qr.text)}`;
    // Act
    const run = await verify(unreachable, '--offline', '--jwks', jwksFile);
    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('无法确认 CANNOT CONFIRM');
    expect(run.stdout).toContain('✓ 数字签名 Signature: 通过 PASS [SIGNATURE_OK]');
    expect(run.stdout).toContain('– PDF 文件签名 PDF signature: 不适用 NOT APPLICABLE [PDF_SIGNATURE_NOT_APPLICABLE]');
    expect(run.stdout).toContain('Status was not checked offline.');
    expect(run.stdout).toContain('Offline: the status (revoked, suspended, cancelled) was NOT checked.');
    expect(run.stdout).toContain(cert.licenceNo);
  });

  test('the PDF file, as JSON (its own PDF signature not checked offline yet: not applicable)', async () => {
    const run = await verify(pdfFile, '--offline', '--jwks', jwksFile, '--json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      verdict: 'cannot-confirm',
      mode: 'offline',
      signatureValid: true,
      claims: { licenceNo: cert.licenceNo },
    });
    expect(result.checks[2]).toMatchObject({
      name: 'pdfSignature',
      outcome: 'skipped',
      code: 'PDF_SIGNATURE_NOT_APPLICABLE',
    });
  });

  test('an altered QR: invalid, exit 1', async () => {
    const payload = payloadOf(cert.qr.text);
    const altered = cert.qr.text.replace(payload, `${payload.slice(0, -2)}${payload.endsWith('AA') ? 'BA' : 'AA'}`);
    const run = await verify(altered, '--offline', '--jwks', jwksFile, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'invalid', signatureValid: false });
  });
});

describe('online', () => {
  test('asks the QR’s own address: valid, exit 0; after revocation: revoked, exit 1', async () => {
    // Act
    const valid = await verify(cert.qr.text);
    const fileValid = await verify(pdfFile, '--url', runtime.baseUrl, '--json');
    const other = await issueCertificate(runtime, 902);
    await changeStatus(runtime, other, 'revoke');
    const revoked = await verify(other.qr.text, '--url', runtime.baseUrl);
    // Assess
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('有效 VALID');
    expect(fileValid.code).toBe(0);
    expect(JSON.parse(fileValid.stdout).verdict).toBe('valid');
    // Online, the file went to verify-file, which checked its PDF signature (PAdES, by the development CA).
    expect(JSON.parse(fileValid.stdout).checks[2]).toMatchObject({ code: 'PDF_SIGNATURE_VALID' });
    expect(revoked.code).toBe(1);
    expect(revoked.stdout).toContain('已吊销 REVOKED');
  });
});

describe('usage errors exit 2', () => {
  test.each([
    [[]],
    [['--offline', 'x']],
    [['x', '--offline', '--jwks', '/nonexistent/jwks.json']],
    [['x', '--bogus']],
    [['a', 'b']],
  ])('%j', async (args) => {
    const run = await verify(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run verify');
  });
});
