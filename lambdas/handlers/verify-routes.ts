/**
 * The `verify` function: one Lambda (one read-only role, one warm key set and status cache) serving every public
 * verification route. API Gateway names the matched route in `routeKey`; each route keeps its own thin handler.
 *
 * @example
 * // lambdas/functions.ts
 * { name: 'verify', entry: 'lambdas/handlers/verify-routes.ts', routes: [verifyQrUrlRoute, …], grants: { table: 'read' } }
 */
import type { Context } from 'aws-lambda';
import { routeKey } from '../contracts/route';
import { jwksRoute, verifyLookupRoute, verifyQrUrlRoute, verifySubmissionRoute } from '../contracts/verification';
import { type HttpEvent, type HttpResult, problemResponse } from '../shared/http';
import { handler as jwks } from './jwks';
import { handler as lookup } from './verify-lookup';
import { handler as qrUrl } from './verify-qr-url';
import { handler as submission } from './verify-submission';

type RouteHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

const byRouteKey = new Map<string, RouteHandler>([
  [routeKey(verifyQrUrlRoute), qrUrl as RouteHandler],
  [routeKey(verifyLookupRoute), lookup as RouteHandler],
  [routeKey(verifySubmissionRoute), submission as RouteHandler],
  [routeKey(jwksRoute), jwks as RouteHandler],
]);

export const handler = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
  const route = byRouteKey.get(event.routeKey);
  if (!route) return problemResponse(404, 'ROUTE_NOT_FOUND', `this function does not serve ${event.routeKey}`);
  return route(event, context);
};
