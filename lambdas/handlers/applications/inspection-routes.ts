/**
 * The `inspections` function: list scheduled inspections (staff), record a result (reviewer), publish a spot check's
 * result (officer) and list the results awaiting publication (staff).
 *
 * @example
 * // lambdas/functions.ts
 * { name: 'inspections', entry: 'lambdas/handlers/applications/inspection-routes.ts', routes: [listInspectionsRoute, …] }
 */
import { router } from '../../shared/router';
import { handler as list } from './list-inspections';
import { handler as listPublications } from './list-publications';
import { handler as publish } from './publish-spot-check-result';
import { handler as record } from './record-inspection-result';

export const handler = router([list, record, publish, listPublications]);
