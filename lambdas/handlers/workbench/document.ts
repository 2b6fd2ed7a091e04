/**
 * GET /console/workbench/applications/{applicationId}/documents/{documentId} — a document in a tab of its own: the
 * API's audited read (`readDocumentContent`: the read recorded, then a 60-second URL of the kept copy), answered
 * with 303 to that URL. The review page links here beside the document it draws in the page.
 */
import { applicationDeps } from '../../composition/applications';
import { consoleWorkbenchDocumentRoute } from '../../contracts/console-workbench';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { readDocumentContent } from '../../use-cases/applications/documents';
import { orNotFound } from '../console/page-support';

type Deps = Parameters<typeof readDocumentContent>[0];

/**
 * @example
 * await documentPage(applicationDeps(), request); // { kind: 'raw', result: 303 to the presigned URL }
 */
export function documentPage(
  deps: Deps,
  { viewer, params, ctx }: Pick<ConsoleRequest<typeof consoleWorkbenchDocumentRoute>, 'viewer' | 'params' | 'ctx'>,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const { url } = await readDocumentContent(deps, { viewer, ...params });
    // Storage's URL, not a console path: answered as it is (the pipeline redirects pages within the console only).
    return { kind: 'raw', result: { statusCode: 303, headers: { location: url, 'cache-control': 'no-store' } } };
  });
}

const deps = applicationDeps();

export const handler = consoleRoute(consoleWorkbenchDocumentRoute, (r) => documentPage(deps, r));
