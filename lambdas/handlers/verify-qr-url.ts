/**
 * GET /v/{payload+} — the URL in every certificate's QR. The page for browsers, JSON for `Accept: application/json`;
 * 200 for every verdict. A path that cannot be a QR payload at all (another segment, characters no Base32 text or
 * scanner case-folding produces) answers 400 with the malformed-link page, which shows the address back, escaped.
 */

import { invocationMetrics } from '../composition/metrics';
import { clock, verifyDeps } from '../composition/verify';
import { verifyQrUrlRoute } from '../contracts/verification';
import { buildResult, checkFor } from '../domain/verification/result';
import { prefersHtml, resultResponse } from '../presenters/verification-response';
import { renderMalformedPathPage, VERIFICATION_PAGE_HEADERS } from '../presenters/web/verification-page';
import { config } from '../shared/config';
import { html, httpRoute, json } from '../shared/http';
import { recordVerification, verifyCertificate } from '../use-cases/verify-certificate';

const deps = verifyDeps();
const baseUrl = config().publicBaseUrl;
const metrics = invocationMetrics();
/** Letters and digits only: Base32 (either case) plus the digits scanners confuse with it (0, 1, 8, 9 → QR_BASE32). */
const PAYLOAD_SHAPE = /^[A-Za-z0-9]+$/;
const MAX_SHOWN = 300;

export const handler = httpRoute(
  verifyQrUrlRoute,
  async ({ params, event }) => {
    const startedAt = performance.now();
    const asHtml = prefersHtml(event.headers.accept, true);
    if (!PAYLOAD_SHAPE.test(params.payload)) {
      const checkedAt = clock.now();
      if (asHtml) {
        return html(
          400,
          renderMalformedPathPage(addressOf(event.rawPath, event.rawQueryString), { baseUrl, checkedAt }),
          {
            ...VERIFICATION_PAGE_HEADERS,
          },
        );
      }
      const checks = [checkFor('PATH_MALFORMED'), checkFor('PDF_SIGNATURE_NOT_APPLICABLE')];
      return json(400, buildResult({ mode: 'online', checks, checkedAt }), { vary: 'Accept' });
    }
    const result = await verifyCertificate(deps, { kind: 'payload', payload: params.payload });
    const response = resultResponse(result, { html: asHtml, baseUrl });
    recordVerification(metrics, result.verdict, startedAt);
    return response;
  },
  { metrics },
);

/**
 * The address as the user sent it, for display only (the page escapes it), shortened. `rawPath` arrives decoded
 * (API Gateway HTTP APIs decode it; so does the local gateway), so it is shown as it is, never decoded again; the
 * query string arrives raw, so it is decoded once (shown as received when it cannot be).
 */
function addressOf(path: string, query: string | undefined): string {
  let shownQuery = query ?? '';
  try {
    shownQuery = decodeURIComponent(shownQuery);
  } catch {
    // show it as received
  }
  const shown = shownQuery ? `${path}?${shownQuery}` : path;
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown;
}
