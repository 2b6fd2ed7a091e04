/**
 * GET /console/applications/{applicationId}/documents/{documentId}/uploaded — where storage sends the browser after
 * a plain form (JavaScript off) uploaded a document with its undeclared grant: the check of the stored bytes
 * (`checkUndeclaredUpload`), then back to the application page at that document — its check result shown there, a
 * refusal's message beside it, and a fresh form to try again (also when the file never arrived, e.g. the form's grant
 * had expired). The GET runs the check, so it carries its own token bound to the session ({@link plainUploadToken}).
 */
import { applicationDeps } from '../../composition/applications';
import { consoleDocumentUploadedRoute } from '../../contracts/console-enterprise';
import { PermitError } from '../../domain/errors';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { checkUndeclaredUpload } from '../../use-cases/applications/documents';
import { assertPlainUploadToken, orNotFound } from './page-support';

/**
 * @example
 * await documentUploadedPage(applicationDeps(), request); // { kind: 'redirect', to: '/console/applications/APP-…#doc-test-report' }
 */
export function documentUploadedPage(
  deps: ApplicationDeps,
  { viewer, params, query, ctx }: ConsoleRequest<typeof consoleDocumentUploadedRoute>,
): Promise<ConsoleResult> {
  const page = `/console/applications/${params.applicationId}`;
  return orNotFound(ctx, async () => {
    assertPlainUploadToken(ctx.csrfToken, { ...params, type: query.type }, query.t);
    try {
      await checkUndeclaredUpload(deps, { viewer, ...params, type: query.type });
      return { kind: 'redirect', to: `${page}#doc-${query.type}` };
    } catch (error) {
      if (!(error instanceof PermitError) || error.kind === 'not-found' || error.kind === 'internal') throw error;
      if (error.kind === 'unavailable') throw error;
      return { kind: 'redirect', to: `${page}?error=${error.code}&document=${query.type}#doc-${query.type}` };
    }
  });
}

type ApplicationDeps = Parameters<typeof checkUndeclaredUpload>[0];

const deps = applicationDeps();

export const handler = consoleRoute(consoleDocumentUploadedRoute, (r) => documentUploadedPage(deps, r));
