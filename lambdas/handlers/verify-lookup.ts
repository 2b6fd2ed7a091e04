/**
 * GET /v1/verify/{licenceNo}[?qr=…] — lookup by licence number: public register fields and status. JSON unless the
 * client prefers HTML (a browser), then the verification page. With `qr`, the QR is verified online and must be this
 * licence. 200 for every verdict.
 */
import { invocationMetrics } from '../composition/metrics';
import { verifyDeps } from '../composition/verify';
import { verifyLookupRoute } from '../contracts/verification';
import { prefersHtml, resultResponse } from '../presenters/verification-response';
import { config } from '../shared/config';
import { httpRoute } from '../shared/http';
import { recordVerification, verifyCertificate } from '../use-cases/verify-certificate';

const deps = verifyDeps();
const baseUrl = config().publicBaseUrl;
const metrics = invocationMetrics();

export const handler = httpRoute(
  verifyLookupRoute,
  async ({ params, query, event }) => {
    const startedAt = performance.now();
    const result =
      query.qr === undefined
        ? await verifyCertificate(deps, { kind: 'lookup', licenceNo: params.licenceNo })
        : await verifyCertificate(deps, { kind: 'qr', text: query.qr, licenceNo: params.licenceNo });
    const response = resultResponse(result, { html: prefersHtml(event.headers.accept, false), baseUrl });
    recordVerification(metrics, result.verdict, startedAt);
    return response;
  },
  { metrics },
);
