/** POST /v1/applications/{applicationId}/decision — the officer's decision: grant (issues) or refuse. */
import { decisionDeps } from '../../composition/decisions';
import { decideApplicationRoute } from '../../contracts/applications';
import { applicationView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { decideApplication } from '../../use-cases/applications/review-application';

const deps = decisionDeps();

export const handler = httpRoute(decideApplicationRoute, async ({ params, body, identity }) => {
  const application = await decideApplication(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    decision: body.decision,
    ...(body.comment ? { comment: body.comment } : {}),
  });
  return json(200, applicationView(application, undefined, deps.clock.now()));
});
