/**
 * POST /console/workbench/inspections/{inspectionId}/publish — an officer publishes a spot check's latest result
 * through the API's `publishSpotCheckResult` use case (its history records who and when), then back to the check's
 * page (post/redirect/get). Nothing to publish (no result yet, already published, not a spot check) is the check's
 * page again with the code's meaning (409).
 */
import { type InspectionDeps, inspectionDeps } from '../../composition/applications';
import { consoleWorkbenchPublishSpotCheckRoute } from '../../contracts/console-workbench-plans';
import { PermitError } from '../../domain/errors';
import { actorOf } from '../../domain/viewer';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { publishSpotCheckResult } from '../../use-cases/applications/spot-check-publications';
import { orNotFound } from '../console/page-support';
import { inspectionDetailPage } from './inspection';

/**
 * @example
 * await publishSpotCheckPage(inspectionDeps(), request); // { kind: 'redirect', to: '…/INSP-PLAN-…-00001?published=1' }
 */
export async function publishSpotCheckPage(
  deps: Pick<InspectionDeps, 'inspections' | 'clock'>,
  { params, viewer, roles, ctx }: ConsoleRequest<typeof consoleWorkbenchPublishSpotCheckRoute>,
): Promise<ConsoleResult> {
  try {
    await publishSpotCheckResult(deps, { inspectionId: params.inspectionId, actor: actorOf(viewer) });
    return {
      kind: 'redirect',
      to: `/console/workbench/inspections/${encodeURIComponent(params.inspectionId)}?published=1`,
    };
  } catch (error) {
    if (!(error instanceof PermitError) || error.kind === 'forbidden') throw error;
    if (error.kind === 'not-found') return orNotFound(ctx, () => Promise.reject(error));
    return inspectionDetailPage(deps, {
      inspectionId: params.inspectionId,
      roles,
      ctx,
      errors: { '': [error.code] },
      status: 409,
    });
  }
}

const deps = inspectionDeps();

export const handler = consoleRoute(consoleWorkbenchPublishSpotCheckRoute, (r) => publishSpotCheckPage(deps, r));
