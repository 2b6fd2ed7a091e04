/** POST /v1/certificates/{licenceNo}/status — an officer suspends, reinstates, revokes or cancels a licence. */
import { readDeps, statusChangeDeps } from '../composition';
import { changeStatusRoute } from '../contracts/certificates';
import { httpRoute, json } from '../shared/http';
import { changeCertificateStatus } from '../use-cases/change-certificate-status';
import { getCertificate, parseLicenceParam } from '../use-cases/read-certificates';
import { certificateView, viewerOf } from './certificate-view';

const deps = statusChangeDeps();

export const handler = httpRoute(changeStatusRoute, async ({ params, body, identity }) => {
  const viewer = viewerOf(identity);
  const licenceNo = parseLicenceParam(params.licenceNo);
  await changeCertificateStatus(deps, {
    licenceNo,
    action: body.action,
    publicReason: body.publicReason,
    legalBasis: body.legalBasis,
    ...(body.internalNotes ? { internalNotes: body.internalNotes } : {}),
    ...(body.expectedRevision ? { expectedRevision: body.expectedRevision } : {}),
    actor: { type: 'user', id: viewer.id, role: 'officer' },
  });
  const { head, version } = await getCertificate(readDeps(), { licenceNo, viewer });
  return json(200, certificateView(head.certificate, version, viewer, deps.clock.now()));
});
