/**
 * verifyCertificate with the real caches, key store and result model over an in-memory register, on a ManualClock:
 * every verdict, the record match, expiry on Shanghai dates, and degradation when a dependency fails.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { PdfSignatureFinding } from '../../../lambdas/domain/pdf-signature/finding';
import { CHECK_NAMES, type VerificationResult } from '../../../lambdas/domain/verification/result';
import type { PdfSignatureCheck } from '../../../lambdas/ports/pdf-signature-check';
import { verifyCertificate } from '../../../lambdas/use-cases/verify-certificate';
import { BASE_URL, type FakeRegister, fakePdf, sha256, verificationWorld } from '../../support/verification-world';

const checksOf = (r: VerificationResult) => Object.fromEntries(r.checks.map((c) => [c.name, `${c.outcome}:${c.code}`]));

describe('a genuine QR', () => {
  test('is valid with its checks passing (no file: the PDF signature not applicable), the public fields and statusAsOf', async () => {
    // Prepare
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    // Act
    const result = await w.verify({ kind: 'payload', payload: v1.payload });
    // Assess
    expect(result.verdict).toBe('valid');
    expect(result.checks.map((c) => c.code)).toEqual([
      'FORMAT_OK',
      'SIGNATURE_OK',
      'PDF_SIGNATURE_NOT_APPLICABLE',
      'RECORD_OK',
      'STATUS_VALID',
      'WITHIN_VALIDITY',
      'VERSION_LATEST',
    ]);
    expect(result.claims).toEqual({
      licenceNo: v1.claims.licenceNo,
      version: 1,
      uscc: v1.claims.uscc,
      issueDate: '2026-09-28',
      validUntil: '2031-09-27',
    });
    expect(result.certificate).toMatchObject({ version: 1, latestVersion: 1, status: 'valid' });
    expect(result.certificate?.statusChangedAt).toBeUndefined();
    expect(result.statusAsOf).toBe(w.clock.now().toISOString());
  });

  test.each([
    ['the scanned text', (f: { qrText: string }) => ({ kind: 'qr' as const, text: f.qrText })],
    ['the bare payload as text', (f: { payload: string }) => ({ kind: 'qr' as const, text: f.payload })],
    ['the file', (f: { pdf: Uint8Array }) => ({ kind: 'pdf' as const, bytes: f.pdf })],
  ])('verifies the same through %s', async (_, request) => {
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    expect((await w.verify(request(v1))).verdict).toBe('valid');
  });

  test('is valid through its last day and expired from the next day (Asia/Shanghai)', async () => {
    // Prepare
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    // Act
    w.clock.set('2031-09-27T23:59:59+08:00');
    const lastDay = await w.verify({ kind: 'payload', payload: v1.payload });
    w.clock.set('2031-09-28T00:00:00+08:00'); // still 2031-09-27 in UTC
    const dayAfter = await w.verify({ kind: 'payload', payload: v1.payload });
    // Assess
    expect(lastDay.verdict).toBe('valid');
    expect(dayAfter.verdict).toBe('expired');
    expect(checksOf(dayAfter).validity).toBe('fail:EXPIRED');
  });

  test.each([
    ['suspend', 'suspended', 'STATUS_SUSPENDED'],
    ['revoke', 'revoked', 'STATUS_REVOKED'],
    ['cancel', 'cancelled', 'STATUS_CANCELLED'],
  ] as const)(
    'after %s the verdict is %s, with the date and the published reason only',
    async (action, verdict, code) => {
      // Prepare
      const w = await verificationWorld();
      const certificate = w.certificate();
      const v1 = await w.issue(certificate);
      w.clock.set('2026-11-20T17:30:00Z'); // 2026-11-21 in Wuhan
      w.changeStatus(certificate, action, '经整改复查仍不合格');
      // Act
      const result = await w.verify({ kind: 'payload', payload: v1.payload });
      // Assess
      expect(result.verdict).toBe(verdict);
      expect(checksOf(result).status).toBe(`fail:${code}`);
      expect(result.checks.find((c) => c.name === 'status')?.reason.en).toContain('2026-11-21');
      expect(result.certificate).toMatchObject({
        status: verdict,
        statusChangedAt: '2026-11-20T17:30:00.000Z',
        publicReason: '经整改复查仍不合格',
      });
      expect(JSON.stringify(result)).not.toContain('内部备注');
    },
  );

  test('a revoked licence past its last day is shown as revoked (status outranks expiry)', async () => {
    const w = await verificationWorld();
    const certificate = w.certificate();
    const v1 = await w.issue(certificate);
    w.changeStatus(certificate, 'revoke');
    w.clock.set('2032-01-01T00:00:00+08:00');
    const result = await w.verify({ kind: 'payload', payload: v1.payload });
    expect(result.verdict).toBe('revoked');
    expect(checksOf(result).validity).toBe('fail:EXPIRED');
  });

  test('an older version stays valid with a newer-version warning and its own public fields', async () => {
    // Prepare
    const w = await verificationWorld();
    const first = w.certificate();
    const v1 = await w.issue(first);
    w.clock.advance({ days: 10 });
    await w.issue(w.addProducts(first));
    // Act
    const result = await w.verify({ kind: 'payload', payload: v1.payload });
    // Assess
    expect(result.verdict).toBe('valid');
    expect(checksOf(result).version).toBe('pass:NEWER_VERSION');
    expect(result.checks.find((c) => c.name === 'version')?.warning?.en).toContain('version 2');
    expect(result.certificate).toMatchObject({ version: 1, latestVersion: 2 });
    expect(result.certificate?.products).toHaveLength(1);
  });
});

describe('the record check', () => {
  test('a genuine signature over a licence the register does not have: invalid, record not found', async () => {
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    w.register.heads.clear();
    const result = await w.verify({ kind: 'payload', payload: v1.payload });
    expect(result.verdict).toBe('invalid');
    expect(checksOf(result)).toMatchObject({ signature: 'pass:SIGNATURE_OK', record: 'fail:RECORD_NOT_FOUND' });
    expect(result.signatureValid).toBe(true);
    expect(result.certificate).toBeNull();
  });

  test('a version newer than the register’s current one: invalid, mismatch', async () => {
    const w = await verificationWorld();
    const first = w.certificate();
    await w.issue(first);
    const v2 = await w.issue(w.addProducts(first));
    const head = w.register.heads.get(v2.claims.licenceNo);
    w.register.heads.set(v2.claims.licenceNo, { ...(head as NonNullable<typeof head>), currentVersion: 1 });
    const result = await w.verify({ kind: 'payload', payload: v2.payload });
    expect(checksOf(result).record).toBe('fail:RECORD_MISMATCH');
  });

  test.each([
    ['a USCC', { enterprise: 'uscc' }],
    ['a valid-until date', { validUntil: '2031-09-28' }],
    ['a signing time (a back-dated re-signature)', { signedAt: '2026-09-28T00:59:59.000Z' }],
    ['a key', { kid: 'another-key' }],
  ])('claims that differ from the issued version in %s: invalid, mismatch', async (_, change) => {
    // Prepare: the stored version record says something else than the genuine signature
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    const key = `${v1.claims.licenceNo}#1`;
    const stored = v1.version;
    w.register.versions.set(key, {
      ...stored,
      ...('kid' in change ? { kid: change.kid } : {}),
      ...('signedAt' in change ? { signedAt: change.signedAt } : {}),
      certificate: {
        ...stored.certificate,
        ...('validUntil' in change ? { validUntil: change.validUntil as typeof stored.certificate.validUntil } : {}),
        enterprise: {
          ...stored.certificate.enterprise,
          ...('enterprise' in change
            ? { uscc: '91420100MA4K2X1R09' as typeof stored.certificate.enterprise.uscc }
            : {}),
        },
      },
    });
    // Act
    const result = await w.verify({ kind: 'payload', payload: v1.payload });
    // Assess
    expect(result.verdict).toBe('invalid');
    expect(checksOf(result).record).toBe('fail:RECORD_MISMATCH');
  });

  test('licence A’s genuine QR presented with licence B’s number: invalid, mismatch (both forms of B)', async () => {
    const w = await verificationWorld();
    const a = await w.issue(w.certificate(1));
    const b = await w.issue(w.certificate(2));
    for (const licenceNo of [b.claims.licenceNo, '42-XK06-001-00002', '（鄂）XK06-001-00002', 'garbage']) {
      const result = await w.verify({ kind: 'qr', text: a.qrText, licenceNo });
      expect(result.verdict).toBe('invalid');
      expect(checksOf(result)).toMatchObject({ signature: 'pass:SIGNATURE_OK', record: 'fail:RECORD_MISMATCH' });
    }
    expect((await w.verify({ kind: 'qr', text: a.qrText, licenceNo: '42-XK06-001-00001' })).verdict).toBe('valid');
  });
});

describe('a file', () => {
  test('whose digest is another issued version than its QR names: invalid, altered', async () => {
    // Prepare: licence B's registered bytes relabelled as A's digest entry
    const w = await verificationWorld();
    const a = await w.issue(w.certificate(1));
    const b = await w.issue(w.certificate(2));
    w.register.digests.set(sha256(a.pdf), { licenceNo: b.version.licenceNo, version: 1 });
    // Act
    const result = await w.verify({ kind: 'pdf', bytes: a.pdf });
    // Assess
    expect(result.verdict).toBe('invalid');
    expect(checksOf(result).record).toBe('fail:FILE_ALTERED');
  });

  test('with A’s genuine QR in its metadata but other bytes: invalid, altered', async () => {
    const w = await verificationWorld();
    const a = await w.issue(w.certificate(1));
    const result = await w.verify({ kind: 'pdf', bytes: fakePdf(a.qrText, 'edited') });
    expect(checksOf(result)).toMatchObject({ signature: 'pass:SIGNATURE_OK', record: 'fail:FILE_ALTERED' });
  });

  test('without QR metadata: invalid at the format check', async () => {
    const w = await verificationWorld();
    const result = await w.verify({ kind: 'pdf', bytes: new TextEncoder().encode('%PDF-1.7\n%%EOF\n') });
    expect(result.verdict).toBe('invalid');
    expect(checksOf(result).format).toBe('fail:QR_FORMAT');
  });
});

describe('a file’s own PDF signature', () => {
  /** A PdfSignatureCheck answering `finding`, which records what it was given and how many head reads preceded it. */
  const fakeCheck = (finding: PdfSignatureFinding | Error, register?: FakeRegister) => {
    const calls: { bytes: Uint8Array; headReadsBefore: number }[] = [];
    const check: PdfSignatureCheck = {
      async check(bytes) {
        calls.push({ bytes, headReadsBefore: register?.headReads ?? 0 });
        if (finding instanceof Error) throw finding;
        return finding;
      },
    };
    return { check, calls };
  };

  test('is checked with the uploaded bytes, before the register is read, and its finding listed', async () => {
    // Prepare
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    const fake = fakeCheck({ state: 'valid', level: 'B-B', signer: '湖北省市场监督管理局' }, w.register);
    // Act
    const result = await verifyCertificate({ ...w.deps, pdfSignatures: fake.check }, { kind: 'pdf', bytes: v1.pdf });
    // Assess
    expect(result.verdict).toBe('valid');
    expect(result.checks.map((c) => c.name)).toEqual([...CHECK_NAMES]);
    expect(checksOf(result).pdfSignature).toBe('pass:PDF_SIGNATURE_VALID');
    expect(fake.calls).toEqual([{ bytes: v1.pdf, headReadsBefore: 0 }]);
  });

  test.each([
    [{ state: 'absent' }, 'skipped:PDF_SIGNATURE_ABSENT', 'valid'],
    [{ state: 'invalid', problem: 'digest' }, 'fail:PDF_SIGNATURE_DIGEST', 'invalid'],
    [{ state: 'invalid', problem: 'untrusted-chain' }, 'fail:PDF_SIGNATURE_UNTRUSTED_CHAIN', 'invalid'],
    [{ state: 'unavailable' }, 'unavailable:PDF_SIGNATURE_UNAVAILABLE', 'cannot-confirm'],
  ] as const)('%o of an issued file: %s, verdict %s', async (finding, check, verdict) => {
    // Prepare
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    // Act
    const result = await verifyCertificate(
      { ...w.deps, pdfSignatures: fakeCheck(finding).check },
      { kind: 'pdf', bytes: v1.pdf },
    );
    // Assess
    expect(checksOf(result)).toMatchObject({ record: 'pass:RECORD_OK', pdfSignature: check });
    expect(result.verdict).toBe(verdict);
  });

  test('a revoked licence’s unsigned file stays revoked: absent changes no verdict', async () => {
    // Prepare
    const w = await verificationWorld();
    const certificate = w.certificate();
    const v1 = await w.issue(certificate);
    w.changeStatus(certificate, 'revoke', '经整改复查仍不合格');
    // Act
    const result = await verifyCertificate(
      { ...w.deps, pdfSignatures: fakeCheck({ state: 'absent' }).check },
      { kind: 'pdf', bytes: v1.pdf },
    );
    // Assess
    expect(result.verdict).toBe('revoked');
  });

  test('is listed even when the file has no QR, and a broken one is invalid on its own', async () => {
    const w = await verificationWorld();
    const bytes = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
    const result = await verifyCertificate(
      { ...w.deps, pdfSignatures: fakeCheck({ state: 'invalid', problem: 'malformed' }).check },
      { kind: 'pdf', bytes },
    );
    expect(checksOf(result)).toMatchObject({ format: 'fail:QR_FORMAT', pdfSignature: 'fail:PDF_SIGNATURE_MALFORMED' });
    expect(result.verdict).toBe('invalid');
  });

  test('an adapter that throws after all: unavailable and reported, cannot-confirm, no throw', async () => {
    // Prepare
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    const reported: string[] = [];
    const deps = {
      ...w.deps,
      pdfSignatures: fakeCheck(new Error('trust store unreadable')).check,
      onDependencyError: (dependency: string) => reported.push(dependency),
    };
    // Act
    const result = await verifyCertificate(deps, { kind: 'pdf', bytes: v1.pdf });
    // Assess
    expect(checksOf(result).pdfSignature).toBe('unavailable:PDF_SIGNATURE_UNAVAILABLE');
    expect(result.verdict).toBe('cannot-confirm');
    expect(reported).toEqual(['pdfSignatures']);
  });

  test('without a checker (the verify function), a file lists it as not applicable and stays valid', async () => {
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    const result = await w.verify({ kind: 'pdf', bytes: v1.pdf });
    expect(checksOf(result).pdfSignature).toBe('skipped:PDF_SIGNATURE_NOT_APPLICABLE');
    expect(result.verdict).toBe('valid');
  });

  test('a QR, a payload or a lookup never asks the checker: not applicable, and the verdict unchanged', async () => {
    // Prepare
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    const fake = fakeCheck({ state: 'invalid', problem: 'digest' });
    const deps = { ...w.deps, pdfSignatures: fake.check };
    // Act
    const results = [
      await verifyCertificate(deps, { kind: 'qr', text: v1.qrText }),
      await verifyCertificate(deps, { kind: 'payload', payload: v1.payload }),
      await verifyCertificate(deps, { kind: 'lookup', licenceNo: v1.claims.licenceNo }),
    ];
    // Assess
    expect(fake.calls).toEqual([]);
    for (const result of results) {
      expect(checksOf(result).pdfSignature).toBe('skipped:PDF_SIGNATURE_NOT_APPLICABLE');
      expect(result.verdict).toBe('valid');
    }
  });
});

describe('lookup by licence number', () => {
  test('finds the licence, or says the number is malformed or unknown', async () => {
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate(3));
    const found = await w.verify({ kind: 'lookup', licenceNo: '42-XK06-001-00003' });
    const malformed = await w.verify({ kind: 'lookup', licenceNo: '<script>alert(1)</script>' });
    const unknown = await w.verify({ kind: 'lookup', licenceNo: '(鄂)XK06-001-09999' });
    expect(found).toMatchObject({ verdict: 'valid', mode: 'lookup', signatureValid: false });
    expect(checksOf(found).pdfSignature).toBe('skipped:PDF_SIGNATURE_NOT_APPLICABLE');
    expect(checksOf(malformed).pdfSignature).toBe('skipped:PDF_SIGNATURE_NOT_APPLICABLE');
    expect(found.certificate?.licenceNo).toBe(v1.claims.licenceNo);
    expect(checksOf(malformed).format).toBe('fail:LICENCE_NO_INVALID');
    expect(malformed.verdict).toBe('invalid');
    expect(checksOf(unknown).record).toBe('fail:RECORD_NOT_FOUND');
  });
});

describe('degradation: never green, never a throw', () => {
  test.each(['error', 'hang'] as const)(
    'register %s: the signature still runs; record and status unavailable; cannot-confirm',
    async (failure) => {
      // Prepare
      const w = await verificationWorld();
      const v1 = await w.issue(w.certificate());
      w.register.failure = failure;
      // Act
      const result = await w.verify({ kind: 'payload', payload: v1.payload });
      const lookup = await w.verify({ kind: 'lookup', licenceNo: v1.claims.licenceNo });
      // Assess
      expect(result.verdict).toBe('cannot-confirm');
      expect(checksOf(result)).toEqual({
        format: 'pass:FORMAT_OK',
        signature: 'pass:SIGNATURE_OK',
        pdfSignature: 'skipped:PDF_SIGNATURE_NOT_APPLICABLE',
        record: 'unavailable:RECORD_UNAVAILABLE',
        status: 'unavailable:STATUS_UNAVAILABLE',
        validity: 'pass:WITHIN_VALIDITY',
        version: 'unavailable:VERSION_UNAVAILABLE',
      });
      expect(result.statusAsOf).toBeNull();
      expect(lookup.verdict).toBe('cannot-confirm');
      expect(checksOf(lookup).record).toBe('unavailable:RECORD_UNAVAILABLE');
    },
  );

  test('register down: a forged QR is still invalid and an expired genuine one still expired', async () => {
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    w.register.failure = 'error';
    const flipped = `${v1.payload.slice(0, 100)}${v1.payload[100] === 'A' ? 'B' : 'A'}${v1.payload.slice(101)}`;
    expect((await w.verify({ kind: 'payload', payload: flipped })).verdict).toBe('invalid');
    w.clock.set('2032-01-01T00:00:00+08:00');
    expect((await w.verify({ kind: 'payload', payload: v1.payload })).verdict).toBe('expired');
  });

  test('key set unreadable: signature unavailable, cannot-confirm; a malformed QR is still invalid', async () => {
    // Prepare
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    const deps = {
      ...w.deps,
      keys: { get: () => Promise.reject(new Error('ring unreadable')), refresh: async () => undefined },
    };
    const { verifyCertificate } = await import('../../../lambdas/use-cases/verify-certificate');
    // Act
    const genuine = await verifyCertificate(deps, { kind: 'payload', payload: v1.payload });
    const malformed = await verifyCertificate(deps, { kind: 'payload', payload: 'NOTBASE32!' });
    // Assess
    expect(genuine.verdict).toBe('cannot-confirm');
    expect(checksOf(genuine).signature).toBe('unavailable:KEYS_UNAVAILABLE');
    expect(genuine.signatureValid).toBe(false);
    expect(malformed.verdict).toBe('invalid');
  });

  test('any text at all gives a result, never an exception, and never valid', async () => {
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.stringMatching(/^[A-Z2-7]{150,170}$/),
          fc.constant(`${BASE_URL}/v/`),
        ),
        async (text) => {
          const results = await Promise.all([
            w.verify({ kind: 'qr', text }),
            w.verify({ kind: 'payload', payload: text }),
            w.verify({ kind: 'lookup', licenceNo: text }),
          ]);
          for (const r of results) expect(r.verdict === 'valid' && text !== v1.payload).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});
