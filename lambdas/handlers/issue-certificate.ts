/** POST /v1/certificates — an officer issues a certificate (idempotent on the Idempotency-Key header). */
import { dispatchDeps } from '../composition/dispatch';
import { issuanceDeps } from '../composition/issuance';
import { issueCertificateRoute } from '../contracts/certificates';
import { dispatchIdOf } from '../domain/dispatch';
import { parsePostalAddress } from '../domain/postal-address';
import { certificateView } from '../presenters/certificate-view';
import { httpRoute, json } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { notifyDispatches } from '../use-cases/dispatch/dispatch';
import { dispatchOutboxWrites } from '../use-cases/dispatch/outbox';
import { issueCertificate } from '../use-cases/issue-certificate';

const deps = issuanceDeps();

export const handler = httpRoute(issueCertificateRoute, async ({ body, headers, identity }) => {
  const viewer = viewerOf(identity);
  // Validated before anything is reserved: a bad address is a 400 naming the field, not a half-done issuance.
  const address = body.paperCopy ? parsePostalAddress(body.paperCopy.address, 'body.paperCopy.address') : undefined;
  const issuedAt = dispatchDeps().clock.now();
  const result = await issueCertificate(await deps, {
    change: { kind: 'licence', enterprise: body.enterprise, products: body.products },
    ...(body.decision ? { decision: body.decision } : {}),
    actor: { type: 'user', id: viewer.id, role: 'officer' },
    idempotencyKey: `api:${headers['idempotency-key']}`,
    source: 'api',
    requestExtras: { paperCopy: body.paperCopy ?? null },
    ...(address
      ? {
          extraWrites: ({ licenceNo, version, paperSerial }) =>
            dispatchOutboxWrites({
              licenceNo,
              version,
              paperSerial,
              uscc: body.enterprise.uscc.trim().toUpperCase(),
              address,
              reason: version === 1 ? 'issue' : 'new-version',
              requestedBy: viewer.id,
              at: issuedAt,
            }),
        }
      : {}),
  });
  // After the commit, best effort (a replay sends again: the worker is idempotent, the relay covers failures).
  if (address) await notifyDispatches(dispatchDeps(), [dispatchIdOf(result.version.paperSerial)]);
  const view = certificateView(result.certificate, result.version, viewer, (await deps).clock.now());
  return json(201, view, {
    location: view.links.self,
    ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
});
