/** POST /v1/applications/{id}/documents (presigned upload) and …/documents/{documentId}/check (the API's check). */
import { applicationDeps } from '../../composition-applications';
import { checkDocumentRoute, requestDocumentUploadRoute } from '../../contracts/applications';
import { httpRoute, json } from '../../shared/http';
import { checkApplicationDocument, requestDocumentUpload } from '../../use-cases/applications/documents';
import { viewerOf } from '../certificate-view';
import { documentView } from './views';

const deps = applicationDeps();

export const uploadHandler = httpRoute(requestDocumentUploadRoute, async ({ params, body, identity }) => {
  const { document, upload } = await requestDocumentUpload(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    ...body,
  });
  return json(201, {
    document: documentView(document),
    upload,
    links: { check: `/v1/applications/${params.applicationId}/documents/${document.id}/check` },
  });
});

export const checkHandler = httpRoute(checkDocumentRoute, async ({ params, identity }) => {
  const document = await checkApplicationDocument(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    documentId: params.documentId,
  });
  return json(200, documentView(document));
});
