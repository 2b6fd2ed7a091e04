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
});
