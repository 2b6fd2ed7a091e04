/**
 * POST /console/applications/{applicationId}/documents — upload.js asks here for one document's presigned POST (the
 * API's use case: the policy pins the key, the exact size and the type), then sends the file straight to storage.
 */
import { applicationDeps } from '../../composition/applications';
import { consoleRequestUploadRoute } from '../../contracts/console-enterprise';
import { PermitError } from '../../domain/errors';
import { errorText } from '../../presenters/console/words';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { json } from '../../shared/http';
import { requestDocumentUpload } from '../../use-cases/applications/documents';

/**
 * JSON for upload.js: `{ upload: { url, fields }, check }`, or `{ code, message }` (the message in the reader's
 * language) with the code's status.
 *
 * @example
 * await requestUploadPage(applicationDeps(), request); // { kind: 'raw', result: { statusCode: 201, … } }
 */
export async function requestUploadPage(
  deps: ApplicationDeps,
  { viewer, params, form, ctx }: ConsoleRequest<typeof consoleRequestUploadRoute>,
): Promise<ConsoleResult> {
  try {
    const { document, upload } = await requestDocumentUpload(deps, {
      viewer,
      applicationId: params.applicationId,
      type: form.type,
      fileName: form.fileName,
      contentType: form.contentType,
      size: form.size,
    });
    return {
      kind: 'raw',
      result: json(201, {
        documentId: document.id,
        upload: { method: upload.method, url: upload.url, fields: upload.fields },
        check: `/console/applications/${params.applicationId}/documents/${document.id}/check`,
      }),
    };
  } catch (error) {
    if (!(error instanceof PermitError)) throw error;
    const status = error.kind === 'not-found' ? 404 : error.kind === 'conflict' ? 409 : 400;
    return { kind: 'raw', result: json(status, { code: error.code, message: errorText(ctx, error.code) }) };
  }
}

type ApplicationDeps = Parameters<typeof requestDocumentUpload>[0];

const deps = applicationDeps();

export const handler = consoleRoute(consoleRequestUploadRoute, (r) => requestUploadPage(deps, r));
