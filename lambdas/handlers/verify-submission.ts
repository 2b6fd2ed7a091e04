/**
 * POST /v1/verify — a certificate PDF (`application/pdf`, ≤ 2 MiB): is this exact file one Permit issued; or a
 * scanned QR text (`application/json` `{ "qr": "…", "licenceNo"?: "…" }`). JSON answer, 200 for every verdict.
 */
import { verifyDeps } from '../composition/verify';
import { verifySubmissionRoute } from '../contracts/verification';
import { httpRoute, json } from '../shared/http';
import { verifyCertificate } from '../use-cases/verify-certificate';

const deps = verifyDeps();

export const handler = httpRoute(verifySubmissionRoute, async ({ body }) => {
  const result =
    body instanceof Uint8Array
      ? await verifyCertificate(deps, { kind: 'pdf', bytes: body })
      : await verifyCertificate(deps, {
          kind: 'qr',
          text: body.qr,
          ...(body.licenceNo === undefined ? {} : { licenceNo: body.licenceNo }),
        });
  return json(200, result);
});
