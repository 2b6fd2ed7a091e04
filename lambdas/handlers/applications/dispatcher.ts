/**
 * One Lambda serving several routes: API Gateway names the matched route in `routeKey`; each route keeps its own
 * thin handler (as `verify-routes.ts` does).
 *
 * @example
 * export const handler = routeDispatcher([[getApplicationRoute, getHandler], [submitApplicationRoute, submitHandler]]);
 */
import type { Context } from 'aws-lambda';
import { type RouteContract, routeKey } from '../../contracts/route';
import { type HttpEvent, type HttpResult, problemResponse } from '../../shared/http';

type RouteHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export function routeDispatcher(
  routes: readonly (readonly [RouteContract, unknown])[],
): (event: HttpEvent, context: Context) => Promise<HttpResult> {
  const byKey = new Map(routes.map(([contract, fn]) => [routeKey(contract), fn as RouteHandler]));
  return async (event, context) => {
    const route = byKey.get(event.routeKey);
    if (!route) return problemResponse(404, 'ROUTE_NOT_FOUND', `this function does not serve ${event.routeKey}`);
    return route(event, context);
  };
}
