/** GET /console/licences/{licenceNo}/pdf[?version=N] — 302 to the PDF through the API's audited download. */
import { readDeps } from '../../composition/storage';
import { consoleLicencePdfRoute } from '../../contracts/console-enterprise';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { redirect } from '../../shared/http';
import { downloadCertificate, type ReadDeps } from '../../use-cases/read-certificates';
import { orNotFound } from './page-support';

/**
 * A `raw` 302 to the presigned URL (≤ 5 min), recorded in the audit trail; another's licence is a 404 page.
 *
 * @example
 * await licencePdfPage(readDeps(), request); // { kind: 'raw', result: { statusCode: 302, … } }
 */
export function licencePdfPage(
  deps: ReadDeps,
  { viewer, params, query, ctx }: ConsoleRequest<typeof consoleLicencePdfRoute>,
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

export const handler = consoleRoute(consoleLicencePdfRoute, (r) => licencePdfPage(deps, r));
