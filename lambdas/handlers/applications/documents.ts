/**
 * POST /v1/applications/{id}/documents (presigned POST upload), …/documents/{documentId}/check (the API's check) and
 * GET …/documents/{documentId}/content (the staff's audited read: 302 to a 60-second URL of the kept copy).
 */
import { applicationDeps } from '../../composition/applications';
import { checkDocumentRoute, readDocumentContentRoute, requestDocumentUploadRoute } from '../../contracts/applications';
import { documentView } from '../../presenters/application-view';
import { httpRoute, json, redirect } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import {
  checkApplicationDocument,
  readDocumentContent,
  requestDocumentUpload,
} from '../../use-cases/applications/documents';

const deps = applicationDeps();

export const uploadHandler = httpRoute(requestDocumentUploadRoute, async ({ params, body, identity }) => {
  const { document, upload } = await requestDocumentUpload(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    ...body,
  });
  return json(201, {
    document: documentView(document),
    upload: { ...upload, fields: { ...upload.fields } },
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

export const contentHandler = httpRoute(readDocumentContentRoute, async ({ params, identity }) => {
  const { url } = await readDocumentContent(deps, {
    viewer: viewerOf(identity),
    applicationId: params.applicationId,
    documentId: params.documentId,
  });
  return redirect(url);
});
