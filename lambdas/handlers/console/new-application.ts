/** GET /console/applications/new[?kind=…] — choose the kind, then the details form prefilled from the licence. */
import { randomUUID } from 'node:crypto';
import { applicationDeps } from '../../composition/applications';
import { consoleNewApplicationRoute } from '../../contracts/console-enterprise';
import { applyFormBody, applyFormTitle, applyKindBody } from '../../presenters/console/apply-form';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { applicationChoices } from '../../use-cases/enterprise-service/application-form';
import { applyFormModel, prefill } from './apply-form-model';

/**
 * @example
 * await newApplicationPage(applicationDeps(), request); // the kind chooser, or the form of `?kind=`
 */
export async function newApplicationPage(
  deps: ApplicationDeps,
  { viewer, query, ctx }: ConsoleRequest<typeof consoleNewApplicationRoute>,
): Promise<ConsoleResult> {
  const title = { zh: '新的申请', en: 'New application' };
  if (!query.kind) return { kind: 'page', title, body: applyKindBody(ctx).toString() };
  if (viewer.kind !== 'enterprise') throw new Error('the console route admits enterprises only');
  const choices = await applicationChoices(deps, viewer);
  const model = applyFormModel(
    query.kind,
    choices,
    viewer.uscc,
    prefill(choices, query.licenceNo),
    {},
    `console-${randomUUID()}`,
  );
  return { kind: 'page', title: applyFormTitle(query.kind), body: applyFormBody(model, ctx).toString() };
}

type ApplicationDeps = Parameters<typeof applicationChoices>[0];

const deps = applicationDeps();

export const handler = consoleRoute(consoleNewApplicationRoute, (r) => newApplicationPage(deps, r));
