/**
 * The QR code as vector modules: one path of rectangles (each horizontal run of dark modules is one rectangle),
 * filled once — crisp at any print resolution, no image encoding, and a few hundred bytes of content stream.
 */
import { UnprocessableError } from '../../domain/errors';
import { qrModules } from '../../domain/signing/qr-symbol';
import { num } from './page-art';

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
  const qr = qrModules(qrText);
  const n = qr.size;
  const m = size / n;
  if (m < minModule) {
    throw new UnprocessableError('QR_TOO_DENSE', `QR version ${qr.version} would print modules of ${num(m)} pt`, {
      issues: [{ field: 'qrText', message: 'too long for a readable QR code' }],
    });
  }
  const rects = qr.runs.map((r) => `${r.col} ${r.row} ${r.length} 1 re`);
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
