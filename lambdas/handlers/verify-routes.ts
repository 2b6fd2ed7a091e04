/**
 * The `verify` function: one Lambda (one read-only role, one warm key set and status cache) serving the public
 * verification routes but `POST /v1/verify`, which is the `verify-file` function's (`verify-submission.ts`: it checks
 * PDF signatures, and this bundle stays free of PDF and CMS libraries). API Gateway names the matched route in
 * `routeKey`; each route keeps its own thin handler.
 *
 * @example
 * // lambdas/functions.ts
 * { name: 'verify', entry: 'lambdas/handlers/verify-routes.ts', routes: [verifyQrUrlRoute, …], grants: { table: 'read' } }
 */
import { router } from '../shared/router';
import { handler as jwks } from './jwks';
import { handler as logKey } from './log-key';
import { handler as statusList } from './status-list';
import { handler as statusListEntry } from './status-list-entry';
import { handler as lookup } from './verify-lookup';
import { handler as qrUrl } from './verify-qr-url';

export const handler = router([qrUrl, lookup, jwks, logKey, statusList, statusListEntry]);
