/**
 * What every console response carries: the security headers (a strict Content-Security-Policy with no
 * `unsafe-inline` — scripts and styles are files from our own origin — `frame-ancestors 'none'`, `form-action` limited
 * to our origin, the identity provider's (sign-out redirects there) and the documents bucket's (presigned POST
 * uploads), `img-src` and `frame-src` adding exactly the documents bucket's origin (the workbench opens a document in
 * the page through a short presigned URL), nosniff, a strict referrer policy) and compression by `Accept-Encoding` (brotli, else gzip) with
 * `Vary: Accept-Encoding`. The JSON API does not compress; only console responses pass through here.
 *
 * @example
 * const result = finishConsoleResponse(html(200, page), event, { storageOrigin, identityOrigin });
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { HttpEvent, HttpResult } from '../http';

export interface ConsoleOrigins {
  /** The documents bucket's origin (presigned POST uploads; documents opened in a workbench page). */
  readonly storageOrigin?: string;
  /** The identity provider's origin (sign-out redirects there after a form POST). */
  readonly identityOrigin?: string;
}

/**
 * The console's Content-Security-Policy.
 *
 * @example
 * consoleCsp({ storageOrigin: 'https://b.s3.cn-north-1.amazonaws.com.cn' });
 */
export function consoleCsp(origins: ConsoleOrigins): string {
  const extra = (list: (string | undefined)[]) => list.filter((o): o is string => !!o).join(' ');
  const formAction = `'self' ${extra([origins.storageOrigin, origins.identityOrigin])}`.trim();
  const connect = `'self' ${extra([origins.storageOrigin])}`.trim();
  const img = `'self' data: ${extra([origins.storageOrigin])}`.trim();
  // Documents opened in a workbench page: images and PDF frames come from storage's short presigned URLs, and from
  // nowhere else (no frame of our own origin either).
  const frame = origins.storageOrigin ?? "'none'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${img}`,
    `frame-src ${frame}`,
    `connect-src ${connect}`,
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Headers on every console page. */
export function consoleHeaders(origins: ConsoleOrigins): Record<string, string> {
  return {
    'content-security-policy': consoleCsp(origins),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** Bodies smaller than this are sent as they are: compressing them saves nothing. */
const MIN_COMPRESS_BYTES = 512;

/**
 * The encoding to use for an `Accept-Encoding` header (RFC 9110 §12.5.3): the offered one of `br` and `gzip` with the
 * highest q-value, `br` on a tie; `*` stands for any encoding the header does not name; `q=0` refuses. None when
 * neither is acceptable, or when the reader prefers `identity` (uncompressed) to both.
 *
 * @example
 * chooseEncoding('gzip, deflate, br'); // 'br'
 * chooseEncoding('br;q=0.5, gzip'); // 'gzip'
 * chooseEncoding('*;q=0.1, identity'); // undefined
 */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const offered = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim());
    if (!name) continue;
    const qText = params.find((p) => p.startsWith('q='))?.slice(2);
    const q = qText === undefined ? 1 : /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(qText) ? Number(qText) : Number.NaN;
    if (!Number.isNaN(q)) offered.set(name, q); // a malformed q-value: the entry is ignored, not trusted
  }
  const qOf = (name: string): number => offered.get(name) ?? offered.get('*') ?? 0;
  // Uncompressed always remains acceptable; it is preferred only when the reader says so (by name or by `*`).
  const identity = offered.get('identity') ?? offered.get('*') ?? 0;
  const br = qOf('br');
  const gzip = qOf('gzip');
  const best = Math.max(br, gzip);
  if (best === 0 || identity > best) return undefined;
  return br >= gzip ? 'br' : 'gzip';
}

/**
 * Add the console's headers and compress the body by the request's `Accept-Encoding`.
 *
 * @example
 * finishConsoleResponse({ statusCode: 200, headers: { 'content-type': 'text/html' }, body: page }, event, origins);
 */
export function finishConsoleResponse(result: HttpResult, event: HttpEvent, origins: ConsoleOrigins): HttpResult {
  const headers: Record<string, string | number | boolean> = { ...consoleHeaders(origins), ...result.headers };
  const body = result.body;
  if (typeof body !== 'string' || result.isBase64Encoded || headers['content-encoding']) return { ...result, headers };
  headers.vary = 'accept-encoding';
  const bytes = Buffer.from(body, 'utf8');
  const encoding = bytes.length >= MIN_COMPRESS_BYTES ? chooseEncoding(event.headers?.['accept-encoding']) : undefined;
  if (!encoding) return { ...result, headers };
  const packed =
    encoding === 'br'
      ? brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
      : gzipSync(bytes, { level: 6 });
  return {
    ...result,
    headers: { ...headers, 'content-encoding': encoding },
    body: packed.toString('base64'),
    isBase64Encoded: true,
  };
}
