/**
 * verifyOffline: signature and validity from the QR (or a PDF's embedded QR, or a compact JWS) against a saved JWKS,
 * no network, and an answer that says plainly that status was not checked.
 */
import { describe, expect, test } from 'vitest';
import { verifyOffline } from '../../../../lambdas/domain/verification/offline';
import type { VerificationResult } from '../../../../lambdas/domain/verification/result';
import { verificationWorld } from '../../../support/verification-world';

const checksOf = (r: VerificationResult) => Object.fromEntries(r.checks.map((c) => [c.name, `${c.outcome}:${c.code}`]));

async function fixture() {
  const w = await verificationWorld();
  const v1 = await w.issue(w.certificate());
  const jwks = (await w.store.keySet()).toJwks();
  return { w, v1, jwks, now: new Date('2026-10-01T12:00:00+08:00') };
}

describe('verifyOffline', () => {
  test.each([
    ['the QR text', (v: { qrText: string }) => v.qrText],
    ['the bare payload', (v: { payload: string }) => v.payload],
    ['the compact JWS', (v: { jws: string }) => v.jws],
    ['the PDF bytes', (v: { pdf: Uint8Array }) => v.pdf],
  ])('a genuine certificate from %s: cannot-confirm, signature valid, status not checked', async (_, input) => {
    // Prepare
    const { v1, jwks, now } = await fixture();
    // Act
    const result = await verifyOffline(input(v1), jwks, { now });
    // Assess
    expect(result).toMatchObject({
      verdict: 'cannot-confirm',
      mode: 'offline',
      signatureValid: true,
      statusAsOf: null,
    });
    expect(checksOf(result)).toEqual({
      format: 'pass:FORMAT_OK',
      signature: 'pass:SIGNATURE_OK',
      // Offline checks the QR alone, also inside a PDF (the CLI's file check comes with the PAdES adapter).
      pdfSignature: 'skipped:PDF_SIGNATURE_NOT_APPLICABLE',
      record: 'skipped:RECORD_OFFLINE',
      status: 'skipped:STATUS_OFFLINE',
      validity: 'pass:WITHIN_VALIDITY',
      version: 'skipped:VERSION_OFFLINE',
    });
    expect(result.checks.find((c) => c.name === 'status')?.reason.en).toBe('Status was not checked offline.');
    expect(result.claims?.licenceNo).toBe(v1.claims.licenceNo);
  });

  test('past the last day of validity: expired (a definite answer, offline too)', async () => {
    const { v1, jwks } = await fixture();
    const result = await verifyOffline(v1.qrText, jwks, { now: new Date('2031-09-28T00:00:00+08:00') });
    expect(result.verdict).toBe('expired');
    expect(checksOf(result).validity).toBe('fail:EXPIRED');
  });

  test('an altered QR: invalid', async () => {
    const { v1, jwks, now } = await fixture();
    const i = v1.qrText.length - 10;
    const altered = `${v1.qrText.slice(0, i)}${v1.qrText[i] === 'A' ? 'B' : 'A'}${v1.qrText.slice(i + 1)}`;
    const result = await verifyOffline(altered, jwks, { now });
    expect(result.verdict).toBe('invalid');
    expect(checksOf(result).signature).toBe('fail:SIGNATURE_INVALID');
  });

  test('a key set that is not a valid JWKS: signature unavailable, cannot-confirm', async () => {
    const { v1, jwks, now } = await fixture();
    const withPrivate = { keys: jwks.keys.map((k) => ({ ...k, d: 'AAAA' })) };
    for (const bad of [{}, null, withPrivate]) {
      const result = await verifyOffline(v1.qrText, bad, { now });
      expect(result.verdict).toBe('cannot-confirm');
      expect(checksOf(result).signature).toBe('unavailable:KEYS_UNAVAILABLE');
    }
  });
});
