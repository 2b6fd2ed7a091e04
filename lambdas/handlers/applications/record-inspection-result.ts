/**
 * POST /v1/inspections/{inspectionId}/result — a reviewer records a result. A failed review revokes the licence as a
 * system action.
 *
 * @example
 * // POST /v1/inspections/INSP-APP-…/result { "outcome": "fail", "findings": "…", "inspectors": ["张三"] }
 */
import { inspectionDeps } from '../../composition/applications';
import { recordInspectionResultRoute } from '../../contracts/inspections';
import type { InspectionResult } from '../../domain/inspection';
import { inspectionView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { recordInspectionResult } from '../../use-cases/applications/inspections';

const deps = inspectionDeps();

export const handler = httpRoute(recordInspectionResultRoute, async ({ params, body, identity }) => {
  const viewer = viewerOf(identity);
  const inspection = await recordInspectionResult(deps, {
    inspectionId: params.inspectionId,
    result: body as InspectionResult,
    actor: { id: viewer.id, role: viewer.kind === 'staff' ? viewer.role : 'enterprise' },
  });
  return json(200, inspectionView(inspection));
});
