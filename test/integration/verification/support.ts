/**
 * Helpers for the verification tests: issue and change certificates through the runtime's HTTP API, fetch their
 * PDFs, and ask the verify routes for JSON results.
 *
 * @example
 * const cert = await issueCertificate(runtime, 7);
 * const result = await verifyPath(runtime, `/v/${payloadOf(cert.qr.text)}`);
 */
import { expect } from 'vitest';
import type { VerificationResult } from '../../../lambdas/domain/verification/result';
import { VerificationResultBody } from '../../../lambdas/domain/verification/schema';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import type { TestRuntime } from '../../support/runtime';

/** Issue a wires-and-cables certificate for a fresh enterprise. */
export async function issueCertificate(runtime: TestRuntime, seed: number, products = ['06-001']) {
  const res = await runtime.request('/v1/certificates', {
    as: 'officer',
    ...jsonRequest(issueBody({ seed, products })),
  });
  expect(res.status).toBe(201);
  return readJson<CertificateJson>(res);
}

export async function changeStatus(
  runtime: TestRuntime,
  cert: CertificateJson,
  action: 'suspend' | 'reinstate' | 'revoke' | 'cancel',
  publicReason = '产品监督抽查不合格',
): Promise<void> {
  const res = await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}/status`, {
    as: 'officer',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      action,
      publicReason,
      legalBasis: '《工业产品生产许可证管理条例》第四十五条',
      internalNotes: '内部备注：勿公开',
    }),
  });
  expect(res.status).toBe(200);
}

/** The issued PDF's bytes (an officer's audited download). */
export async function downloadPdf(runtime: TestRuntime, cert: CertificateJson): Promise<Uint8Array> {
  const redirect = await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}/pdf`, {
    as: 'officer',
    redirect: 'manual',
  });
  expect(redirect.status).toBe(302);
  const pdf = await fetch(redirect.headers.get('location') ?? '');
  return new Uint8Array(await pdf.arrayBuffer());
}

/** The Base32 payload of a QR text. */
export const payloadOf = (qrText: string): string => qrText.slice(qrText.lastIndexOf('/v/') + 3);

/** GET a verify path as JSON; asserts a JSON body that satisfies the result schema. */
export async function verifyPath(
  runtime: TestRuntime,
  path: string,
  expectedStatus = 200,
): Promise<VerificationResult> {
  const res = await runtime.request(path, { headers: { accept: 'application/json' } });
  expect(res.status).toBe(expectedStatus);
  return parseResult(res);
}

/** POST a JSON body or a PDF to /v1/verify. */
export async function verifySubmission(
  runtime: TestRuntime,
  body: { qr: string; licenceNo?: string } | Uint8Array,
): Promise<VerificationResult> {
  const res = await postVerify(runtime, body);
  expect(res.status).toBe(200);
  return parseResult(res);
}

export function postVerify(runtime: TestRuntime, body: unknown): Promise<Response> {
  const isPdf = body instanceof Uint8Array;
  return runtime.request('/v1/verify', {
    method: 'POST',
    headers: { 'content-type': isPdf ? 'application/pdf' : 'application/json' },
    body: isPdf ? body : JSON.stringify(body),
  });
}

async function parseResult(res: Response): Promise<VerificationResult> {
  expect(res.headers.get('content-type')).toContain('application/json');
  return VerificationResultBody.parse(await res.json()) as VerificationResult;
}

/** `name → outcome/code` of every check, for compact assertions. */
export const checksOf = (result: VerificationResult): Record<string, string> =>
  Object.fromEntries(result.checks.map((c) => [c.name, `${c.outcome}:${c.code}`]));
