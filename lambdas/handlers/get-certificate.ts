/** GET /v1/certificates/{licenceNo} — staff, or the enterprise that holds it; anyone else gets 404. */
import { readDeps } from '../composition/storage';
import { getCertificateRoute } from '../contracts/certificates';
import { certificateView } from '../presenters/certificate-view';
import { httpRoute, json } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { getCertificate } from '../use-cases/read-certificates';

const deps = readDeps();

export const handler = httpRoute(getCertificateRoute, async ({ params, identity }) => {
  const viewer = viewerOf(identity);
  const { head, version } = await getCertificate(deps, { licenceNo: params.licenceNo, viewer });
  return json(200, certificateView(head.certificate, version, viewer, deps.clock.now()));
});
