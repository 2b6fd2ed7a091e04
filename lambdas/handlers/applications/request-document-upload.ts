/** POST /v1/applications/{applicationId}/documents — a presigned POST for one document's upload. */
import { applicationDeps } from '../../composition/applications';
import { requestDocumentUploadRoute } from '../../contracts/applications';
import { documentView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { requestDocumentUpload } from '../../use-cases/applications/documents';

const deps = applicationDeps();

export const handler = httpRoute(requestDocumentUploadRoute, async ({ params, body, identity }) => {
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
