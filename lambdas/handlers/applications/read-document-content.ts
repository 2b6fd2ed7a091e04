/**
 * GET /v1/applications/{applicationId}/documents/{documentId}/content — the staff's audited read: 302 to a 60-second
 * URL of the kept copy.
 */
import { applicationDeps } from '../../composition/applications';
import { readDocumentContentRoute } from '../../contracts/applications';
import { httpRoute, redirect } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { readDocumentContent } from '../../use-cases/applications/documents';

const deps = applicationDeps();

export const handler = httpRoute(readDocumentContentRoute, async ({ params, identity }) => {
  const { url } = await readDocumentContent(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    documentId: params.documentId,
  });
  return redirect(url);
});
