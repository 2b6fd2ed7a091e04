import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { PKIStatus, TimeStampResp } from '@peculiar/asn1-tsp';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../../lambdas/adapters/pades/asn1';
import {
  LocalTimestampAuthority,
  timestampRequest,
  tokenFromResponse,
  verifyTimestampToken,
} from '../../../../lambdas/adapters/pades/tsp';
import { pem } from '../../../../lambdas/adapters/pades/x509';
import { inTempDir, makePki, openssl, TSA_POLICY } from '../../../support/pades-pki';
import { codeOf } from '../../../support/thrown';

const data = new TextEncoder().encode('the ECDSA signature value of a PAdES signature');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** A TimeStampReq for `data` made by `openssl ts -query`. */
const opensslQuery = (...flags: string[]) =>
  inTempDir({ 'data.bin': data }, (dir) => {
    expect(openssl(dir, ['ts', '-query', '-data', 'data.bin', ...flags, '-out', 'req.tsq']).status).toBe(0);
    return new Uint8Array(readFileSync(join(dir, 'req.tsq')));
  });

describe('timestampRequest', () => {
  it('makes a SHA-256 request with certReq and the nonce, as OpenSSL reads it', () => {
    const request = timestampRequest(sha256(data), 0x1234_5678_9abc_def0n);
    const text = inTempDir(
      { 'req.tsq': request },
      (dir) => openssl(dir, ['ts', '-query', '-in', 'req.tsq', '-text']).out,
    );
    expect(text).toContain('Version: 1');
    expect(text).toContain('Hash Algorithm: sha256');
    expect(text).toContain('Nonce: 0x123456789ABCDEF0');
    expect(text).toContain('Certificate required: yes');
    expect(text.replace(/[^0-9a-f]/gi, '').toLowerCase()).toContain(hex(sha256(data)).slice(0, 16));
  });
});

describe('LocalTimestampAuthority', () => {
  it('grants a token OpenSSL verifies by digest and by data, echoing the nonce, with the clock time and policy', async () => {
    // Prepare
    const pki = makePki();
    // Act
    const response = await pki.tsa.respond(timestampRequest(sha256(data), 42n));
    // Assess
    const files = { 'resp.tsr': response, 'data.bin': data, 'ca.pem': pem('CERTIFICATE', pki.ca.certificate) };
    inTempDir(files, (dir) => {
      const text = openssl(dir, ['ts', '-reply', '-in', 'resp.tsr', '-text']).out;
      expect(text).toContain('Status: Granted.');
      expect(text).toContain(`Policy OID: ${TSA_POLICY}`);
      expect(text).toContain('Nonce: 0x2A');
      expect(text).toContain('Time stamp: Dec  6 05:00:00.25 2026 GMT');
      expect(text).toContain('Accuracy: 0x01 seconds');
      const byDigest = openssl(dir, [
        'ts',
        '-verify',
        '-digest',
        hex(sha256(data)),
        '-in',
        'resp.tsr',
        '-CAfile',
        'ca.pem',
      ]);
      expect(byDigest.out).toContain('Verification: OK');
      const byData = openssl(dir, ['ts', '-verify', '-data', 'data.bin', '-in', 'resp.tsr', '-CAfile', 'ca.pem']);
      expect(byData.out).toContain('Verification: OK');
    });
  });

  it('answers a request OpenSSL made, and OpenSSL verifies the reply against its own query', async () => {
    const pki = makePki();
    const query = opensslQuery('-sha256', '-cert');
    const response = await pki.tsa.respond(query);
    const files = { 'req.tsq': query, 'resp.tsr': response, 'ca.pem': pem('CERTIFICATE', pki.ca.certificate) };
    const run = inTempDir(files, (dir) =>
      openssl(dir, ['ts', '-verify', '-queryfile', 'req.tsq', '-in', 'resp.tsr', '-CAfile', 'ca.pem']),
    );
    expect(run.out).toContain('Verification: OK');
  });

  it('rejects, without throwing, garbage and a SHA-1 request; OpenSSL prints the rejection', async () => {
    const pki = makePki();
    const garbage = await pki.tsa.respond(new TextEncoder().encode('hello'));
    const sha1 = await pki.tsa.respond(opensslQuery('-sha1'));
    expect(AsnConvert.parse(garbage, TimeStampResp).status.status).toBe(PKIStatus.rejection);
    expect(AsnConvert.parse(sha1, TimeStampResp).timeStampToken).toBeUndefined();
    inTempDir({ 'garbage.tsr': garbage, 'sha1.tsr': sha1 }, (dir) => {
      const text = openssl(dir, ['ts', '-reply', '-in', 'garbage.tsr', '-text']).out;
      expect(text).toContain('Status: Rejected.');
      expect(text).toContain('not a TimeStampReq');
      expect(text).toContain('Failure info: the data submitted has the wrong format');
      expect(openssl(dir, ['ts', '-reply', '-in', 'sha1.tsr', '-text']).out).toContain(
        'unrecognized or unsupported algorithm',
      );
    });
  });
});

describe('tokenFromResponse', () => {
  it('returns the token of a granted response for the same digest', async () => {
    const pki = makePki();
    const token = tokenFromResponse(await pki.tsa.respond(timestampRequest(sha256(data))), sha256(data));
    expect(verifyTimestampToken(token, sha256(data), [pki.ca.certificate])).toMatchObject({ ok: true });
  });

  it('throws TSA_UNAVAILABLE for a rejection, garbage, or a token over other data', async () => {
    const pki = makePki();
    const rejection = await pki.tsa.respond(new Uint8Array([1, 2, 3]));
    const granted = await pki.tsa.respond(timestampRequest(sha256(data)));
    expect(codeOf(() => tokenFromResponse(rejection, sha256(data)))).toBe('TSA_UNAVAILABLE');
    expect(codeOf(() => tokenFromResponse(new Uint8Array([0x30, 0x00]), sha256(data)))).toBe('TSA_UNAVAILABLE');
    expect(codeOf(() => tokenFromResponse(new TextEncoder().encode('<html>'), sha256(data)))).toBe('TSA_UNAVAILABLE');
    expect(codeOf(() => tokenFromResponse(granted, sha256(new Uint8Array([9]))))).toBe('TSA_UNAVAILABLE');
  });
});

describe('verifyTimestampToken', () => {
  it('gives the time and the TSA name of a good token', async () => {
    const pki = makePki();
    const token = tokenFromResponse(await pki.tsa.respond(timestampRequest(sha256(data))), sha256(data));
    expect(verifyTimestampToken(token, sha256(data), [pki.ca.certificate])).toEqual({
      ok: true,
      genTime: new Date('2026-12-06T05:00:00.250Z'),
      tsa: 'Permit 时间戳服务',
    });
  });

  it('refuses other data, a foreign anchor, a tampered token, garbage, and a TSA without the timeStamping EKU', async () => {
    // Prepare
    const pki = makePki();
    const token = tokenFromResponse(await pki.tsa.respond(timestampRequest(sha256(data))), sha256(data));
    const tampered = token.slice();
    tampered[tampered.length - 2] = (tampered[tampered.length - 2] as number) ^ 0x01;
    // A "TSA" running on the document-signing key and certificate: a real signature, but not a TSA's certificate.
    const impostor = new LocalTimestampAuthority({
      privateKey: pki.signerKeys.privateKey,
      chain: pki.chain,
      clock: pki.clock,
      policy: TSA_POLICY,
    });
    const impostorToken = tokenFromResponse(await impostor.respond(timestampRequest(sha256(data))), sha256(data));
    const anchors = [pki.ca.certificate];
    // Act + Assess
    expect(verifyTimestampToken(token, sha256(new Uint8Array([1])), anchors)).toEqual({ ok: false });
    expect(verifyTimestampToken(token, sha256(data), [makePki().ca.certificate])).toEqual({ ok: false });
    expect(verifyTimestampToken(tampered, sha256(data), anchors)).toEqual({ ok: false });
    expect(verifyTimestampToken(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), sha256(data), anchors)).toEqual({
      ok: false,
    });
    expect(verifyTimestampToken(impostorToken, sha256(data), anchors)).toEqual({ ok: false });
  });

  it('refuses a token without certificates (certReq false) — it cannot name its TSA', async () => {
    const pki = makePki();
    const { TimeStampReq } = await import('@peculiar/asn1-tsp');
    const request = AsnConvert.parse(timestampRequest(sha256(data)), TimeStampReq);
    request.certReq = false;
    const response = await pki.tsa.respond(new Uint8Array(AsnConvert.serialize(request)));
    const token = tokenFromResponse(response, sha256(data));
    expect(verifyTimestampToken(token, sha256(data), [pki.ca.certificate])).toEqual({ ok: false });
  });

  it('refuses a TSA whose certificate was not valid at the token time', async () => {
    const pki = makePki();
    pki.clock.set('2035-01-01T00:00:00Z'); // the TSA certificate lapsed in 2031
    const token = tokenFromResponse(await pki.tsa.respond(timestampRequest(sha256(data))), sha256(data));
    expect(verifyTimestampToken(token, sha256(data), [pki.ca.certificate])).toEqual({ ok: false });
  });
});
