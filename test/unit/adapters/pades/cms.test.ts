import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { describe, expect, it } from 'vitest';
import { bytes, compareDer, OID, sha256 } from '../../../../lambdas/adapters/pades/asn1';
import { signDetachedCms, verifyDetachedCms } from '../../../../lambdas/adapters/pades/cms';
import { timestampRequest, tokenFromResponse } from '../../../../lambdas/adapters/pades/tsp';
import { makePki, opensslVerify, SIGNER_NAME } from '../../../support/pades-pki';

const content = new TextEncoder().encode('%PDF-1.7 … the signed byte ranges of a certificate PDF … 湖北');

/** A timestamp callback backed by the PKI's local TSA. */
const localTimestamp = (pki: ReturnType<typeof makePki>) => async (signatureValue: Uint8Array) => {
  const digest = sha256(signatureValue);
  return tokenFromResponse(await pki.tsa.respond(timestampRequest(digest, 7n)), digest);
};

const signedDataOf = (der: Uint8Array) => AsnConvert.parse(AsnConvert.parse(der, ContentInfo).content, SignedData);

describe('signDetachedCms', () => {
  it('makes a PAdES B-B SignedData that verifies, with exactly the baseline signed attributes in DER order', async () => {
    // Prepare
    const pki = makePki();
    // Act
    const { der, timestamped } = await signDetachedCms({ digest: sha256(content), chain: pki.chain, sign: pki.sign });
    // Assess: our own check
    expect(timestamped).toBe(false);
    const verification = verifyDetachedCms(der, sha256(content), [pki.ca.certificate]);
    expect(verification).toEqual({ ok: true, signer: SIGNER_NAME, signerCertificate: pki.signerCertificate });
    // … and the structure ETSI EN 319 142-1 B-B asks for
    const signedData = signedDataOf(der);
    expect(signedData.version).toBe(1);
    expect(signedData.digestAlgorithms.map((a) => a.algorithm)).toEqual([OID.sha256]);
    expect(signedData.encapContentInfo.eContentType).toBe(OID.data);
    expect(signedData.encapContentInfo.eContent).toBeUndefined();
    expect(signedData.certificates?.map((c) => bytes(AsnConvert.serialize(c.certificate)))).toEqual([...pki.chain]);
    const [signerInfo] = signedData.signerInfos;
    expect(signerInfo?.version).toBe(1);
    expect(signerInfo?.sid.issuerAndSerialNumber).toBeDefined();
    expect(signerInfo?.signatureAlgorithm.algorithm).toBe(OID.ecdsaWithSha256);
    expect(signerInfo?.unsignedAttrs).toBeUndefined();
    const attrs = signerInfo?.signedAttrs ?? [];
    expect(attrs.map((a) => a.attrType).sort()).toEqual(
      [OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort(),
    );
    expect(attrs.some((a) => a.attrType === OID.signingTime)).toBe(false);
    const encodings = attrs.map((a) => bytes(AsnConvert.serialize(a)));
    expect([...encodings].sort(compareDer)).toEqual(encodings);
  });

  it('is accepted by openssl cms -verify, with and without -purpose any, and refused when one content byte changes', async () => {
    // Prepare
    const pki = makePki();
    const { der } = await signDetachedCms({ digest: sha256(content), chain: pki.chain, sign: pki.sign });
    const changed = content.slice();
    changed[10] = (changed[10] as number) ^ 0x01;
    // Act
    const withPurposeAny = opensslVerify(der, content, pki.ca.certificate, ['-purpose', 'any']);
    const withDefaultPurpose = opensslVerify(der, content, pki.ca.certificate);
    const tampered = opensslVerify(der, changed, pki.ca.certificate, ['-purpose', 'any']);
    // Assess
    expect(withPurposeAny.out).toContain('Verification successful');
    expect(withDefaultPurpose.out).toContain('Verification successful');
    expect(tampered.status).not.toBe(0);
    expect(tampered.out).toMatch(/Verification failure[\s\S]*content verify error/);
  });

  it('adds a signature timestamp from the TSA as an unsigned attribute (B-T), which OpenSSL and our check accept', async () => {
    // Prepare
    const pki = makePki();
    // Act
    const { der, timestamped } = await signDetachedCms({
      digest: sha256(content),
      chain: pki.chain,
      sign: pki.sign,
      timestamp: localTimestamp(pki),
    });
    // Assess
    expect(timestamped).toBe(true);
    const [signerInfo] = signedDataOf(der).signerInfos;
    expect(signerInfo?.unsignedAttrs?.map((a) => a.attrType)).toEqual([OID.signatureTimeStampToken]);
    const verification = verifyDetachedCms(der, sha256(content), [pki.ca.certificate]);
    expect(verification).toMatchObject({ ok: true, signer: SIGNER_NAME, timestampedAt: pki.clock.now() });
    expect(opensslVerify(der, content, pki.ca.certificate).out).toContain('Verification successful');
  });

  it('stays B-B when the timestamp callback gives nothing (TSA down)', async () => {
    const pki = makePki();
    const { der, timestamped } = await signDetachedCms({
      digest: sha256(content),
      chain: pki.chain,
      sign: pki.sign,
      timestamp: async () => undefined,
    });
    expect(timestamped).toBe(false);
    expect(signedDataOf(der).signerInfos[0]?.unsignedAttrs).toBeUndefined();
    expect(verifyDetachedCms(der, sha256(content), [pki.ca.certificate])).toMatchObject({ ok: true });
  });
});

describe('verifyDetachedCms', () => {
  it('says digest when the signed bytes changed', async () => {
    const pki = makePki();
    const { der } = await signDetachedCms({ digest: sha256(content), chain: pki.chain, sign: pki.sign });
    expect(verifyDetachedCms(der, sha256(new TextEncoder().encode('other')), [pki.ca.certificate])).toEqual({
      ok: false,
      problem: 'digest',
    });
  });

  it('says cms-signature when the signature value is tampered with', async () => {
    // Prepare: flip the last byte of the ECDSA signature value inside the DER (it is not the last element only when
    // unsigned attributes follow, and there are none here).
    const pki = makePki();
    const { der } = await signDetachedCms({ digest: sha256(content), chain: pki.chain, sign: pki.sign });
    const tampered = der.slice();
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 0x01;
    // Act + Assess
    expect(verifyDetachedCms(tampered, sha256(content), [pki.ca.certificate])).toEqual({
      ok: false,
      problem: 'cms-signature',
    });
  });

  it('says cms-signature when another key signed (the certificate does not match the signature)', async () => {
    const pki = makePki();
    const other = makePki();
    const { der } = await signDetachedCms({ digest: sha256(content), chain: pki.chain, sign: other.sign });
    expect(verifyDetachedCms(der, sha256(content), [pki.ca.certificate])).toEqual({
      ok: false,
      problem: 'cms-signature',
    });
  });

  it('says untrusted-chain for a foreign CA, and accepts the signing certificate itself as an anchor', async () => {
    const pki = makePki();
    const foreign = makePki();
    const { der } = await signDetachedCms({ digest: sha256(content), chain: pki.chain, sign: pki.sign });
    expect(verifyDetachedCms(der, sha256(content), [foreign.ca.certificate])).toEqual({
      ok: false,
      problem: 'untrusted-chain',
    });
    expect(verifyDetachedCms(der, sha256(content), [])).toEqual({ ok: false, problem: 'untrusted-chain' });
    expect(verifyDetachedCms(der, sha256(content), [pki.signerCertificate])).toMatchObject({ ok: true });
  });

  it('says untrusted-chain for an expired signing certificate, unless a timestamp proves it signed in time', async () => {
    // Prepare: the signing certificate lapsed on 2026-06-01; the TSA clock says it signed on 2026-05-20.
    const pki = makePki({ signerNotAfter: new Date('2026-06-01T00:00:00Z') });
    pki.clock.set('2026-05-20T10:00:00Z');
    const bb = await signDetachedCms({ digest: sha256(content), chain: pki.chain, sign: pki.sign });
    const bt = await signDetachedCms({
      digest: sha256(content),
      chain: pki.chain,
      sign: pki.sign,
      timestamp: localTimestamp(pki),
    });
    const later = new Date('2026-12-06T00:00:00Z');
    // Act + Assess
    expect(verifyDetachedCms(bb.der, sha256(content), [pki.ca.certificate], { at: later })).toEqual({
      ok: false,
      problem: 'untrusted-chain',
    });
    expect(verifyDetachedCms(bt.der, sha256(content), [pki.ca.certificate])).toMatchObject({
      ok: true,
      timestampedAt: new Date('2026-05-20T10:00:00Z'),
    });
    expect(verifyDetachedCms(bt.der, sha256(content), [pki.ca.certificate], { at: later })).toEqual({
      ok: false,
      problem: 'untrusted-chain',
    });
    expect(
      verifyDetachedCms(bb.der, sha256(content), [pki.ca.certificate], { at: new Date('2026-01-01T00:00:00Z') }),
    ).toMatchObject({ ok: true });
  });

  it('says malformed for garbage, empty input, every truncation, and a CMS that encapsulates content', async () => {
    const pki = makePki();
    const { der } = await signDetachedCms({ digest: sha256(content), chain: pki.chain, sign: pki.sign });
    const digest = sha256(content);
    const anchors = [pki.ca.certificate];
    expect(verifyDetachedCms(new TextEncoder().encode('not a CMS at all'), digest, anchors)).toEqual({
      ok: false,
      problem: 'malformed',
    });
    expect(verifyDetachedCms(new Uint8Array(0), digest, anchors)).toEqual({ ok: false, problem: 'malformed' });
    for (let length = 0; length < der.length; length += 7) {
      expect(verifyDetachedCms(der.subarray(0, length), digest, anchors).ok).toBe(false);
    }
    // A timestamp token is a SignedData too, but with encapsulated content: not a detached PAdES signature.
    const token = await localTimestamp(pki)(new Uint8Array([1, 2, 3]));
    expect(verifyDetachedCms(token, digest, anchors)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('says timestamp-invalid for a timestamp over other data, a broken token, or a TSA outside tsaAnchors', async () => {
    // Prepare
    const pki = makePki();
    const digest = sha256(content);
    const overOtherData = await signDetachedCms({
      digest,
      chain: pki.chain,
      sign: pki.sign,
      timestamp: async () => localTimestamp(pki)(new TextEncoder().encode('another signature')),
    });
    const broken = await signDetachedCms({
      digest,
      chain: pki.chain,
      sign: pki.sign,
      timestamp: async (value) => {
        const token = (await localTimestamp(pki)(value)).slice();
        token[token.length - 3] = (token[token.length - 3] as number) ^ 0x01; // inside the TSA's signature
        return token;
      },
    });
    const good = await signDetachedCms({ digest, chain: pki.chain, sign: pki.sign, timestamp: localTimestamp(pki) });
    const anchors = [pki.ca.certificate];
    // Act + Assess
    expect(verifyDetachedCms(overOtherData.der, digest, anchors)).toEqual({ ok: false, problem: 'timestamp-invalid' });
    expect(verifyDetachedCms(broken.der, digest, anchors)).toEqual({ ok: false, problem: 'timestamp-invalid' });
    expect(verifyDetachedCms(good.der, digest, anchors, { tsaAnchors: [makePki().ca.certificate] })).toEqual({
      ok: false,
      problem: 'timestamp-invalid',
    });
  });
});
