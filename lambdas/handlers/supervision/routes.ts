/**
 * The `supervision` function (staff): the inspectors' registry, the inspection objects and the plans.
 *
 * @example
 * // lambdas/functions.ts
 * { name: 'supervision', entry: 'lambdas/handlers/supervision/routes.ts', routes: [registerInspectorRoute, …] }
 */
import { router } from '../../shared/router';
import * as inspectionObjects from './inspection-objects';
import * as inspectors from './inspectors';
import * as plans from './plans';

export const handler = router([
  inspectors.register,
  inspectors.list,
  inspectors.get,
  inspectors.change,
  inspectors.leave,
  inspectors.recusal,
  inspectionObjects.objects,
  plans.create,
  plans.list,
  plans.get,
  plans.freeze,
  plans.draw,
]);
