/**
 * The workbench's contracts: every route under `/console/workbench` is for staff only (an enterprise session never
 * reaches one), and exactly those routes are the workbench function's.
 */
import { describe, expect, test } from 'vitest';
import { WORKBENCH_PREFIX } from '../../../lambdas/contracts/console-workbench';
import { STAFF } from '../../../lambdas/contracts/route';
import { allRoutes, functions } from '../../../lambdas/functions';

const workbenchRoutes = allRoutes().filter(
  (r) => r.path === WORKBENCH_PREFIX || r.path.startsWith(`${WORKBENCH_PREFIX}/`),
);

describe('workbench contracts', () => {
  test('every route under /console/workbench names staff roles only', () => {
    expect(workbenchRoutes.length).toBeGreaterThan(0);
    for (const route of workbenchRoutes) {
      expect(Array.isArray(route.access), route.operationId).toBe(true);
      for (const role of route.access as readonly string[]) expect(STAFF, route.operationId).toContain(role);
    }
  });

  test('the workbench function serves exactly the routes under /console/workbench', () => {
    const workbench = functions.find((f) => f.name === 'workbench');
    expect(workbench?.routes?.map((r) => r.operationId).sort()).toEqual(
      workbenchRoutes.map((r) => r.operationId).sort(),
    );
  });
});
