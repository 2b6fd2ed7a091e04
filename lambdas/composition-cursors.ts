/**
 * Wiring of list cursors: the guard that seals and opens them, over the key set named by the environment — the SSM
 * parameter in the cloud (`CURSOR_KEYS_PARAMETER`), the local key file in the embedded runtime (`CURSOR_KEYS_FILE`) —
 * and `listRoute`, the `httpRoute` of a paginated contract. Only functions serving a list import this module (and so
 * the SSM client); `httpRoute` refuses a paginated contract without a guard, so a list route built the wrong way
 * fails at cold start, in every test that loads it.
 *
 * @example
 * export const handler = listRoute(listCertificatesRoute, async ({ query }) => json(200, await list(query)));
 */
import { FileCursorKeySource, SsmCursorKeySource } from './adapters/cursors/key-sources';
import { once } from './composition';
import type { RouteContract } from './contracts/route';
import { ssmClient } from './shared/clients';
import { readCursorKeysConfig } from './shared/config';
import { CursorGuard } from './shared/cursors/guard';
import { type HttpResult, type HttpRouteOptions, httpRoute, type ParsedRequest } from './shared/http';

/** Built on first use — at cold start, when a list handler's module creates its route. */
export const cursorGuard = once<CursorGuard>(() => {
  const where = readCursorKeysConfig(process.env);
  return new CursorGuard(
    where.kind === 'ssm' ? new SsmCursorKeySource(ssmClient(), where.parameter) : new FileCursorKeySource(where.path),
  );
});

/**
 * `httpRoute` for a paginated contract, with the process's cursor guard: the handler receives and returns raw
 * positions; the caller only ever sees them sealed.
 *
 * @example
 * const list = listRoute(listInspectionsRoute, async ({ query }) => json(200, await listInspections(deps, query)));
 */
export const listRoute = <C extends RouteContract>(
  contract: C,
  fn: (request: ParsedRequest<C>) => Promise<HttpResult>,
): ReturnType<typeof httpRoute<C>> =>
  // A list route is never `signed`, so its options need no authenticator (TypeScript cannot see that for a generic C).
  (httpRoute as (c: C, f: typeof fn, o: HttpRouteOptions) => ReturnType<typeof httpRoute<C>>)(contract, fn, {
    cursors: cursorGuard(),
  });
