/**
 * POST /console/applications/{applicationId}/documents/{documentId}/check — the API's check of one uploaded document.
 * upload.js asks for JSON (`Accept: application/json`); a plain form goes back to the application page, showing a
 * refusal's message beside the document.
 */
import { applicationDeps } from '../../composition/applications';
import { consoleCheckDocumentRoute } from '../../contracts/console-enterprise';
import { PermitError } from '../../domain/errors';
import { errorText } from '../../presenters/console/words';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { json } from '../../shared/http';
import { checkApplicationDocument } from '../../use-cases/applications/documents';
import { orNotFound } from './page-support';

const wantsJson = (accept: string | undefined) => (accept ?? '').includes('application/json');

/**
 * @example
 * await checkDocumentPage(applicationDeps(), request); // JSON { state: 'accepted' } or a redirect to the page
 */
export function checkDocumentPage(
  deps: ApplicationDeps,
  { viewer, params, ctx, event }: ConsoleRequest<typeof consoleCheckDocumentRoute>,
): Promise<ConsoleResult> {
  const asJson = wantsJson(event.headers?.accept);
  const page = `/console/applications/${params.applicationId}`;
  // A plain form's not-found (another enterprise's, or none) is the one "not found" page.
  return orNotFound(ctx, async () => {
    try {
      const document = await checkApplicationDocument(deps, { viewer, ...params });
      return asJson
        ? { kind: 'raw', result: json(200, { state: document.state, type: document.type }) }
        : { kind: 'redirect', to: page };
    } catch (error) {
      if (!(error instanceof PermitError) || error.kind === 'internal' || error.kind === 'unavailable') throw error;
      const type = typeof error.details.documentType === 'string' ? error.details.documentType : undefined;
      if (asJson) {
        const status = error.kind === 'not-found' ? 404 : error.kind === 'conflict' ? 409 : 422;
        return { kind: 'raw', result: json(status, { code: error.code, message: errorText(ctx, error.code), type }) };
      }
      if (error.kind === 'not-found') throw error;
      return { kind: 'redirect', to: `${page}?error=${error.code}${type ? `&document=${type}` : ''}` };
    }
  });
}

type ApplicationDeps = Parameters<typeof checkApplicationDocument>[0];

const deps = applicationDeps();

export const handler = consoleRoute(consoleCheckDocumentRoute, (r) => checkDocumentPage(deps, r));
