import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, test } from 'vitest';
import { PadesCheck } from '../../../../lambdas/adapters/pades/pades-check';
import { PadesSealer, type SealerEvent } from '../../../../lambdas/adapters/pades/pades-sealer';
import { timestampRequest, tokenFromResponse } from '../../../../lambdas/adapters/pades/tsp';
import { pem } from '../../../../lambdas/adapters/pades/x509';
import { renderCertificatePdf } from '../../../../lambdas/adapters/pdf/render-certificate';
import { createNodeSigner, type PrivateEcJwk } from '../../../../lambdas/adapters/signing/node-signer';
import { DependencyUnavailableError } from '../../../../lambdas/domain/errors';
import { findEmbeddedQrText } from '../../../../lambdas/domain/signing/embedded-qr';
import type { Signer } from '../../../../lambdas/ports/signer';
import type { TimestampAuthority } from '../../../../lambdas/ports/timestamp-authority';
import { base } from '../../../support/certificate-documents';
import { firstSignature, makePki, opensslVerify, pdfsig, qpdfCheck } from '../../../support/pades-pki';

const pki = makePki();
const AT = new Date('2026-12-06T05:00:00Z');
const signatory = {
  name: '湖北省市场监督管理局',
  reason: '签发全国工业产品生产许可证电子证书',
  location: '中国湖北省',
};
const caPem = pem('CERTIFICATE', pki.ca.certificate);
const check = new PadesCheck(async () => [pki.ca.certificate]);
const localTsa: TimestampAuthority = {
  timestamp: async (digest) => tokenFromResponse(await pki.tsa.respond(timestampRequest(digest)), digest),
};
const downTsa: TimestampAuthority = {
  timestamp: async () => {
    throw new DependencyUnavailableError('TSA_UNAVAILABLE', 'down');
  },
};

let rendered: Uint8Array;
let signer: Signer;
beforeAll(async () => {
  rendered = await renderCertificatePdf(base);
  signer = await createNodeSigner(pki.signerKeys.privateKey.export({ format: 'jwk' }) as PrivateEcJwk);
});

const sealerWith = (tsa?: TimestampAuthority, events: SealerEvent[] = []) =>
  new PadesSealer({
    certificates: { chainFor: async (kid) => (kid === signer.kid ? [...pki.chain] : undefined) },
    ...(tsa ? { tsa } : {}),
    signatory,
    report: (e) => events.push(e),
  });

describe('PAdES B-B', () => {
  test('pdfsig and openssl accept it, qpdf finds it clean, the render and its QR are untouched, ≤ 10 KB added', async () => {
    // Act
    const sealed = await sealerWith().seal(rendered, signer, AT);
    // Assess
    expect(sealed).toMatchObject({ level: 'B-B', timestampPending: false });
    const report = pdfsig(sealed.bytes, caPem);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Certificate Validation: Certificate is Trusted.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    const { covered, cms } = firstSignature(sealed.bytes);
    const verified = opensslVerify(cms, covered, pki.ca.certificate);
    expect(verified.out).toContain('Verification successful');
    expect(qpdfCheck(sealed.bytes).status).toBe(0);
    expect(Buffer.from(sealed.bytes.subarray(0, rendered.length)).equals(Buffer.from(rendered))).toBe(true);
    expect(findEmbeddedQrText(sealed.bytes)).toBe(base.qrText);
    const [before, after] = await Promise.all([rendered, sealed.bytes].map((b) => PDFDocument.load(b)));
    expect(after?.getTitle()).toBe(before?.getTitle());
    expect(sealed.bytes.length - rendered.length).toBeLessThanOrEqual(10 * 1024);
    expect(await check.check(sealed.bytes)).toEqual({
      state: 'valid',
      level: 'B-B',
      signer: '湖北省市场监督管理局 电子证照签章',
    });
  });

  test('two signatures of the same render differ (ECDSA), and both verify', async () => {
    // Act
    const [one, two] = await Promise.all([
      sealerWith().seal(rendered, signer, AT),
      sealerWith().seal(rendered, signer, AT),
    ]);
    // Assess
    const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(digest(one.bytes)).not.toBe(digest(two.bytes));
    expect((await check.check(one.bytes)).state).toBe('valid');
    expect((await check.check(two.bytes)).state).toBe('valid');
  });

  test('without a certificate for the key, the render is returned unsigned and the sealer says so', async () => {
    // Prepare
    const events: SealerEvent[] = [];
    const sealer = new PadesSealer({
      certificates: { chainFor: async () => undefined },
      signatory,
      report: (e) => events.push(e),
    });
    // Act
    const sealed = await sealer.seal(rendered, signer, AT);
    // Assess
    expect(sealed).toEqual({ bytes: rendered, level: 'unsigned', timestampPending: false });
    expect(events).toEqual([{ kind: 'no-certificate', kid: signer.kid }]);
  });
});

describe('PAdES B-T', () => {
  test('with a TSA the signature carries its timestamp, and pdfsig still accepts it', async () => {
    // Act
    const sealed = await sealerWith(localTsa).seal(rendered, signer, AT);
    // Assess
    expect(sealed).toMatchObject({ level: 'B-T', timestampPending: false });
    expect(pdfsig(sealed.bytes, caPem)).toContain('Signature is Valid.');
    expect(await check.check(sealed.bytes)).toMatchObject({
      state: 'valid',
      level: 'B-T',
      timestampedAt: pki.clock.now().toISOString(),
    });
  });

  test('a TSA outage gives B-B with the timestamp pending; the document timestamp added later is recognised', async () => {
    // Prepare
    const events: SealerEvent[] = [];
    const sealed = await sealerWith(downTsa, events).seal(rendered, signer, AT);
    // Act
    const upgraded = await sealerWith(localTsa).addDocumentTimestamp(sealed.bytes);
    // Assess
    expect(sealed).toMatchObject({ level: 'B-B', timestampPending: true });
    expect(events.map((e) => e.kind)).toEqual(['timestamp-failed']);
    expect(Buffer.from(upgraded.subarray(0, sealed.bytes.length)).equals(Buffer.from(sealed.bytes))).toBe(true);
    expect(await check.check(upgraded)).toMatchObject({ state: 'valid', level: 'B-T', documentTimestamp: true });
    expect(await check.check(sealed.bytes)).toMatchObject({ state: 'valid', level: 'B-B' });
    const report = pdfsig(upgraded, caPem);
    expect(report).toContain('Signature #2');
    expect(report).toContain('Permit-Timestamp-2');
    expect(qpdfCheck(upgraded).status).toBe(0);
  });

  test('a document timestamp needs a TSA that answers', async () => {
    // Prepare
    const sealed = await sealerWith().seal(rendered, signer, AT);
    // Act / Assess
    await expect(sealerWith().addDocumentTimestamp(sealed.bytes)).rejects.toMatchObject({ code: 'TSA_UNAVAILABLE' });
    await expect(sealerWith(downTsa).addDocumentTimestamp(sealed.bytes)).rejects.toMatchObject({
      code: 'TSA_UNAVAILABLE',
    });
  });
});
