/**
 * What the verify routes share: content negotiation (page or JSON from one URL) and the response for a result.
 *
 * @example
 * return resultResponse(result, { html: prefersHtml(event.headers.accept, true), baseUrl: config().publicBaseUrl });
 */

import type { VerificationResult } from '../domain/verification/result';
import { type HttpResult, html, json } from '../shared/http';
import { renderVerificationPage, VERIFICATION_PAGE_HEADERS } from './web/verification-page';

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept.split(',').flatMap((part) => {
    const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    return Number.isFinite(q) ? [{ type, subtype, q: Math.min(Math.max(q, 0), 1) }] : [];
  });
}

/** The quality the client gives a media type: from its most specific matching range (RFC 9110 §12.5.1). */
function qualityOf(ranges: readonly MediaRange[], type: string, subtype: string): number {
  const exact = ranges.find((r) => r.type === type && r.subtype === subtype);
  if (exact) return exact.q;
  const partial = ranges.find((r) => r.type === type && r.subtype === '*');
  if (partial) return partial.q;
  return ranges.find((r) => r.type === '*' && r.subtype === '*')?.q ?? 0;
}

/**
 * Whether to answer with the HTML page rather than JSON: the type the `Accept` header rates higher; the route's
 * default when it rates both the same (e.g. `*∕*`) or sends none.
 *
 * @example
 * prefersHtml('application/json', true);                 // false
 * prefersHtml('text/html,application/xhtml+xml,*∕*;q=0.8', false); // true
 */
export function prefersHtml(accept: string | undefined, byDefault: boolean): boolean {
  const rated = ratingOf(accept ?? '');
  return rated === 'same' ? byDefault : rated === 'html';
}

type Rating = 'html' | 'json' | 'same';
/**
 * Ratings of the `Accept` headers seen, by header: browsers and scanner apps send a handful of distinct values, so
 * each is parsed once. Bounded: past {@link MAX_RATINGS} distinct values it starts over.
 */
const ratings = new Map<string, Rating>();
const MAX_RATINGS = 256;

function ratingOf(accept: string): Rating {
  const known = ratings.get(accept);
  if (known) return known;
  const ranges = parseAccept(accept);
  const htmlQ = qualityOf(ranges, 'text', 'html');
  const jsonQ = qualityOf(ranges, 'application', 'json');
  const rating: Rating = ranges.length === 0 || htmlQ === jsonQ ? 'same' : htmlQ > jsonQ ? 'html' : 'json';
  if (ratings.size >= MAX_RATINGS) ratings.clear();
  ratings.set(accept, rating);
  return rating;
}

/**
 * A verification result as the page (strict CSP, `no-store`, `vary: Accept`) or as JSON (`no-store`, `vary: Accept`).
 *
 * @example
 * resultResponse(result, { html: true, baseUrl }); // 200 text/html
 */
export function resultResponse(
  result: VerificationResult,
  options: { readonly html: boolean; readonly baseUrl: string; readonly status?: number },
): HttpResult {
  const status = options.status ?? 200;
  if (options.html) {
    return html(status, renderVerificationPage(result, { baseUrl: options.baseUrl }), { ...VERIFICATION_PAGE_HEADERS });
  }
  return json(status, result, { vary: 'Accept' });
}
