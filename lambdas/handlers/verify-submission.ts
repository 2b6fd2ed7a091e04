/**
 * POST /v1/verify — a certificate PDF (`application/pdf`, ≤ 2 MiB): is this exact file one Permit issued, and does
 * its own PDF signature hold; or a scanned QR text (`application/json` `{ "qr": "…", "licenceNo"?: "…" }`). JSON
 * answer, 200 for every verdict. The whole `verify-file` function (its own bundle, with the PDF signature check).
 */
import { invocationMetrics } from '../composition/metrics';
import { verifyFileDeps } from '../composition/verify-file';
import { verifySubmissionRoute } from '../contracts/verification';
import type { InvocationMetrics } from '../ports/metrics';
import { httpRoute, json } from '../shared/http';
import { recordVerification, type VerifyDeps, verifyCertificate } from '../use-cases/verify-certificate';

/**
 * The route's handler over `deps` and `metrics` (the function's own `handler` uses the `verify-file` wiring and the
 * process's metrics; tests give a fake PDF signature check).
 *
 * @example
 * export const handler = verifySubmission(verifyFileDeps({ pdfSignatures: fakeCheck }));
 */
export const verifySubmission = (deps: VerifyDeps, metrics: InvocationMetrics = invocationMetrics()) =>
  httpRoute(
    verifySubmissionRoute,
    async ({ body }) => {
      const startedAt = performance.now();
      const result =
        body instanceof Uint8Array
          ? await verifyCertificate(deps, { kind: 'pdf', bytes: body })
          : await verifyCertificate(deps, {
              kind: 'qr',
              text: body.qr,
              ...(body.licenceNo === undefined ? {} : { licenceNo: body.licenceNo }),
            });
      const response = json(200, result);
      recordVerification(metrics, result.verdict, startedAt);
      return response;
    },
    { metrics },
  );

export const handler = verifySubmission(verifyFileDeps());
