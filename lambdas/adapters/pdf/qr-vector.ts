/**
 * The QR code as vector modules: one path of rectangles (each horizontal run of dark modules is one rectangle),
 * filled once — crisp at any print resolution, no image encoding, and a few hundred bytes of content stream.
 */
import * as QRCode from 'qrcode';
import { UnprocessableError } from '../../domain/errors';
import { QR_PATH } from '../../domain/signing/qr-claims';
import { num } from './page-art';

/**
 * QR segments for a QR text: the URL prefix in byte mode and an upper-case Base32 payload in alphanumeric mode
 * (5.5 bits per character instead of 8); any other text is one byte-mode segment.
 *
 * @example
 * QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'M' }).version; // ≤ 10 for Permit QR texts
 */
export function qrSegments(qrText: string): QRCode.QRCodeSegment[] {
  const at = qrText.lastIndexOf(QR_PATH) + QR_PATH.length;
  const payload = qrText.slice(at);
  if (at < QR_PATH.length || !/^[A-Z2-7]+$/.test(payload)) {
    return [{ mode: 'byte', data: new TextEncoder().encode(qrText) }];
  }
  return [
    { mode: 'byte', data: new TextEncoder().encode(qrText.slice(0, at)) },
    { mode: 'alphanumeric', data: payload },
  ];
}

export interface QrSymbol {
  readonly version: number;
  /** Modules per side (without quiet zone). */
  readonly modules: number;
  /** Content-stream operators drawing the symbol into the square (x, y, size), including its white quiet zone. */
  readonly ops: string;
}

/**
 * Build the QR symbol (error correction M) for `qrText` drawn `size` points wide at (x, y). Refuses a symbol whose
 * modules would print smaller than `minModule` (`UnprocessableError` `QR_TOO_DENSE`).
 *
 * @example
 * const { ops, version } = qrSymbol(doc.qrText, 426, 96, 90.7, 1.13);
 */
export function qrSymbol(qrText: string, x: number, y: number, size: number, minModule: number): QrSymbol {
  const qr = QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const m = size / n;
  if (m < minModule) {
    throw new UnprocessableError('QR_TOO_DENSE', `QR version ${qr.version} would print modules of ${num(m)} pt`, {
      issues: [{ field: 'qrText', message: 'too long for a readable QR code' }],
    });
  }
  const data = qr.modules.data;
  const rects: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && data[row * n + col]) col++;
      rects.push(`${start} ${row} ${col - start} 1 re`);
    }
  }
  const quiet = 4 * m;
  const ops = [
    'q',
    '1 1 1 rg',
    `${num(x - quiet)} ${num(y - quiet)} ${num(size + 2 * quiet)} ${num(size + 2 * quiet)} re f`,
    '0 0 0 rg',
    // Module units, row 0 at the top: scale by the module size and flip y.
    `${m.toFixed(5)} 0 0 ${(-m).toFixed(5)} ${num(x)} ${num(y + size)} cm`,
    rects.join('\n'),
    'f',
    'Q',
  ].join('\n');
  return { version: qr.version, modules: n, ops };
}
