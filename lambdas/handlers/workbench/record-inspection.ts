/**
 * POST /console/workbench/inspections/{inspectionId}/result — a reviewer records a result through the API's
 * `recordInspectionResult` use case (a failure revokes the licence as a system action citing the review). The form's
 * fields become the API's `InspectionResult` body, parsed by the API's own schema, so a refusal carries the API's
 * code; it is drawn again (422) beside the field it names; success goes back to the list (post/redirect/get).
 */
import { inspectionDeps } from '../../composition/applications';
import { consoleWorkbenchRecordInspectionRoute } from '../../contracts/console-workbench';
import { InspectionResultBody } from '../../contracts/inspections';
import { type FieldIssue, PermitError } from '../../domain/errors';
import type { InspectionResult } from '../../domain/inspection';
import { actorOf } from '../../domain/viewer';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { parseRequestPart } from '../../shared/http';
import { type InspectionDeps, recordInspectionResult } from '../../use-cases/applications/inspections';
import { inspectionDetailPage } from './inspection';

type Form = ConsoleRequest<typeof consoleWorkbenchRecordInspectionRoute>['form'];
const FIELDS = ['outcome', 'comment', 'rectifyBy', 'findings', 'inspectors', 'checkedOn', 'action'] as const;

/**
 * The API's body from the form: only the fields the chosen outcome takes (an empty one left out), inspectors one a
 * line; a spot check's day of the check, and its fail action (suspend or revoke).
 *
 * @example
 * resultBodyOf({ outcome: 'fail', findings: '设备不符', inspectors: '张三\n李四' });
 * // { outcome: 'fail', findings: '设备不符', inspectors: ['张三', '李四'] }
 */
export function resultBodyOf(form: Form): Record<string, unknown> {
  const filled = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined);
  const body: Record<string, unknown> = { outcome: form.outcome };
  if (form.outcome === 'pass' && filled(form.comment)) body.comment = form.comment;
  if (form.outcome === 'rectify' || form.outcome === 'fail') body.findings = filled(form.findings);
  if (form.outcome === 'rectify') body.rectifyBy = filled(form.rectifyBy);
  if (form.outcome === 'fail') {
    body.inspectors = (form.inspectors ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (filled(form.action)) body.action = form.action;
  }
  // A spot check's form has the day of the check (a review's has no such field).
  if (filled(form.checkedOn)) body.checkedOn = form.checkedOn;
  return body;
}

/**
 * A refusal's codes by form field (`''` for none in particular).
 *
 * @example
 * errorsByField(error); // { findings: ['INVALID_REQUEST'] }
 */
export function errorsByField(error: PermitError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const issues = (error.details.issues ?? []) as readonly FieldIssue[];
  for (const issue of issues.length > 0 ? issues : [{ field: '', message: '' }]) {
    const path = issue.field.replace(/^(form|body)\.?/, '');
    const field = FIELDS.find((f) => path === f || path.startsWith(`${f}.`)) ?? (path === '' ? '' : 'outcome');
    out[field] = [...new Set([...(out[field] ?? []), error.code])];
  }
  return out;
}

/**
 * @example
 * await recordInspectionPage(inspectionDeps(), request); // { kind: 'redirect', to: '/console/workbench/inspections?…' }
 */
export async function recordInspectionPage(
  deps: InspectionDeps,
  { params, form, viewer, roles, ctx }: ConsoleRequest<typeof consoleWorkbenchRecordInspectionRoute>,
): Promise<ConsoleResult> {
  try {
    const result = parseRequestPart(InspectionResultBody, resultBodyOf(form), 'body') as InspectionResult;
    const recorded = await recordInspectionResult(deps, {
      inspectionId: params.inspectionId,
      result,
      actor: actorOf(viewer),
    });
    // A spot check goes back to its own page (its result then awaits publication); a review to the list.
    return {
      kind: 'redirect',
      to:
        recorded.kind === 'spot-check'
          ? `/console/workbench/inspections/${encodeURIComponent(recorded.id)}`
          : `/console/workbench/inspections?recorded=${encodeURIComponent(recorded.id)}`,
    };
  } catch (error) {
    // Not found answers as the 404 page; any other refusal is drawn beside its field.
    if (!(error instanceof PermitError) || error.kind === 'not-found' || error.kind === 'forbidden') throw error;
    const { _csrf: _c, ...values } = form;
    return inspectionDetailPage(deps, {
      inspectionId: params.inspectionId,
      roles,
      ctx,
      values,
      errors: errorsByField(error),
      status: error.kind === 'conflict' ? 409 : 422,
    });
  }
}

const deps = inspectionDeps();

export const handler = consoleRoute(consoleWorkbenchRecordInspectionRoute, (r) => recordInspectionPage(deps, r));
