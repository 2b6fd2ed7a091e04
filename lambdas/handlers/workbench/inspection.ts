/**
 * GET /console/workbench/inspections/{inspectionId} — one review or spot check: licence, enterprise, dates, history,
 * and for a reviewer the result form (the step the API's `recordInspectionResult` allows reviewers only; a spot check
 * asks the day of the check and, for a failure, suspend or revoke); for an officer, a spot check's publish button
 * while its latest result awaits publication (late publication flagged).
 */
import { inspectionDeps } from '../../composition/applications';
import { consoleWorkbenchInspectionRoute } from '../../contracts/console-workbench';
import { localDateOf } from '../../domain/dates';
import { NotFoundError } from '../../domain/errors';
import { Inspection } from '../../domain/inspection';
import { type FormErrors, inspectionDetailBody } from '../../presenters/console/workbench-inspections';
import type { ConsoleResult } from '../../shared/console-route';
import { consoleRoute } from '../../shared/console-route';
import type { InspectionDeps } from '../../use-cases/applications/inspections';
import { orNotFound } from '../console/page-support';

/**
 * The review's page, with what was typed and its errors when the form is drawn again (422).
 *
 * @example
 * await inspectionDetailPage(deps, { inspectionId, roles: ['reviewer'], ctx, values: {}, errors: {} });
 */
export async function inspectionDetailPage(
  deps: Pick<InspectionDeps, 'inspections' | 'clock'>,
  input: {
    readonly inspectionId: string;
    readonly roles: readonly string[];
    readonly ctx: Parameters<typeof inspectionDetailBody>[1];
    readonly values?: Readonly<Record<string, string | undefined>>;
    readonly errors?: FormErrors;
    readonly status?: number;
    readonly published?: boolean;
  },
): Promise<ConsoleResult> {
  return orNotFound(input.ctx, async () => {
    const inspection = await deps.inspections.get(input.inspectionId);
    if (!inspection) throw new NotFoundError('INSPECTION_NOT_FOUND', `no review ${input.inspectionId}`);
    const today = localDateOf(deps.clock.now());
    const entity = Inspection.rehydrate(inspection);
    const body = inspectionDetailBody(
      {
        inspection,
        pastDue: entity.isPastDue(today),
        canRecord: input.roles.includes('reviewer'),
        canPublish: input.roles.includes('officer') && entity.publicationPending,
        today,
        ...(input.published ? { published: true } : {}),
        values: input.values ?? {},
        errors: input.errors ?? {},
      },
      input.ctx,
    );
    return {
      kind: 'page',
      ...(input.status ? { status: input.status, returnPath: `/console/workbench/inspections/${inspection.id}` } : {}),
      title:
        inspection.kind === 'spot-check'
          ? {
              zh: `双随机抽查 ${inspection.licenceNo.toString()}`,
              en: `Spot check of ${inspection.licenceNo.toString()}`,
            }
          : { zh: `证后核查 ${inspection.licenceNo.toString()}`, en: `Review of ${inspection.licenceNo.toString()}` },
      body: body.toString(),
    };
  });
}

const deps = inspectionDeps();

export const handler = consoleRoute(consoleWorkbenchInspectionRoute, ({ params, query, roles, ctx }) =>
  inspectionDetailPage(deps, {
    inspectionId: params.inspectionId,
    roles,
    ctx,
    ...(query.published ? { published: true } : {}),
  }),
);
