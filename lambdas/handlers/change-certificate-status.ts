/** POST /v1/certificates/{licenceNo}/status — an officer suspends, reinstates, revokes or cancels a licence. */
import { statusChangeDeps } from '../composition/storage';
import { changeStatusRoute } from '../contracts/certificates';
import { certificateView } from '../presenters/certificate-view';
import { httpRoute, json } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { changeCertificateStatusForView } from '../use-cases/change-certificate-status';

const deps = statusChangeDeps();

export const handler = httpRoute(changeStatusRoute, async ({ params, body, identity }) => {
  const viewer = viewerOf(identity);
  const { certificate, version } = await changeCertificateStatusForView(deps, {
    licenceNo: params.licenceNo,
    action: body.action,
    publicReason: body.publicReason,
    legalBasis: body.legalBasis,
    ...(body.internalNotes ? { internalNotes: body.internalNotes } : {}),
    ...(body.expectedRevision ? { expectedRevision: body.expectedRevision } : {}),
    actor: { type: 'user', id: viewer.id, role: 'officer' },
  });
  return json(200, certificateView(certificate, version, viewer, deps.clock.now()));
});
