/** GET /v1/inspections — scheduled post-issuance reviews by state, due first (staff). */
import { inspectionDeps } from '../../composition/applications';
import { listRoute } from '../../composition/cursors';
import { listInspectionsRoute } from '../../contracts/inspections';
import { inspectionView } from '../../presenters/application-view';
import { json } from '../../shared/http';
import { listInspections } from '../../use-cases/applications/inspections';

const deps = inspectionDeps();

export const handler = listRoute(listInspectionsRoute, async ({ query }) => {
  const page = await listInspections(deps, query);
  return json(200, { items: page.items.map(inspectionView), ...(page.cursor ? { cursor: page.cursor } : {}) });
});
