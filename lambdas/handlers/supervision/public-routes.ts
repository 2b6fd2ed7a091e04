/**
 * The `supervision-public` function: 一公开, no sign-in — published plans, their checks and draw records, as JSON and
 * as pages.
 *
 * @example
 * // lambdas/functions.ts
 * { name: 'supervision-public', entry: 'lambdas/handlers/supervision/public-routes.ts', routes: [listPublicPlansRoute, …] }
 */
import { router } from '../../shared/router';
import * as pages from './pages';
import * as published from './public';

export const handler = router([published.list, published.get, published.record, pages.list, pages.get]);
