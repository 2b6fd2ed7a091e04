/**
 * POST /console/applications/new — file through the API's use case (the form's filing key as its idempotency key,
 * so a double click files one draft), then on to the documents step; a refusal draws the form again (422) with the
 * catalogued message beside each field it names.
 */
import { randomUUID } from 'node:crypto';
import { applicationDeps } from '../../composition/applications';
import { consoleFileApplicationRoute } from '../../contracts/console-enterprise';
import { PermitError } from '../../domain/errors';
import { applyFormBody, applyFormTitle } from '../../presenters/console/apply-form';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import {
  type ApplicationChoices,
  applicationChoices,
  fileOrRefuse,
} from '../../use-cases/enterprise-service/application-form';
import { applyFormModel, errorsFrom, requestFrom } from './apply-form-model';

/**
 * @example
 * await fileApplicationPage(applicationDeps(), request); // { kind: 'redirect', to: '/console/applications/APP-…' }
 */
export async function fileApplicationPage(
  deps: ApplicationDeps,
  { viewer, form, ctx }: ConsoleRequest<typeof consoleFileApplicationRoute>,
): Promise<ConsoleResult> {
  if (viewer.kind !== 'enterprise') throw new Error('the console route admits enterprises only');
  let refusal: PermitError;
  let choices: ApplicationChoices;
  try {
    const request = requestFrom(form, viewer.uscc, await applicationChoices(deps, viewer));
    const outcome = await fileOrRefuse(deps, {
      viewer,
      request,
      ...(form.filingKey ? { idempotencyKey: form.filingKey } : {}),
    });
    if ('application' in outcome) return { kind: 'redirect', to: `/console/applications/${outcome.application.id}` };
    refusal = outcome.refused;
    choices = outcome.choices;
  } catch (error) {
    // A licence number that does not parse is refused before the use case, with the value object's code.
    if (!(error instanceof PermitError) || error.kind !== 'invalid') throw error;
    refusal = error;
    choices = await applicationChoices(deps, viewer);
  }
  const { _csrf: _c, kind, filingKey, ...values } = form;
  const model = applyFormModel(
    kind,
    choices,
    viewer.uscc,
    values,
    errorsFrom(refusal),
    filingKey ?? `console-${randomUUID()}`,
  );
  // The shell's switches go to the form's GET page (this POST's path answers no GET).
  const formPage = new URLSearchParams({ kind, ...(values.licenceNo ? { licenceNo: values.licenceNo } : {}) });
  return {
    kind: 'page',
    status: 422,
    title: applyFormTitle(kind),
    body: applyFormBody(model, ctx).toString(),
    returnPath: `/console/applications/new?${formPage}`,
  };
}

type ApplicationDeps = Parameters<typeof fileOrRefuse>[0];

const deps = applicationDeps();

export const handler = consoleRoute(consoleFileApplicationRoute, (r) => fileApplicationPage(deps, r));
