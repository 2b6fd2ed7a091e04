import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EXAMPLE_RESULTS } from '../../../../lambdas/domain/verification/examples';
import { VerificationResultBody } from '../../../../lambdas/domain/verification/schema';

describe('VerificationResultBody', () => {
  it.each(Object.entries(EXAMPLE_RESULTS))('accepts the %s example as JSON', (_name, result) => {
    expect(VerificationResultBody.safeParse(JSON.parse(JSON.stringify(result))).success).toBe(true);
  });

  it('refuses a green answer the rule would never give', () => {
    // Prepare
    const offlineGreen = { ...EXAMPLE_RESULTS.offline, verdict: 'valid' };
    const unavailableGreen = { ...EXAMPLE_RESULTS.unavailable, verdict: 'valid' };
    const reordered = { ...EXAMPLE_RESULTS.valid, checks: [...EXAMPLE_RESULTS.valid.checks].reverse() };
    const lyingSignature = { ...EXAMPLE_RESULTS.forged, signatureValid: true };
    const fileUnchecked = {
      ...EXAMPLE_RESULTS.file,
      checks: EXAMPLE_RESULTS.file.checks.map((c) =>
        c.name === 'pdfSignature' ? { ...c, outcome: 'unavailable', code: 'PDF_SIGNATURE_UNAVAILABLE' } : c,
      ),
    };
    const sixChecks = {
      ...EXAMPLE_RESULTS.valid,
      checks: EXAMPLE_RESULTS.valid.checks.filter((c) => c.name !== 'pdfSignature'),
    };

    // Assess
    for (const body of [offlineGreen, unavailableGreen, reordered, lyingSignature, fileUnchecked, sixChecks]) {
      expect(VerificationResultBody.safeParse(body).success).toBe(false);
    }
  });

  it('lets a green answer carry the neutral PDF signature skips only', () => {
    // Prepare
    const unsignedFile = {
      ...EXAMPLE_RESULTS.file,
      checks: EXAMPLE_RESULTS.file.checks.map((c) =>
        c.name === 'pdfSignature' ? { ...c, outcome: 'skipped', code: 'PDF_SIGNATURE_ABSENT' } : c,
      ),
    };

    // Assess
    expect(VerificationResultBody.safeParse(unsignedFile).success).toBe(true);
    expect(VerificationResultBody.safeParse(EXAMPLE_RESULTS.valid).success).toBe(true); // not applicable
  });

  it('becomes the VerificationResult JSON Schema component, with examples', () => {
    const schema = z.toJSONSchema(VerificationResultBody, {
      target: 'draft-2020-12',
      io: 'output',
      unrepresentable: 'any',
      reused: 'inline',
    }) as { $ref?: string; $defs?: Record<string, { examples?: unknown[]; properties?: Record<string, unknown> }> };
    expect(schema.$ref).toBe('#/$defs/VerificationResult');
    expect(Object.keys(schema.$defs ?? {}).sort()).toEqual(
      [
        'BilingualText',
        'LogInclusion',
        'PublicCertificate',
        'SignedClaims',
        'VerificationCheck',
        'VerificationResult',
      ].sort(),
    );
    const component = schema.$defs?.VerificationResult;
    expect(component?.examples).toHaveLength(5); // valid, revoked, forged, offline, a file altered after signing
    expect(Object.keys(component?.properties ?? {})).toEqual([
      'verdict',
      'mode',
      'signatureValid',
      'summary',
      'checks',
      'claims',
      'certificate',
      'statusAsOf',
      'checkedAt',
      'log',
    ]);
  });
});
