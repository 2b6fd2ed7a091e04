/**
 * The one router: a Lambda that serves several routes (one role, one warm cache) hands each request to the route
 * handler whose contract API Gateway matched (`routeKey`). The routes a function serves are listed once, in
 * `lambdas/functions.ts`; a test checks that every function's entry routes exactly those.
 *
 * @example
 * export const handler = router([verifyQrUrl, verifyLookup, verifySubmission, jwks]);
 */
import type { Context } from 'aws-lambda';
import { routeKey } from '../contracts/route';
import { type HttpEvent, type HttpResult, problemResponse, type RouteHandler } from './http';

export type Router = ((event: HttpEvent, context: Context) => Promise<HttpResult>) & {
  /** The route keys served, e.g. `GET /v1/verify/{licenceNo}`. */
  readonly routeKeys: readonly string[];
};

export function router(handlers: readonly RouteHandler[]): Router {
  const byKey = new Map<string, RouteHandler>();
  for (const h of handlers) {
    const key = routeKey(h.contract);
    if (byKey.has(key)) throw new Error(`two handlers for ${key}`);
    byKey.set(key, h);
  }
  const route = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const handler = byKey.get(event.routeKey);
    if (!handler) return problemResponse('ROUTE_NOT_FOUND', `this function does not serve ${event.routeKey}`);
    return handler(event, context);
  };
  return Object.assign(route, { routeKeys: [...byKey.keys()] });
}
