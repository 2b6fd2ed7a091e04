/**
 * The one QR symbol both drawings use (the certificate's vector QR and the console's SVG): its runs cover exactly the
 * dark modules of the symbol the `qrcode` library builds from the same segments, and never overlap or touch.
 */
import * as QRCode from 'qrcode';
import { describe, expect, test } from 'vitest';
import { qrModules, qrSegments } from '../../../../lambdas/domain/signing/qr-symbol';

const qrText = 'https://permit.example.gov.cn/v/MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPIYTEMZUGU3DOOBZ';

describe('qrModules', () => {
  test('its runs are the dark modules of the symbol, row by row, each maximal', () => {
    // Act
    const { version, size, runs } = qrModules(qrText);

    // Assess
    const expected = QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'M' });
    expect(version).toBe(expected.version);
    expect(size).toBe(expected.modules.size);
    const drawn = new Uint8Array(size * size);
    for (const r of runs) {
      expect(r.length).toBeGreaterThan(0);
      for (let c = r.col; c < r.col + r.length; c++) {
        expect(drawn[r.row * size + c]).toBe(0); // no overlap
        drawn[r.row * size + c] = 1;
      }
      // Maximal: the modules just before and after the run are light (or outside the symbol).
      if (r.col > 0) expect(expected.modules.data[r.row * size + r.col - 1]).toBeFalsy();
      if (r.col + r.length < size) expect(expected.modules.data[r.row * size + r.col + r.length]).toBeFalsy();
    }
    expect([...drawn]).toEqual([...expected.modules.data].map((d) => (d ? 1 : 0)));
  });

  test('chooses the mask qrcode chooses, for texts of every length that selects each of the eight masks', () => {
    // Prepare: deterministic Base32 payloads of 1..240 characters, and a few plain byte-mode texts.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const texts = Array.from({ length: 240 }, (_, n) => {
      const payload = Array.from({ length: n + 1 }, (_, i) => alphabet[(i * 7 + n * 13 + ((i * n) % 5)) % 32]).join('');
      return n % 9 === 0 ? `plain text ${payload.toLowerCase()}` : `https://permit.example.gov.cn/v/${payload}`;
    });
    const masks = new Set<number>();

    for (const text of texts) {
      // Act
      const { size, runs } = qrModules(text);

      // Assess
      const expected = QRCode.create(qrSegments(text), { errorCorrectionLevel: 'M' });
      masks.add(expected.maskPattern as number);
      const drawn = new Uint8Array(size * size);
      for (const r of runs) drawn.fill(1, r.row * size + r.col, r.row * size + r.col + r.length);
      expect(Buffer.from(drawn).equals(Buffer.from(expected.modules.data))).toBe(true);
    }
    expect(masks.size).toBe(8);
  });
});
