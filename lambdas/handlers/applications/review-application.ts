/**
 * POST /v1/applications/{applicationId}/review — a reviewer's step; the last one issues at once where the procedure
 * allows (notification–commitment).
 *
 * @example
 * // POST /v1/applications/{id}/review { "action": "pass-formal-review" } → issued at once (notification–commitment)
 */
import { decisionDeps } from '../../composition/decisions';
import { reviewApplicationRoute } from '../../contracts/applications';
import { applicationView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { reviewApplication } from '../../use-cases/applications/review-application';

const deps = decisionDeps();

export const handler = httpRoute(reviewApplicationRoute, async ({ params, body, identity }) => {
  const application = await reviewApplication(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    action: body.action,
    ...(body.comment ? { comment: body.comment } : {}),
  });
  return json(200, applicationView(application, undefined, deps.clock.now()));
});
