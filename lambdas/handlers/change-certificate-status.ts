/** POST /v1/certificates/{licenceNo}/status — an officer suspends, reinstates, revokes or cancels a licence. */
import { statusChangeDeps } from '../composition/storage';
import { changeStatusRoute } from '../contracts/certificates';
import { NotFoundError } from '../domain/errors';
import { certificateView } from '../presenters/certificate-view';
import { httpRoute, json } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { changeCertificateStatus } from '../use-cases/change-certificate-status';
import { parseLicenceParam } from '../use-cases/read-certificates';

const deps = statusChangeDeps();

export const handler = httpRoute(changeStatusRoute, async ({ params, body, identity }) => {
  const viewer = viewerOf(identity);
  const licenceNo = parseLicenceParam(params.licenceNo);
  const certificate = await changeCertificateStatus(deps, {
    licenceNo,
    action: body.action,
    publicReason: body.publicReason,
    legalBasis: body.legalBasis,
    ...(body.internalNotes ? { internalNotes: body.internalNotes } : {}),
    ...(body.expectedRevision ? { expectedRevision: body.expectedRevision } : {}),
    actor: { type: 'user', id: viewer.id, role: 'officer' },
  });
  // The snapshot just written is the head; only the (immutable) version record is read.
  const version = await deps.repository.getVersion(licenceNo, certificate.version);
  if (!version) throw new NotFoundError('VERSION_NOT_FOUND', `no version ${certificate.version} of ${licenceNo}`);
  return json(200, certificateView(certificate, version, viewer, deps.clock.now()));
});
