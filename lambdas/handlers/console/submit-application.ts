/**
 * POST /console/applications/{applicationId}/submit — submit through the API's use case (again after corrections,
 * with the answer as the comment); a refusal goes back to the page with its message beside the document concerned.
 */
import { applicationDeps } from '../../composition/applications';
import { consoleSubmitApplicationRoute } from '../../contracts/console-enterprise';
import { PermitError } from '../../domain/errors';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { submitApplication } from '../../use-cases/applications/submit-application';
import { orNotFound } from './page-support';

/**
 * @example
 * await submitApplicationPage(applicationDeps(), request); // { kind: 'redirect', to: '/console/applications/APP-…' }
 */
export function submitApplicationPage(
  deps: ApplicationDeps,
  { viewer, params, form, ctx }: ConsoleRequest<typeof consoleSubmitApplicationRoute>,
): Promise<ConsoleResult> {
  const page = `/console/applications/${params.applicationId}`;
  return orNotFound(ctx, async () => {
    try {
      const comment = form.comment?.trim();
      await submitApplication(deps, { viewer, applicationId: params.applicationId, ...(comment ? { comment } : {}) });
      return { kind: 'redirect', to: page };
    } catch (error) {
      if (!(error instanceof PermitError) || error.kind === 'not-found' || error.kind === 'internal') throw error;
      const type = typeof error.details.documentType === 'string' ? error.details.documentType : undefined;
      return { kind: 'redirect', to: `${page}?error=${error.code}${type ? `&document=${type}` : ''}` };
    }
  });
}

type ApplicationDeps = Parameters<typeof submitApplication>[0];

const deps = applicationDeps();

export const handler = consoleRoute(consoleSubmitApplicationRoute, (r) => submitApplicationPage(deps, r));
