/**
 * The `inspections` function: list scheduled reviews (staff) and record a result (reviewer). A failed review revokes
 * the licence as a system action.
 *
 * @example
 * // POST /v1/inspections/INSP-APP-…/result { "outcome": "fail", "findings": "…", "inspectors": ["张三"] }
 */
import { inspectionDeps } from '../../composition/applications';
import { listRoute } from '../../composition/cursors';
import { listInspectionsRoute, recordInspectionResultRoute } from '../../contracts/inspections';
import type { InspectionResult } from '../../domain/inspection';
import { inspectionView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { router } from '../../shared/router';
import { listInspections, recordInspectionResult } from '../../use-cases/applications/inspections';

const deps = inspectionDeps();

const list = listRoute(listInspectionsRoute, async ({ query }) => {
  const page = await listInspections(deps, query);
  return json(200, { items: page.items.map(inspectionView), ...(page.cursor ? { cursor: page.cursor } : {}) });
});

const record = httpRoute(recordInspectionResultRoute, async ({ params, body, identity }) => {
  const viewer = viewerOf(identity);
  const inspection = await recordInspectionResult(deps, {
    inspectionId: params.inspectionId,
    result: body as InspectionResult,
    actor: { id: viewer.id, role: viewer.kind === 'staff' ? viewer.role : 'enterprise' },
  });
  return json(200, inspectionView(inspection));
});

export const handler = router([list, record]);
