/** POST /v1/applications/{applicationId}/submit — the enterprise submits; required documents are checked. */
import { applicationDeps } from '../../composition/applications';
import { submitApplicationRoute } from '../../contracts/applications';
import { applicationView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { submitApplication } from '../../use-cases/applications/submit-application';

const deps = applicationDeps();

export const handler = httpRoute(submitApplicationRoute, async ({ params, body, identity }) => {
  const application = await submitApplication(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    ...(body.comment ? { comment: body.comment } : {}),
  });
  return json(200, applicationView(application, undefined, deps.clock.now()));
});
