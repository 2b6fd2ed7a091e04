/**
 * POST /console/workbench/plans — an officer creates a draft through the API's `createPlan` use case. The form's
 * fields become the API's `CreatePlanBody`, parsed by the API's own schema, so a refusal carries the API's code; it
 * is drawn again (422) beside the field it names; success goes to the plan's page (post/redirect/get).
 */
import { type SupervisionDeps, supervisionDeps } from '../../composition/supervision';
import { consoleWorkbenchCreatePlanRoute } from '../../contracts/console-workbench-plans';
import { CreatePlanBody } from '../../contracts/supervision';
import { type FieldIssue, PermitError } from '../../domain/errors';
import { actorOf } from '../../domain/viewer';
import { planHref } from '../../presenters/console/workbench-plans';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { parseRequestPart } from '../../shared/http';
import { createPlan } from '../../use-cases/supervision/plans';
import { planFormPage } from './plan-form';

type Form = ConsoleRequest<typeof consoleWorkbenchCreatePlanRoute>['form'];

const listOf = (text: string | undefined): string[] => (text ?? '').split(/[\s,，、;；]+/).filter(Boolean);
const filled = (text: string | undefined): string | undefined => (text?.trim() ? text.trim() : undefined);
/** A whole number as typed, else the text (the schema then refuses it beside its field). */
const wholeOf = (text: string | undefined): unknown => {
  const v = filled(text);
  return v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : v;
};

/**
 * The API's body from the form: lists split on commas or spaces, the ratio from per cent to basis points, the box.
 *
 * @example
 * planBodyOf({ name: 'Q4', sampleKind: 'ratio', samplePercent: '2.5', categories: '06, 13', … });
 * // { name: 'Q4', sample: { kind: 'ratio', basisPoints: 250 }, scope: { categories: ['06', '13'], … }, … }
 */
export function planBodyOf(form: Form): Record<string, unknown> {
  const percent = filled(form.samplePercent);
  const sample =
    form.sampleKind === 'ratio'
      ? {
          kind: 'ratio',
          basisPoints: percent && /^\d{1,3}(\.\d{1,2})?$/.test(percent) ? Math.round(Number(percent) * 100) : percent,
        }
      : { kind: 'count', count: wholeOf(form.sampleCount) };
  return {
    name: filled(form.name),
    legalBasis: filled(form.legalBasis),
    scope: {
      categories: listOf(form.categories),
      districts: listOf(form.districts),
      procedures: typeof form.procedures === 'string' ? [form.procedures] : [...(form.procedures ?? [])],
    },
    sample,
    inspectorsPerCheck: wholeOf(form.inspectorsPerCheck),
    excludeOwnDistrict: form.excludeOwnDistrict !== undefined,
    window: { from: filled(form.windowFrom), to: filled(form.windowTo) },
    entropy: { source: filled(form.entropySource), date: filled(form.entropyDate), format: form.entropyFormat },
  };
}

/** The form's field for an issue's path (the API body's or the use case's). */
const FIELD_OF: readonly (readonly [RegExp, string])[] = [
  [/^name/, 'name'],
  [/^legalBasis/, 'legalBasis'],
  [/^scope\.categories/, 'categories'],
  [/^scope\.districts/, 'districts'],
  [/^scope\.procedures/, 'procedures'],
  [/^(rules\.)?inspectorsPerCheck/, 'inspectorsPerCheck'],
  [/^(rules\.)?excludeOwnDistrict/, 'excludeOwnDistrict'],
  [/^window\.from/, 'windowFrom'],
  [/^window\.to/, 'windowTo'],
  [/^entropy\.source/, 'entropySource'],
  [/^entropy\.date/, 'entropyDate'],
  [/^entropy\.format/, 'entropyFormat'],
];

/**
 * A refusal's codes by form field (`''` for none in particular).
 *
 * @example
 * planErrorsByField(error, 'count'); // { windowTo: ['INVALID_FIELDS'] }
 */
export function planErrorsByField(error: PermitError, sampleKind: string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const issues = (error.details.issues ?? []) as readonly FieldIssue[];
  for (const issue of issues.length > 0 ? issues : [{ field: '', message: '' }]) {
    const path = issue.field.replace(/^(form|body)\.?/, '');
    const field = path.startsWith('sample')
      ? /kind/.test(path)
        ? 'sampleKind'
        : sampleKind === 'ratio'
          ? 'samplePercent'
          : 'sampleCount'
      : (FIELD_OF.find(([re]) => re.test(path))?.[1] ?? '');
    out[field] = [...new Set([...(out[field] ?? []), error.code])];
  }
  return out;
}

/**
 * @example
 * await createPlanPage(supervisionDeps(), request); // { kind: 'redirect', to: '/console/workbench/plans/PLAN-…?done=create' }
 */
export async function createPlanPage(
  deps: Pick<SupervisionDeps, 'plans' | 'clock'>,
  { form, viewer, ctx }: ConsoleRequest<typeof consoleWorkbenchCreatePlanRoute>,
): Promise<ConsoleResult> {
  try {
    const body = parseRequestPart(CreatePlanBody, planBodyOf(form), 'body');
    const { sample, inspectorsPerCheck, excludeOwnDistrict, ...rest } = body;
    const plan = await createPlan(deps, {
      draft: { ...rest, rules: { sample, inspectorsPerCheck, excludeOwnDistrict } },
      actor: actorOf(viewer),
    });
    return { kind: 'redirect', to: `${planHref(plan.id)}?done=create` };
  } catch (error) {
    if (!(error instanceof PermitError) || error.kind === 'forbidden') throw error;
    const { _csrf: _c, ...values } = form;
    return planFormPage(ctx, values, planErrorsByField(error, form.sampleKind));
  }
}

const deps = supervisionDeps();

export const handler = consoleRoute(consoleWorkbenchCreatePlanRoute, (r) => createPlanPage(deps, r));
