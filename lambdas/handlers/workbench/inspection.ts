/**
 * GET /console/workbench/inspections/{inspectionId} — one review: licence, enterprise, dates, history, and for a
 * reviewer the result form (the step the API's `recordInspectionResult` allows reviewers only).
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
  },
): Promise<ConsoleResult> {
  return orNotFound(input.ctx, async () => {
    const inspection = await deps.inspections.get(input.inspectionId);
    if (!inspection) throw new NotFoundError('INSPECTION_NOT_FOUND', `no review ${input.inspectionId}`);
    const body = inspectionDetailBody(
      {
        inspection,
        pastDue: Inspection.rehydrate(inspection).isPastDue(localDateOf(deps.clock.now())),
        canRecord: input.roles.includes('reviewer'),
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

export const handler = consoleRoute(consoleWorkbenchInspectionRoute, ({ params, roles, ctx }) =>
  inspectionDetailPage(deps, { inspectionId: params.inspectionId, roles, ctx }),
);
