/**
 * POST /console/workbench/applications/{applicationId}/review — a reviewer's step through the API's use case
 * (`reviewApplication`; passing the formal review of an issue-at-once application issues it at once), then
 * post/redirect/get to the application with the step's notice. A step refused with a reason the reviewer can act on
 * (a comment required, a step the state no longer allows, a document whose kept copy changed) draws the page again
 * with that status and the reason beside the comment, the comment kept.
 */
import { decisionDeps } from '../../composition/decisions';
import { consoleWorkbenchReviewRoute } from '../../contracts/console-workbench';
import { PermitError } from '../../domain/errors';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { statusOf } from '../../shared/problem-status';
import { reviewApplication } from '../../use-cases/applications/review-application';
import { orNotFound } from '../console/page-support';
import { workbenchApplicationPage } from './application';

type Deps = Parameters<typeof reviewApplication>[0];

/** Kinds of refusal drawn beside the form; anything else is the pipeline's error page. */
const ANSWERED_ON_THE_FORM = new Set(['invalid', 'conflict', 'unprocessable']);

/**
 * @example
 * await reviewPage(decisionDeps(), request); // { kind: 'redirect', to: '/console/workbench/applications/APP-…?done=accept' }
 */
export function reviewPage(
  deps: Deps,
  { viewer, roles, params, form, ctx }: ConsoleRequest<typeof consoleWorkbenchReviewRoute>,
): Promise<ConsoleResult> {
  const page = `/console/workbench/applications/${params.applicationId}`;
  return orNotFound(ctx, async () => {
    try {
      await reviewApplication(deps, {
        viewer,
        applicationId: params.applicationId,
        action: form.action,
        ...(form.comment ? { comment: form.comment } : {}),
      });
      return { kind: 'redirect', to: `${page}?done=${form.action}` };
    } catch (error) {
      if (!(error instanceof PermitError) || !ANSWERED_ON_THE_FORM.has(error.kind)) throw error;
      return workbenchApplicationPage(
        deps,
        { viewer, roles, params, query: {}, ctx },
        {
          form: 'review',
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

export const handler = consoleRoute(consoleWorkbenchReviewRoute, (r) => reviewPage(deps, r));
