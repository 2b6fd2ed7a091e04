/**
 * POST /console/workbench/applications/{applicationId}/decision — the officer's decision through the API's use case
 * (`decideApplication`: approve issues, refuse rejects with a comment), then post/redirect/get to the application
 * with the decision's notice. A refusal the officer can act on draws the page again with that status and the reason
 * beside the comment, the comment kept.
 */
import { decisionDeps } from '../../composition/decisions';
import { consoleWorkbenchDecisionRoute } from '../../contracts/console-workbench';
import { PermitError } from '../../domain/errors';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { statusOf } from '../../shared/problem-status';
import { decideApplication } from '../../use-cases/applications/review-application';
import { orNotFound } from '../console/page-support';
import { workbenchApplicationPage } from './application';

type Deps = Parameters<typeof decideApplication>[0];

/** Kinds of refusal drawn beside the form; anything else is the pipeline's error page. */
const ANSWERED_ON_THE_FORM = new Set(['invalid', 'conflict', 'unprocessable']);

/**
 * @example
 * await decisionPage(decisionDeps(), request); // { kind: 'redirect', to: '/console/workbench/applications/APP-…?done=approve' }
 */
export function decisionPage(
  deps: Deps,
  { viewer, roles, params, form, ctx }: ConsoleRequest<typeof consoleWorkbenchDecisionRoute>,
): Promise<ConsoleResult> {
  const page = `/console/workbench/applications/${params.applicationId}`;
  return orNotFound(ctx, async () => {
    try {
      await decideApplication(deps, {
        viewer,
        applicationId: params.applicationId,
        decision: form.decision,
        ...(form.comment ? { comment: form.comment } : {}),
      });
      return { kind: 'redirect', to: `${page}?done=${form.decision}` };
    } catch (error) {
      if (!(error instanceof PermitError) || !ANSWERED_ON_THE_FORM.has(error.kind)) throw error;
      return workbenchApplicationPage(
        deps,
        { viewer, roles, params, query: {}, ctx },
        {
          form: 'decision',
          code: error.code,
          // Bad input is the form again (422, as the console's forms answer it); a state conflict keeps its 409.
          status: statusOf(error.code) === 409 ? 409 : 422,
          ...(form.comment ? { comment: form.comment } : {}),
        },
      );
    }
  });
}

const deps = decisionDeps();

export const handler = consoleRoute(consoleWorkbenchDecisionRoute, (r) => decisionPage(deps, r));
