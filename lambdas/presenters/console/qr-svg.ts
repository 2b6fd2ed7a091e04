/**
 * The verification QR of a certificate as inline SVG, drawn on the server (no script, no image request): one path of
 * module runs, with presentation attributes only (the CSP allows no `style`). It carries the very text the printed
 * certificate's QR carries (`IssuedVersion.qrText`, the signed verification URL), encoded as printed (`qrModules`: error correction M, the same segments).
 *
 * @example
 * html`<figure>${qrSvg(version.qrText, '扫码核验')}</figure>`;
 */
import { qrModules } from '../../domain/signing/qr-symbol';
import { escapeHtml, type SafeHtml, trusted } from '../web/escape';

/**
 * An SVG QR code with a 4-module quiet zone, scaled by its `viewBox`; `label` names it for assistive technology.
 *
 * @example
 * qrSvg('https://permit.example/v/ABC', 'QR code of the verification link');
 */
export function qrSvg(text: string, label: string): SafeHtml {
  const { size: n, runs } = qrModules(text);
  const path = runs.map((r) => `M${r.col + 4} ${r.row + 4}h${r.length}v1h-${r.length}z`).join('');
  const side = n + 8;
  return trusted(
    `<svg viewBox="0 0 ${side} ${side}" width="192" height="192" role="img" aria-label="${escapeHtml(label)}" ` +
      `shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/>` +
      `<path fill="#000" d="${path}"/></svg>`,
  );
}
