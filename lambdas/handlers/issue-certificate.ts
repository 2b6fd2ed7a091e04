/** POST /v1/certificates — an officer issues a certificate (idempotent on the Idempotency-Key header). */
import { issuanceDeps } from '../composition-issuing';
import { issueCertificateRoute } from '../contracts/certificates';
import { httpRoute, json } from '../shared/http';
import { issueCertificate } from '../use-cases/issue-certificate';
import { certificateView, viewerOf } from './certificate-view';

const deps = issuanceDeps();

export const handler = httpRoute(issueCertificateRoute, async ({ body, headers, identity }) => {
  const viewer = viewerOf(identity);
  const result = await issueCertificate(await deps, {
    change: { kind: 'licence', enterprise: body.enterprise, products: body.products },
    ...(body.decision ? { decision: body.decision } : {}),
    actor: { type: 'user', id: viewer.id, role: 'officer' },
    idempotencyKey: `api:${headers['idempotency-key']}`,
    source: 'api',
  });
  const view = certificateView(result.certificate, result.version, viewer, (await deps).clock.now());
  return json(201, view, {
    location: view.links.self,
    ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
});
