/**
 * PDF signatures end to end through the local runtime (issue 18's "done when"): a certificate issued through the API
 * is downloaded and `pdfsig` (poppler, trusting only the runtime's development CA) shows it signed, valid and
 * timestamped; `qpdf` finds it clean; the same file with one byte changed is invalid through `POST /v1/verify` and the
 * offline CLI. A TSA outage during issuance still issues (B-B, a timestamp request written with it), and the
 * timestamper adds the document timestamp once the TSA is back: the B-T file is served, both files verify.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfTimestamperDeps } from '../../../lambdas/composition/pdf-timestamps';
import { timestampPdfs } from '../../../lambdas/use-cases/pdf-timestamps/upgrade';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import type { CertificateJson } from '../../support/certificates';
import { pdfsig, qpdfCheck } from '../../support/pades-pki';
import { runVerifyCli } from '../../support/processes';
import { drainQueue } from '../../support/queues';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { checksOf, downloadPdf, issueCertificate, verifySubmission } from '../verification/support';

let runtime: TestRuntime;
let sqs: SQSClient;
let caPem: string;

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false });
  sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
  caPem = readFileSync(join(runtime.dataDir, 'keys', 'dev-ca.pem'), 'utf8');
});
afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
});

const receiveTimestampRequests = (): Promise<string[]> => drainQueue(sqs, runtime.names.queues.pdfTimestamps.url);

const view = async (cert: CertificateJson): Promise<CertificateJson> =>
  (
    await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}`, { as: 'officer' })
  ).json() as Promise<CertificateJson>;

describe('PDF signatures through npm start', () => {
  test('issued, downloaded: pdfsig says signed, valid and trusted; one byte changed is invalid everywhere', async () => {
    // Prepare
    const cert = await issueCertificate(runtime, 1801);
    // Act
    const pdf = await downloadPdf(runtime, cert);
    // Assess: the readers' own tools
    expect(cert.pdf.signature).toBe('B-T');
    const report = pdfsig(pdf, caPem);
    expect(report).toContain('Signature Field Name: Permit-Signature');
    expect(report).toContain('Signer Certificate Common Name: 湖北省市场监督管理局 电子证照签章 (development)');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Certificate Validation: Certificate is Trusted.');
    expect(report).toContain('Total document signed');
    expect(qpdfCheck(pdf).status).toBe(0);
    // Assess: Permit's own checks, online and offline
    const online = await verifySubmission(runtime, pdf);
    expect(online.verdict).toBe('valid');
    expect(checksOf(online).pdfSignature).toBe('pass:PDF_SIGNATURE_VALID');
    // Act: one byte changed inside the signed range (the page's artwork, far from the QR metadata)
    const changed = pdf.slice();
    changed[2000] = (changed[2000] as number) ^ 0x20;
    // Assess
    expect(pdfsig(changed, caPem)).toContain('Signature Validation: Digest Mismatch.');
    const refused = await verifySubmission(runtime, changed);
    expect(refused.verdict).toBe('invalid');
    expect(checksOf(refused).pdfSignature).toBe('fail:PDF_SIGNATURE_DIGEST');
    const dir = runtime.dataDir;
    writeFileSync(join(dir, 'changed.pdf'), changed);
    writeFileSync(join(dir, 'jwks.json'), await (await runtime.request('/.well-known/jwks.json')).text());
    const anchors = join(dir, 'keys', 'pades-trust-anchors.pem');
    const cli = await runVerifyCli([
      join(dir, 'changed.pdf'),
      '--offline',
      '--jwks',
      join(dir, 'jwks.json'),
      '--trust-anchors',
      anchors,
    ]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('PDF_SIGNATURE_DIGEST');
    writeFileSync(join(dir, 'genuine.pdf'), pdf);
    const genuine = await runVerifyCli([
      join(dir, 'genuine.pdf'),
      '--offline',
      '--jwks',
      join(dir, 'jwks.json'),
      '--trust-anchors',
      anchors,
      '--json',
    ]);
    expect(JSON.parse(genuine.stdout).checks[2]).toMatchObject({ name: 'pdfSignature', code: 'PDF_SIGNATURE_VALID' });
  });

  test('a TSA outage still issues (B-B); the timestamper adds the document timestamp once the TSA is back', async () => {
    // Prepare: the TSA down during issuance
    runtime.tsa.setAvailable(false);
    let cert: CertificateJson;
    try {
      cert = await issueCertificate(runtime, 1802);
    } finally {
      runtime.tsa.setAvailable(true);
    }
    const first = await downloadPdf(runtime, cert);
    expect(cert.pdf.signature).toBe('B-B');
    expect(pdfsig(first, caPem)).toContain('Signature Validation: Signature is Valid.');
    expect(checksOf(await verifySubmission(runtime, first)).pdfSignature).toBe('pass:PDF_SIGNATURE_VALID');
    const requests = await receiveTimestampRequests();
    expect(requests.map((b) => JSON.parse(b))).toContainEqual({ licenceNo: cert.licenceNo, version: 1 });
    // Act: the timestamper's use case, wired as the function wires it (the real sealer, the local TSA)
    const outcomes = await timestampPdfs(pdfTimestamperDeps(), requests);
    // Assess: the served file is the B-T one, and it starts with the B-B file byte for byte
    expect(outcomes).toContainEqual({
      status: 'fulfilled',
      value: expect.objectContaining({ outcome: 'timestamped' }),
    });
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const after = await view(cert);
    expect(after.pdf.signature).toBe('B-T');
    expect(after.pdf.sha256).not.toBe(cert.pdf.sha256);
    const upgraded = await downloadPdf(runtime, cert);
    expect(Buffer.from(upgraded.subarray(0, first.length)).equals(Buffer.from(first))).toBe(true);
    const report = pdfsig(upgraded, caPem);
    expect(report).toContain('Signature #2');
    expect(report).toContain('Signature Field Name: Permit-Timestamp-2');
    const answer = await verifySubmission(runtime, upgraded);
    expect(answer.verdict).toBe('valid');
    expect(checksOf(answer).pdfSignature).toBe('pass:PDF_SIGNATURE_VALID');
    expect(answer.checks.find((c) => c.name === 'pdfSignature')?.reason.en).toMatch(/added later/i);
    // The earlier B-B file is still an issued file of the same version, and still verifies
    expect((await verifySubmission(runtime, first)).verdict).toBe('valid');
  });

  test('while the signing key has no certificate: issued unsigned (pdf.signature none), and that file verifies as not signed', async () => {
    // Prepare: the certificate bundle taken away, as in a cloud stage before the authority's CA issued one
    const bundle = join(runtime.dataDir, 'keys', 'pades-certificates.pem');
    renameSync(bundle, `${bundle}.away`);
    let cert: CertificateJson;
    try {
      // Act
      cert = await issueCertificate(runtime, 1803);
    } finally {
      renameSync(`${bundle}.away`, bundle);
    }
    // Assess
    expect(cert.pdf.signature).toBe('none');
    const pdf = await downloadPdf(runtime, cert);
    expect(pdfsig(pdf, caPem)).toContain('does not contain any signatures');
    const answer = await verifySubmission(runtime, pdf);
    expect(answer.verdict).toBe('valid');
    expect(checksOf(answer).pdfSignature).toBe('skipped:PDF_SIGNATURE_ABSENT');
    expect(await receiveTimestampRequests()).toEqual([]);
  });
});
