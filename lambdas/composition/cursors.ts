/**
 * The list-cursor guard of this process (`lambdas/shared/cursors/guard.ts`): its key set from the SSM parameter in
 * the cloud, from the file under the data directory locally. And `listRoute`, the `httpRoute` of a paginated
 * contract with that guard.
 *
 * @example
 * const list = listRoute(listInspectionsRoute, async ({ query }) => json(200, await listInspections(deps, query)));
 */
import { systemClock } from '../adapters/clock/system-clock';
import { FileCursorKeySource, SsmCursorKeySource } from '../adapters/cursors/key-sources';
import type { RouteContract } from '../contracts/route';
import { ssmClient } from '../shared/clients';
import { readCursorKeysConfig } from '../shared/config';
import { CursorGuard } from '../shared/cursors/guard';
import { type HttpResult, type HttpRouteOptions, httpRoute, type ParsedRequest } from '../shared/http';
import { once } from './once';

export const cursorGuard = once<CursorGuard>(() => {
  const where = readCursorKeysConfig(process.env);
  return new CursorGuard(
    where.kind === 'ssm' ? new SsmCursorKeySource(ssmClient(), where.parameter) : new FileCursorKeySource(where.path),
    systemClock,
  );
});

/**
 * `httpRoute` for a paginated contract, with the process's cursor guard: the handler receives and returns raw
 * positions; the caller only ever sees them sealed.
 *
 * @example
 * export const handler = listRoute(listCertificatesRoute, async ({ query }) => json(200, await list(deps, query)));
 */
export const listRoute = <C extends RouteContract>(
  contract: C,
  fn: (request: ParsedRequest<C>) => Promise<HttpResult>,
): ReturnType<typeof httpRoute<C>> =>
  // A list route is never `signed`, so its options need no authenticator (TypeScript cannot see that for a generic C).
  (httpRoute as (c: C, f: typeof fn, o: HttpRouteOptions) => ReturnType<typeof httpRoute<C>>)(contract, fn, {
    cursors: cursorGuard(),
  });
