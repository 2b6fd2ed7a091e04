/** GET /v1/certificates/{licenceNo}/pdf[?version=N] — 302 to a presigned URL (≤ 5 min); every download audited. */
import { readDeps } from '../composition/storage';
import { downloadCertificateRoute } from '../contracts/certificates';
import { httpRoute, redirect } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { downloadCertificate } from '../use-cases/read-certificates';

const deps = readDeps();

export const handler = httpRoute(downloadCertificateRoute, async ({ params, query, identity }) => {
  const { url } = await downloadCertificate(deps, {
    licenceNo: params.licenceNo,
    ...(query.version ? { version: query.version } : {}),
    viewer: viewerOf(identity),
  });
  return redirect(url);
});
