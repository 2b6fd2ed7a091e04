/** GET /v1/applications/{applicationId} — the application with documents and timeline (its enterprise or staff). */
import { applicationDeps } from '../../composition/applications';
import { getApplicationRoute } from '../../contracts/applications';
import { applicationView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { getApplication } from '../../use-cases/applications/read-applications';

const deps = applicationDeps();

export const handler = httpRoute(getApplicationRoute, async ({ params, identity }) => {
  const { application, documents, documentReads } = await getApplication(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
  });
  return json(200, applicationView(application, documents, deps.clock.now(), documentReads && { documentReads }));
});
