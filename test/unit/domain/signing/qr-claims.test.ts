import { randomBytes } from 'node:crypto';
import { compactVerify, importJWK } from 'jose';
import * as QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeSigner, type PrivateEcJwk } from '../../../../lambdas/adapters/signing/node-signer';
import { isPermitError } from '../../../../lambdas/domain/errors';
import { base32Decode, base32Encode } from '../../../../lambdas/domain/signing/base32';
import {
  canonicalPayload,
  decodeQrText,
  keyRefOf,
  QR_PATH,
  QR_PAYLOAD_CHARS,
  QR_RECORD_BYTES,
  reassembleJws,
  signCertificateClaims,
} from '../../../../lambdas/domain/signing/qr-claims';
import { qrSegments } from '../../../../lambdas/domain/signing/qr-symbol';
import type { Signer } from '../../../../lambdas/ports/signer';
import { claims } from '../../../support/certificate-claims';
import testKey from '../../../support/fixtures/test-key.private.jwk.json';

const HUBEI = 'https://permit.amr.hubei.gov.cn'; // 31 characters
const LONG_40 = 'https://permit.amr.xinjiang.gov.cn/certs'; // 40 characters

/** The code of the error `fn` throws (fails the test if it throws something untyped or nothing). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isPermitError(e)) return e.code;
    throw e;
  }
  throw new Error('expected an error');
}

/** QR version for a QR text, encoded as the renderer does: byte-mode URL prefix + alphanumeric payload. */
const qrVersion = (qrText: string): number => QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'M' }).version;

let signer: Signer;
beforeAll(async () => {
  signer = await createNodeSigner(testKey as PrivateEcJwk);
});

describe('QR claims format', () => {
  it('round-trips: the decoded claims, key ref and reassembled JWS match what was signed, and jose verifies it', async () => {
    // Act
    const signed = await signCertificateClaims(claims(), signer, HUBEI);
    const decoded = decodeQrText(signed.qrText);
    // Assess
    expect(decoded.baseUrl).toBe(HUBEI);
    expect(decoded.claims).toEqual(claims());
    expect(decoded.keyRef).toEqual(keyRefOf(signer.kid));
    expect(signed.payload).toHaveLength(QR_PAYLOAD_CHARS);
    expect(reassembleJws(decoded, signer.kid)).toBe(signed.jws);
    const key = await importJWK({ ...(await signer.publicJwk()), alg: 'ES256' }, 'ES256');
    const { payload, protectedHeader } = await compactVerify(signed.jws, key);
    expect(new TextDecoder().decode(payload)).toBe(decoded.payloadJson);
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: signer.kid, typ: 'permit-qr+jws' });
  });

  it('uses the documented canonical payload', () => {
    expect(canonicalPayload(claims())).toBe(
      '{"lic":"(鄂)XK13-001-00001","ver":2,"uscc":"91420100MA4K2X1R09","issued":"2026-09-28","until":"2031-09-27","iat":1790559000}',
    );
  });

  it('signs the canonical licence number when given full-width brackets, and handles national numbers', async () => {
    const fullWidth = await signCertificateClaims(claims({ licenceNo: '（鄂）XK13-001-00001' }), signer, HUBEI);
    expect(decodeQrText(fullWidth.qrText).claims.licenceNo).toBe('(鄂)XK13-001-00001');
    const national = await signCertificateClaims(claims({ licenceNo: 'XK06-014-00099' }), signer, HUBEI);
    expect(decodeQrText(national.qrText).claims.licenceNo).toBe('XK06-014-00099');
    const xinjiang = await signCertificateClaims(claims({ licenceNo: '(新)XK99-999-99999' }), signer, HUBEI);
    expect(decodeQrText(xinjiang.qrText).claims.licenceNo).toBe('(新)XK99-999-99999');
  });

  it('reaches QR version ≤ 10 at level M with a 31- and a 40-character base URL (extreme claims too)', async () => {
    const extreme = claims({
      licenceNo: '(新)XK99-999-99999',
      version: 65535,
      uscc: 'YYYYYYYYYYYYYYYYYY',
      validUntil: '2149-06-06',
      signedAt: 0xffffffff,
    });
    for (const [base, max] of [
      [HUBEI, 8],
      [LONG_40, 9],
    ] as const) {
      for (const c of [claims(), extreme]) {
        const { qrText } = await signCertificateClaims(c, signer, base);
        expect(qrSegments(qrText).map((segment) => segment.mode)).toEqual(['byte', 'alphanumeric']);
        expect(qrVersion(qrText)).toBeLessThanOrEqual(max);
      }
    }
    expect(LONG_40).toHaveLength(40);
  });

  it.each([
    ['licence number shape', { licenceNo: '(鄂)XK13-01-00001' }],
    ['province abbreviation', { licenceNo: '(港)XK13-001-00001' }],
    ['version 0', { version: 0 }],
    ['version too big', { version: 70000 }],
    ['USCC letter I', { uscc: '91420100MA4K2X1RI9' }],
    ['USCC length', { uscc: '91420100MA4K2X1R0' }],
    ['impossible date', { issueDate: '2026-02-30' }],
    ['date format', { validUntil: '2031/09/27' }],
    ['valid-until before issue', { validUntil: '2026-09-27' }],
    ['fractional signing time', { signedAt: 1.5 }],
  ])('refuses to sign a bad %s (QR_CLAIMS_INVALID)', async (_what, over) => {
    await expect(signCertificateClaims(claims(over), signer, HUBEI)).rejects.toMatchObject({
      code: 'QR_CLAIMS_INVALID',
    });
  });

  it('refuses a base URL a phone could not open as printed (QR_BASE_URL_INVALID)', async () => {
    for (const base of ['permit.amr.hubei.gov.cn', 'https://许可.中国', 'https://a b.cn']) {
      await expect(signCertificateClaims(claims(), signer, base)).rejects.toMatchObject({
        code: 'QR_BASE_URL_INVALID',
      });
    }
  });

  describe('decoding rejects with typed errors', () => {
    let good: string;
    let record: Uint8Array;
    const withRecord = (mutate: (r: Uint8Array) => void) => {
      const r = record.slice();
      mutate(r);
      return `${HUBEI}${QR_PATH}${base32Encode(r)}`;
    };
    beforeAll(async () => {
      good = (await signCertificateClaims(claims(), signer, HUBEI)).qrText;
      record = base32Decode(good.slice(good.lastIndexOf('/') + 1));
      expect(record).toHaveLength(QR_RECORD_BYTES);
    });

    it.each([
      ['QR_TOO_LONG', () => `${HUBEI}${QR_PATH}${'A'.repeat(2000)}`],
      ['QR_FORMAT', () => 'https://permit.amr.hubei.gov.cn/verify/AAAA'],
      ['QR_BASE32', () => `${good.slice(0, -3)}1${good.slice(-2)}`],
      ['QR_BASE32', () => `${good.slice(0, -1)}<`],
      ['QR_VERSION', () => withRecord((r) => r.set([2], 0))],
      ['QR_TRUNCATED', () => good.slice(0, -8)],
      ['QR_TRUNCATED', () => good.slice(0, -1)],
      ['QR_TRUNCATED', () => `${HUBEI}${QR_PATH}`],
      ['QR_TRUNCATED', () => `${HUBEI}${QR_PATH}AE`],
      ['QR_TOO_LONG', () => `${good}AAAAAAAA`],
      ['QR_FORMAT', () => withRecord((r) => r.set([99], 9))], // unknown province code
      ['QR_FORMAT', () => withRecord((r) => r.set([0xff, 0xff, 0xff, 0xff, 0xff], 10))], // digits ≥ 10^10
      ['QR_FORMAT', () => withRecord((r) => r.set([0, 0], 15))], // certificate version 0
      ['QR_FORMAT', () => withRecord((r) => r.set([0xff], 17))], // USCC value 31 (outside alphabet)
      ['QR_FORMAT', () => withRecord((r) => r.set([(r[28] as number) | 1], 28))], // USCC padding bit
      ['QR_FORMAT', () => withRecord((r) => r.set([0, 0], 31))], // valid-until before issue date
    ])('%s', (code, text) => {
      expect(codeOf(() => decodeQrText(text()))).toBe(code);
    });

    it('rejects non-zero Base32 trailing bits (one accepted text per record)', () => {
      const last = good.at(-1) as string;
      const sibling =
        good.slice(0, -1) +
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.charAt('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(last) ^ 1);
      expect(codeOf(() => decodeQrText(sibling))).toBe('QR_BASE32');
    });

    it('never throws anything untyped on random input', () => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abc01=/%é';
      for (let i = 0; i < 2000; i++) {
        const bytes = randomBytes(1 + (i % 200));
        const payload = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
        try {
          decodeQrText(`${HUBEI}${QR_PATH}${i % 2 ? payload.toUpperCase() : payload}`);
        } catch (e) {
          expect(isPermitError(e)).toBe(true);
        }
      }
      for (let i = 0; i < 500; i++) {
        // Valid Base32 of random records that start with the right version byte.
        const r = new Uint8Array(randomBytes(QR_RECORD_BYTES));
        r[0] = 1;
        try {
          decodeQrText(`${HUBEI}${QR_PATH}${base32Encode(r)}`);
        } catch (e) {
          expect(isPermitError(e)).toBe(true);
        }
      }
    });
  });
});
