/**
 * GET /v1/inspections/publications — spot check results not yet public, by publication due date: `pending` or
 * `overdue` (due before today; flagged to staff).
 *
 * @example
 * // GET /v1/inspections/publications?state=overdue
 */
import { inspectionDeps } from '../../composition/applications';
import { listRoute } from '../../composition/cursors';
import { listPublicationsRoute } from '../../contracts/inspections';
import { inspectionView } from '../../presenters/application-view';
import { json } from '../../shared/http';
import { listPublications } from '../../use-cases/applications/spot-check-publications';

const deps = inspectionDeps();

export const handler = listRoute(listPublicationsRoute, async ({ query }) => {
  const page = await listPublications(deps, query);
  return json(200, { items: page.items.map(inspectionView), ...(page.cursor ? { cursor: page.cursor } : {}) });
});
