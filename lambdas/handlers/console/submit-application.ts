/**
 * POST /console/applications/{applicationId}/submit — submit through the API's use case (again after corrections,
 * with the answer as the comment); a refusal draws the application page again (422) with its message beside the
 * document concerned and the comment as it was typed.
 */

import { applicationDeps } from '../../composition/applications';
import { applicationOverviewDeps } from '../../composition/enterprise-service';
import { consoleSubmitApplicationRoute } from '../../contracts/console-enterprise';
import { DOCUMENT_TYPES } from '../../domain/application-documents';
import { PermitError } from '../../domain/errors';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { submitApplication } from '../../use-cases/applications/submit-application';
import { applicationPage } from './application';
import { orNotFound } from './page-support';

/**
 * @example
 * await submitApplicationPage(applicationDeps(), request); // { kind: 'redirect', to: '/console/applications/APP-…' }
 */
export function submitApplicationPage(
  deps: ApplicationDeps,
  { viewer, params, form, ctx }: ConsoleRequest<typeof consoleSubmitApplicationRoute>,
  overview: Parameters<typeof applicationPage>[0] = applicationOverviewDeps(),
): Promise<ConsoleResult> {
  const page = `/console/applications/${params.applicationId}`;
  return orNotFound(ctx, async () => {
    try {
      const comment = form.comment?.trim();
      await submitApplication(deps, { viewer, applicationId: params.applicationId, ...(comment ? { comment } : {}) });
      return { kind: 'redirect', to: page };
    } catch (error) {
      const unexpected = ['not-found', 'internal', 'unavailable'];
      if (!(error instanceof PermitError) || unexpected.includes(error.kind)) throw error;
      const type = DOCUMENT_TYPES.find((d) => d === error.details.documentType);
      return applicationPage(
        overview,
        { viewer, params, query: {}, ctx },
        {
          code: error.code,
          ...(type ? { documentType: type } : {}),
          ...(form.comment ? { comment: form.comment } : {}),
        },
      );
    }
  });
}

type ApplicationDeps = Parameters<typeof submitApplication>[0];

const deps = applicationDeps();

export const handler = consoleRoute(consoleSubmitApplicationRoute, (r) => submitApplicationPage(deps, r));
