/**
 * The `application-decisions` function: the reviewer's steps and the officer's decision — the only application
 * function that issues (signing key, certificates bucket, fonts).
 *
 * @example
 * // POST /v1/applications/{id}/review { "action": "pass-formal-review" } → issued at once (notification–commitment)
 */
import { decisionDeps } from '../../composition/decisions';
import { decideApplicationRoute, reviewApplicationRoute } from '../../contracts/applications';
import { applicationView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { router } from '../../shared/router';
import { decideApplication, reviewApplication } from '../../use-cases/applications/review-application';

const deps = decisionDeps();

const review = httpRoute(reviewApplicationRoute, async ({ params, body, identity }) => {
  const application = await reviewApplication(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    action: body.action,
    ...(body.comment ? { comment: body.comment } : {}),
  });
  return json(200, applicationView(application, undefined, deps.clock.now()));
});

const decide = httpRoute(decideApplicationRoute, async ({ params, body, identity }) => {
  const application = await decideApplication(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    decision: body.decision,
    ...(body.comment ? { comment: body.comment } : {}),
  });
  return json(200, applicationView(application, undefined, deps.clock.now()));
});

export const handler = router([review, decide]);
