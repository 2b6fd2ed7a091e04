/**
 * The QR symbol of a QR text, as every drawing of it needs it: the certificate's vector QR (PDF) and the console's
 * inline SVG draw the very same symbol — error correction M, the URL prefix in byte mode and an upper-case Base32
 * payload in alphanumeric mode — from its horizontal runs of dark modules.
 *
 * @example
 * const { size, runs } = qrModules(version.qrText);
 * runs.map((r) => `${r.col} ${r.row} ${r.length} 1 re`); // one rectangle per run
 */
import * as QRCode from 'qrcode';
import { QR_PATH } from './qr-claims';

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

/** A horizontal run of dark modules: `length` modules from (`col`, `row`), row 0 at the top. */
export interface QrRun {
  readonly row: number;
  readonly col: number;
  readonly length: number;
}

export interface QrModules {
  readonly version: number;
  /** Modules per side (without the quiet zone). */
  readonly size: number;
  readonly runs: readonly QrRun[];
}

/**
 * The symbol (error correction M) of `qrText` as runs of dark modules.
 *
 * @example
 * qrModules('https://permit.example.gov.cn/v/ABC').size; // 25 (version 2)
 */
export function qrModules(qrText: string): QrModules {
  const qr = QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const data = qr.modules.data;
  const runs: QrRun[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && data[row * n + col]) col++;
      runs.push({ row, col: start, length: col - start });
    }
  }
  return { version: qr.version, size: n, runs };
}
