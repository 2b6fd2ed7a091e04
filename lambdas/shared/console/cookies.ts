/**
 * The console's cookies: their names, reading them from a payload 2.0 event (API Gateway moves `Cookie` headers into
 * `event.cookies`), and writing them as `Set-Cookie` values. Every console cookie is scoped to `/console`, HttpOnly,
 * SameSite=Lax (sent on the identity provider's redirect back, a top-level GET, never on a cross-site POST) and
 * Secure except over plain http to a loopback host (`npm start` on 127.0.0.1), where a browser would drop it.
 *
 * @example
 * readCookies(event).get(COOKIES.session);
 * setCookie(COOKIES.lang, 'en', { maxAgeSeconds: 31_536_000, secure: true });
 */
import type { HttpEvent } from '../http';

export const COOKIES = {
  /** The sealed session (`session.ts`). */
  session: 'permit_session',
  /** The sealed sign-in attempt: state, nonce, PKCE verifier and the page asked for (10 min). */
  signIn: 'permit_signin',
  /** `en` or `zh-CN`. */
  lang: 'permit_lang',
  /** `large` when large text is on. */
  text: 'permit_text',
} as const;

export const COOKIE_PATH = '/console';

/**
 * The request's cookies by name (the first of a repeated name wins, as browsers send the most specific path first).
 *
 * @example
 * readCookies({ cookies: ['permit_lang=en'] } as HttpEvent).get('permit_lang'); // 'en'
 */
export function readCookies(event: Pick<HttpEvent, 'cookies' | 'headers'>): Map<string, string> {
  const pairs = event.cookies ?? (event.headers?.cookie ?? '').split(';');
  const out = new Map<string, string>();
  for (const pair of pairs.flatMap((c) => c.split(';')).map((c) => c.trim())) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    if (!out.has(name)) out.set(name, pair.slice(at + 1).trim());
  }
  return out;
}

export interface CookieOptions {
  /** Omitted: a browser-session cookie. 0: delete it. */
  readonly maxAgeSeconds?: number;
  readonly secure: boolean;
}

/**
 * A `Set-Cookie` value for a console cookie (values are base64url or fixed words: no escaping needed).
 *
 * @example
 * setCookie('permit_text', '', { maxAgeSeconds: 0, secure: false }); // deletes it
 */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${COOKIE_PATH}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
    ...(options.maxAgeSeconds !== undefined ? [`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`] : []),
  ].join('; ');
}

/**
 * Whether cookies for this base URL may be `Secure`: everywhere but plain http to a loopback host.
 *
 * @example
 * secureCookies('http://127.0.0.1:3000'); // false
 * secureCookies('https://permit.example.gov.cn'); // true
 */
export function secureCookies(publicBaseUrl: string): boolean {
  const url = new URL(publicBaseUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
  return !(url.protocol === 'http:' && loopback);
}
