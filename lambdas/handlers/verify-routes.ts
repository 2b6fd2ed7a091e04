/**
 * The `verify` function: one Lambda (one read-only role, one warm key set and status cache) serving every public
 * verification route. API Gateway names the matched route in `routeKey`; each route keeps its own thin handler.
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
import { handler as submission } from './verify-submission';

export const handler = router([qrUrl, lookup, submission, jwks, logKey, statusList, statusListEntry]);
