import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derToRawEcdsa, rawToDerEcdsa } from '../../../../lambdas/adapters/signing/ecdsa-der';
import { isPermitError } from '../../../../lambdas/domain/errors';

const hex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

/** Component lengths inside a DER signature: [r, s]. */
const derLengths = (der: Uint8Array): [number, number] => {
  const r = der[3] as number;
  return [r, der[4 + r + 1] as number];
};

describe('derToRawEcdsa', () => {
  it('turns genuine OpenSSL DER signatures into r‖s that verify as IEEE P1363, over padded and short cases', () => {
    // Prepare: real P-256 signatures, many messages, so that the 33-byte (high bit) and < 32-byte cases all occur.
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const seen = new Set<number>();
    for (let i = 0; i < 3000; i++) {
      const message = Buffer.from(`message ${i}`);
      // Act
      const der = new Uint8Array(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
      const raw = derToRawEcdsa(der);
      // Assess: the raw form verifies, and it has the exact fixed width.
      expect(raw.length).toBe(64);
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
      for (const len of derLengths(der)) seen.add(len);
    }
    expect(seen.has(33)).toBe(true); // high bit set → sign byte stripped
    expect(seen.has(32)).toBe(true);
    expect([...seen].some((len) => len < 32)).toBe(true); // short value → left-padded
  });

  it('converts hard-coded vectors with a padded r and a short s', () => {
    // r has its high bit set (0x00 sign byte, 33 bytes); s is 31 bytes (one leading zero byte dropped by DER).
    const r = 'f3a1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const s = '7a1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const der = hex(`30 44 02 21 00${r} 02 1f ${s}`);
    expect(Buffer.from(derToRawEcdsa(der)).toString('hex')).toBe(`${r}00${s}`);
    // Both components tiny (1 byte each).
    expect(Buffer.from(derToRawEcdsa(hex('3006 020101 020102'))).toString('hex')).toBe(
      `${'00'.repeat(31)}01${'00'.repeat(31)}02`,
    );
  });

  it('converts genuine hard-coded signatures (33-byte r with 31-byte s, and 31-byte r with 33-byte s)', () => {
    // Produced once with node:crypto (OpenSSL) for this public key; the raw forms must verify as IEEE P1363.
    const publicKey = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: 'mtUiQCcqXZ5AQHNo79OGPHspVyeE8uvAC0enhj9o-SY',
        y: 'e7kmPFNaBhpvZ7ga1-9FfS693XEP-nKoMbpO1qlDsSs',
      },
      format: 'jwk',
    });
    const vectors = [
      {
        message: 'permit vector 1641',
        der: '304402210094b8483cbc18f688ecadf2c32209592f8844f2825702def3ad780df40962a57a021f31b020454c4625e73f77cbdb31a50073779bb086d873a594a7dc346f83db05',
        raw: '94b8483cbc18f688ecadf2c32209592f8844f2825702def3ad780df40962a57a0031b020454c4625e73f77cbdb31a50073779bb086d873a594a7dc346f83db05',
      },
      {
        message: 'permit vector 3',
        der: '3044021f5bf8b54de291b4e87a038bb678a1002f2b9563e54fb661504adeed73b53412022100fa39fe02500cc3e21309ca770d40666b558b676577b7b0c4f4fc84662d86d63b',
        raw: '005bf8b54de291b4e87a038bb678a1002f2b9563e54fb661504adeed73b53412fa39fe02500cc3e21309ca770d40666b558b676577b7b0c4f4fc84662d86d63b',
      },
    ];
    for (const v of vectors) {
      const raw = derToRawEcdsa(hex(v.der));
      expect(Buffer.from(raw).toString('hex')).toBe(v.raw);
      expect(verify('sha256', Buffer.from(v.message), { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }
  });

  it.each([
    ['empty', ''],
    ['not a sequence', '3106020101020102'],
    ['length mismatch', '3007020101020102'],
    ['negative r', '3006020181020102'],
    ['trailing byte', '300702010102010200'],
    ['r too wide', `3026 0221 01${'00'.repeat(32)} 020101`],
    ['zero r', '3006020100020101'],
  ])('rejects %s with SIGNER_BAD_SIGNATURE', (_why, der) => {
    let error: unknown;
    try {
      derToRawEcdsa(hex(der));
    } catch (e) {
      error = e;
    }
    expect(isPermitError(error) && error.code).toBe('SIGNER_BAD_SIGNATURE');
  });
});

describe('rawToDerEcdsa', () => {
  it('turns genuine IEEE P1363 signatures into DER that OpenSSL verifies, and round-trips with derToRawEcdsa', () => {
    // Prepare: many real signatures so that r or s with the high bit set, and short values, all occur.
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const message = Buffer.from(`message ${i}`);
      const raw = new Uint8Array(sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
      // Act
      const der = rawToDerEcdsa(raw);
      // Assess
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
      expect(derToRawEcdsa(der)).toEqual(raw);
      for (const len of derLengths(der)) seen.add(len);
    }
    expect(seen.has(33)).toBe(true);
    expect([...seen].some((len) => len < 32)).toBe(true);
  });

  it('encodes hard-coded vectors: a high-bit r gains a sign byte, leading zero bytes are dropped', () => {
    const r = 'f3a1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const s = '7a1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
    expect(Buffer.from(rawToDerEcdsa(hex(`${r}00${s}`))).toString('hex')).toBe(
      `30440221 00${r} 021f${s}`.replace(/ /g, ''),
    );
    expect(Buffer.from(rawToDerEcdsa(hex(`${'00'.repeat(31)}01${'00'.repeat(31)}80`))).toString('hex')).toBe(
      '3007020101020200 80'.replace(/ /g, ''),
    );
  });

  it.each([
    ['too short', '00'.repeat(63)],
    ['too long', '01'.repeat(65)],
    ['zero r', `${'00'.repeat(32)}${'01'.repeat(32)}`],
    ['zero s', `${'01'.repeat(32)}${'00'.repeat(32)}`],
  ])('rejects %s with SIGNER_BAD_SIGNATURE', (_why, raw) => {
    let error: unknown;
    try {
      rawToDerEcdsa(hex(raw));
    } catch (e) {
      error = e;
    }
    expect(isPermitError(error) && error.code).toBe('SIGNER_BAD_SIGNATURE');
  });
});
