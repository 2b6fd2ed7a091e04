/**
 * The OpenAPI 3.1 document of the API, generated once from the route contracts of every function in
 * `lambdas/functions.ts` (but the console's HTML routes, `isConsoleRoute`) — a view of the contracts, with no application state behind it (so its route calls no use case).
 *
 * @example
 * json(200, openApiDocument());
 */
import { isConsoleRoute } from '../contracts/route';
import { allRoutes } from '../functions';
import { buildOpenApi } from '../shared/openapi';

let document: ReturnType<typeof buildOpenApi> | undefined;

export function openApiDocument(): ReturnType<typeof buildOpenApi> {
  document ??= buildOpenApi(
    // The console's pages are HTML behind a session, not the bearer-token API this document describes.
    allRoutes().filter((r) => !isConsoleRoute(r)),
    { title: 'Permit API', version: '1.0.0' },
  );
  return document;
}
