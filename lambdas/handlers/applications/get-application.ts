/** GET /v1/applications/{applicationId} — the application with documents and timeline (its enterprise or staff). */
import { applicationDeps } from '../../composition/applications';
import { getApplicationRoute } from '../../contracts/applications';
import { httpRoute, json } from '../../shared/http';
import { getApplication } from '../../use-cases/applications/read-applications';
import { viewerOf } from '../certificate-view';
import { applicationView } from './views';

const deps = applicationDeps();

export const handler = httpRoute(getApplicationRoute, async ({ params, identity }) => {
  const { application, documents, documentReads } = await getApplication(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
  });
  return json(200, applicationView(application, documents, deps.clock.now(), documentReads && { documentReads }));
});
