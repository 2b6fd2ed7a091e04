/**
 * POST /v1/inspections/{inspectionId}/publish — an officer marks a spot check's latest result published (一公开); the
 * inspection's history records who and when. 409 `INSPECTION_TRANSITION_INVALID` when nothing is pending.
 *
 * @example
 * // POST /v1/inspections/INSP-PLAN-20261205-K3M9Q2ZT7A-00001/publish
 */
import { inspectionDeps } from '../../composition/applications';
import { publishSpotCheckResultRoute } from '../../contracts/inspections';
import { inspectionView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { publishSpotCheckResult } from '../../use-cases/applications/spot-check-publications';

const deps = inspectionDeps();

export const handler = httpRoute(publishSpotCheckResultRoute, async ({ params, identity }) => {
  const viewer = viewerOf(identity);
  const inspection = await publishSpotCheckResult(deps, {
    inspectionId: params.inspectionId,
    actor: { id: viewer.id, role: viewer.kind === 'staff' ? viewer.role : 'enterprise' },
  });
  return json(200, inspectionView(inspection));
});
