/** POST /v1/applications/{applicationId}/documents/{documentId}/check — the API checks an uploaded document. */
import { applicationDeps } from '../../composition/applications';
import { checkDocumentRoute } from '../../contracts/applications';
import { documentView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { checkApplicationDocument } from '../../use-cases/applications/documents';

const deps = applicationDeps();

export const handler = httpRoute(checkDocumentRoute, async ({ params, identity }) => {
  const document = await checkApplicationDocument(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    documentId: params.documentId,
  });
  return json(200, documentView(document));
});
