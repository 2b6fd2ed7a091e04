/** GET /console/workbench/certificates/{licenceNo}/pdf[?version=N] — 302 to the PDF through the API's audited download. */
import { readDeps } from '../../composition/storage';
import { consoleWorkbenchCertificatePdfRoute } from '../../contracts/console-workbench';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { redirect } from '../../shared/http';
import { downloadCertificate, type ReadDeps } from '../../use-cases/read-certificates';
import { orNotFound } from '../console/page-support';

/**
 * A `raw` 302 to the presigned URL (≤ 5 min), recorded in the audit trail (who, which version, which digest) as the
 * API's `downloadCertificatePdf` records it; an unknown licence or version is the 404 page.
 *
 * @example
 * await certificatePdfPage(readDeps(), request); // { kind: 'raw', result: { statusCode: 302, … } }
 */
export function certificatePdfPage(
  deps: ReadDeps,
  { viewer, params, query, ctx }: ConsoleRequest<typeof consoleWorkbenchCertificatePdfRoute>,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const { url } = await downloadCertificate(deps, {
      licenceNo: params.licenceNo,
      ...(query.version ? { version: query.version } : {}),
      viewer,
    });
    return { kind: 'raw', result: redirect(url) };
  });
}

const deps = readDeps();

export const handler = consoleRoute(consoleWorkbenchCertificatePdfRoute, (r) => certificatePdfPage(deps, r));
