/**
 * POST /console/workbench/inspectors — an admin registers an inspector through the API's `registerInspector` use
 * case. The form's fields become the API's `RegisterInspectorBody`, parsed by the API's own schema, so a refusal
 * carries the API's code; it is drawn again beside the field it names (422; an id registered already is 409 beside
 * the id); success goes to the inspector's page (post/redirect/get). Also the helpers the registry's other forms
 * share: the particulars from a form, a refusal's codes by field, its status.
 */
import { consoleWorkbenchRegisterInspectorRoute } from '../../contracts/console-workbench-inspectors';
import { RegisterInspectorBody } from '../../contracts/supervision';
import { type FieldIssue, PermitError } from '../../domain/errors';
import { actorOf } from '../../domain/viewer';
import { inspectorHref } from '../../presenters/console/workbench-inspectors';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { parseRequestPart } from '../../shared/http';
import { registerInspector } from '../../use-cases/supervision/inspectors';
import { inspectorFormPage } from './inspector-form';
import { type InspectorPagesDeps, inspectorPagesDeps } from './inspectors';

/** A field as typed, trimmed; blank is absent. */
export const filled = (text: string | undefined): string | undefined => (text?.trim() ? text.trim() : undefined);

/** The boxes ticked, as a list. */
const listOf = (v: string | readonly string[] | undefined): string[] => (typeof v === 'string' ? [v] : [...(v ?? [])]);

/**
 * The particulars as the API's body has them: text trimmed, the boxes as a list, the maximum a number when it is a
 * whole number (else the text, which the schema refuses beside its field).
 *
 * @example
 * particularsOf({ name: ' 张三 ', categories: '06', maxChecksPerPlan: '5' }); // { name: '张三', categories: ['06'], maxChecksPerPlan: 5, … }
 */
export function particularsOf(form: {
  readonly name?: string | undefined;
  readonly unit?: string | undefined;
  readonly district?: string | undefined;
  readonly categories?: string | readonly string[] | undefined;
  readonly maxChecksPerPlan?: string | undefined;
}): Record<string, unknown> {
  const max = filled(form.maxChecksPerPlan);
  return {
    name: filled(form.name),
    unit: filled(form.unit),
    district: filled(form.district),
    categories: listOf(form.categories),
    maxChecksPerPlan: max !== undefined && /^\d{1,9}$/.test(max) ? Number(max) : max,
  };
}

/**
 * A refusal's codes by form field (`''` for none in particular): the issue's path without `body.`, its first part
 * when the form has such a field; an id registered already is the id's.
 *
 * @example
 * inspectorErrorsByField(error, ['from', 'to', 'note']); // { to: ['INVALID_FIELDS'] }
 */
export function inspectorErrorsByField(
  error: PermitError,
  fields: readonly string[],
): Record<string, readonly string[]> {
  if (error.code === 'SUPERVISION_INSPECTOR_EXISTS') return { id: [error.code] };
  const out: Record<string, string[]> = {};
  const issues = (error.details.issues ?? []) as readonly FieldIssue[];
  for (const issue of issues.length > 0 ? issues : [{ field: '', message: '' }]) {
    const first = issue.field.replace(/^(form|body)\.?/, '').split('.')[0] ?? '';
    const field = fields.includes(first) ? first : '';
    out[field] = [...new Set([...(out[field] ?? []), error.code])];
  }
  return out;
}

/**
 * A refusal's status: 409 for a conflict (an id taken, a change made meanwhile), else 422 (the form again).
 *
 * @example
 * refusalStatus(error); // 422
 */
export const refusalStatus = (error: PermitError): number => (error.kind === 'conflict' ? 409 : 422);

const FIELDS = ['id', 'name', 'unit', 'district', 'categories', 'maxChecksPerPlan'] as const;

/**
 * @example
 * await registerInspectorPage(deps, request); // { kind: 'redirect', to: '/console/workbench/inspectors/4201-2019-0034?done=register' }
 */
export async function registerInspectorPage(
  deps: InspectorPagesDeps,
  { form, viewer, ctx }: ConsoleRequest<typeof consoleWorkbenchRegisterInspectorRoute>,
): Promise<ConsoleResult> {
  try {
    const input = parseRequestPart(RegisterInspectorBody, { id: filled(form.id), ...particularsOf(form) }, 'body');
    const inspector = await registerInspector(deps, { input, actor: actorOf(viewer) });
    return { kind: 'redirect', to: `${inspectorHref(inspector.id)}?done=register` };
  } catch (error) {
    if (!(error instanceof PermitError) || error.kind === 'forbidden') throw error;
    const { _csrf: _c, ...values } = form;
    return inspectorFormPage(ctx, deps.categories, {
      values,
      errors: inspectorErrorsByField(error, FIELDS),
      status: refusalStatus(error),
    });
  }
}

const deps = inspectorPagesDeps();

export const handler = consoleRoute(consoleWorkbenchRegisterInspectorRoute, (r) => registerInspectorPage(deps, r));
