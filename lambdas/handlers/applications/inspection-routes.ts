/**
 * The `inspections` function: list scheduled reviews (staff) and record a result (reviewer).
 *
 * @example
 * // lambdas/functions.ts
 * { name: 'inspections', entry: 'lambdas/handlers/applications/inspection-routes.ts', routes: [listInspectionsRoute, …] }
 */
import { router } from '../../shared/router';
import { handler as list } from './list-inspections';
import { handler as record } from './record-inspection-result';

export const handler = router([list, record]);
