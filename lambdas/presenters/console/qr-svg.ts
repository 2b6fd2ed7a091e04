/**
 * The verification QR of a certificate as inline SVG, drawn on the server (no script, no image request): one path of
 * module runs, with presentation attributes only (the CSP allows no `style`). It carries the very text the printed
 * certificate's QR carries (`IssuedVersion.qrText`, the signed verification URL), at error correction M as printed.
 *
 * @example
 * html`<figure>${qrSvg(version.qrText, '扫码核验')}</figure>`;
 */
import * as QRCode from 'qrcode';
import { escapeHtml, type SafeHtml, trusted } from '../web/escape';

/**
 * An SVG QR code with a 4-module quiet zone, scaled by its `viewBox`; `label` names it for assistive technology.
 *
 * @example
 * qrSvg('https://permit.example/v/ABC', 'QR code of the verification link');
 */
export function qrSvg(text: string, label: string): SafeHtml {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const data = qr.modules.data;
  const runs: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && data[row * n + col]) col++;
      runs.push(`M${start + 4} ${row + 4}h${col - start}v1h-${col - start}z`);
    }
  }
  const side = n + 8;
  return trusted(
    `<svg viewBox="0 0 ${side} ${side}" width="192" height="192" role="img" aria-label="${escapeHtml(label)}" ` +
      `shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/>` +
      `<path fill="#000" d="${runs.join('')}"/></svg>`,
  );
}
