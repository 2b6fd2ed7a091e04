/**
 * Route contracts of the workbench's supervision section (督查: 双随机抽查): spot-check plans — the list, one plan with
 * its commitment, draw and checks, the create form, and the two steps an officer takes with an "are you sure" page
 * each (freeze; draw with the published entropy value). Every page calls the same use case as the API route beside
 * it (`contracts/supervision.ts`), with its roles: reading is for all staff, each step is the officer's.
 *
 * Form fields are plain strings bounded here; the handler turns them into the API's body and parses it with the
 * API's own schema, so a refusal carries the API's code beside its field.
 *
 * @example
 * import { consoleWorkbenchPlansRoute } from './console-workbench-plans';
 * consoleWorkbenchPlansRoute.path; // '/console/workbench/plans'
 */
import { z } from 'zod';
import {
  InspectionParams,
  WORKBENCH_FORM_AGAIN,
  WORKBENCH_HTML_PAGE,
  WORKBENCH_PREFIX,
  WORKBENCH_SEE_OTHER,
  WorkbenchCsrf,
  WorkbenchCursor,
  WorkbenchField,
} from './console-workbench';
import { defineRoute, STAFF } from './route';
import { PlanParams } from './supervision';

/** The section's path. */
export const PLANS = `${WORKBENCH_PREFIX}/plans`;

const NO_PLAN = { description: 'No such plan', contentType: 'text/html' } as const;
/** A step refused: the page again with the code's meaning (409 state or date, 422 the lists or the value). */
const REFUSED = {
  409: {
    description: 'Refused by the plan’s state or the entropy’s date: the page with the reason',
    contentType: 'text/html',
  },
  422: WORKBENCH_FORM_AGAIN,
} as const;

/** After a step (post/redirect/get): which one, for its notice. */
const Done = z.enum(['create', 'freeze', 'draw']).optional().describe('The step just taken (its notice)');

export const consoleWorkbenchPlansRoute = defineRoute({
  operationId: 'consoleWorkbenchPlans',
  method: 'GET',
  path: PLANS,
  summary: '双随机抽查 — spot-check plans, newest first (the API’s `listSupervisionPlans`), 50 a page',
  tags: ['console'],
  access: STAFF,
  request: { query: z.object({ cursor: WorkbenchCursor }) },
  responses: { 200: WORKBENCH_HTML_PAGE },
});

export const consoleWorkbenchPlanFormRoute = defineRoute({
  operationId: 'consoleWorkbenchPlanForm',
  method: 'GET',
  path: `${PLANS}/new`,
  summary: '新建抽查计划 — the create form (officer): scope, sample, inspectors per check, window, entropy source',
  tags: ['console'],
  access: ['officer'],
  responses: { 200: WORKBENCH_HTML_PAGE },
});

/** The create form's fields, as typed (lists comma- or space-separated; the ratio in per cent). */
export const PlanForm = z
  .object({
    _csrf: WorkbenchCsrf,
    name: WorkbenchField,
    legalBasis: WorkbenchField,
    categories: WorkbenchField.describe('Product category codes, two digits each'),
    districts: WorkbenchField.describe('GB/T 2260 prefixes of 2, 4 or 6 digits'),
    procedures: z.union([z.string().max(40), z.array(z.string().max(40)).max(5)]).optional(),
    sampleKind: z.string().max(10).optional().describe('count or ratio'),
    sampleCount: WorkbenchField,
    samplePercent: WorkbenchField.describe('Per cent, up to two decimals'),
    inspectorsPerCheck: WorkbenchField,
    excludeOwnDistrict: z.string().max(10).optional().describe('The box: present when ticked'),
    windowFrom: WorkbenchField,
    windowTo: WorkbenchField,
    entropySource: WorkbenchField,
    entropyDate: WorkbenchField,
    entropyFormat: z.string().max(10).optional(),
  })
  .strict();

export const consoleWorkbenchCreatePlanRoute = defineRoute({
  operationId: 'consoleWorkbenchCreatePlan',
  method: 'POST',
  path: PLANS,
  summary: '创建 — the API’s `createSupervisionPlan` (officer): a draft, then its page; else the form again (422)',
  tags: ['console'],
  access: ['officer'],
  request: { body: PlanForm, bodyContentTypes: ['application/x-www-form-urlencoded'] },
  responses: { 303: WORKBENCH_SEE_OTHER, 422: WORKBENCH_FORM_AGAIN },
});

export const consoleWorkbenchPlanRoute = defineRoute({
  operationId: 'consoleWorkbenchPlan',
  method: 'GET',
  path: `${PLANS}/{planId}`,
  summary:
    '抽查计划 — one plan: particulars, the commitment once frozen, the draw once drawn, its checks (50 a page) with ' +
    'state, team, result and publication (overdue flagged)',
  tags: ['console'],
  access: STAFF,
  request: { params: PlanParams, query: z.object({ cursor: WorkbenchCursor.describe('Checks page'), done: Done }) },
  responses: { 200: WORKBENCH_HTML_PAGE, 404: NO_PLAN },
});

export const consoleWorkbenchFreezePlanPageRoute = defineRoute({
  operationId: 'consoleWorkbenchFreezePlanPage',
  method: 'GET',
  path: `${PLANS}/{planId}/freeze`,
  summary: '冻结 — the "are you sure" step (officer): the lists will be fixed and the commitment published',
  tags: ['console'],
  access: ['officer'],
  request: { params: PlanParams },
  responses: { 200: WORKBENCH_HTML_PAGE, 404: NO_PLAN },
});

export const consoleWorkbenchFreezePlanRoute = defineRoute({
  operationId: 'consoleWorkbenchFreezePlan',
  method: 'POST',
  path: `${PLANS}/{planId}/freeze`,
  summary: '确认冻结 — the API’s `freezeSupervisionPlan` (officer), then the plan’s page',
  tags: ['console'],
  access: ['officer'],
  request: {
    params: PlanParams,
    body: z.object({ _csrf: WorkbenchCsrf }).strict(),
    bodyContentTypes: ['application/x-www-form-urlencoded'],
  },
  responses: { 303: WORKBENCH_SEE_OTHER, ...REFUSED, 404: NO_PLAN },
});

/** The draw form: the value the named source published. */
export const DrawForm = z.object({ _csrf: WorkbenchCsrf, entropyValue: z.string().max(256).optional() }).strict();

export const consoleWorkbenchDrawReviewRoute = defineRoute({
  operationId: 'consoleWorkbenchDrawReview',
  method: 'POST',
  path: `${PLANS}/{planId}/draw/review`,
  summary: '确认抽取 — the "are you sure" step (officer): the value checked against the plan, nothing drawn yet',
  tags: ['console'],
  access: ['officer'],
  request: { params: PlanParams, body: DrawForm, bodyContentTypes: ['application/x-www-form-urlencoded'] },
  responses: { 200: WORKBENCH_HTML_PAGE, ...REFUSED, 404: NO_PLAN },
});

export const consoleWorkbenchDrawPlanRoute = defineRoute({
  operationId: 'consoleWorkbenchDrawPlan',
  method: 'POST',
  path: `${PLANS}/{planId}/draw`,
  summary: '抽取 — the API’s `drawSupervisionPlan` (officer): the draw, its checks scheduled, then the plan’s page',
  tags: ['console'],
  access: ['officer'],
  request: { params: PlanParams, body: DrawForm, bodyContentTypes: ['application/x-www-form-urlencoded'] },
  responses: { 303: WORKBENCH_SEE_OTHER, ...REFUSED, 404: NO_PLAN },
});

// — Spot checks' publication (一公开) —

export const consoleWorkbenchPublishSpotCheckRoute = defineRoute({
  operationId: 'consoleWorkbenchPublishSpotCheck',
  method: 'POST',
  path: `${WORKBENCH_PREFIX}/inspections/{inspectionId}/publish`,
  summary: '公示结果 — the API’s `publishSpotCheckResult` (officer): the latest result public, then the check’s page',
  tags: ['console'],
  access: ['officer'],
  request: {
    params: InspectionParams,
    body: z.object({ _csrf: WorkbenchCsrf }).strict(),
    bodyContentTypes: ['application/x-www-form-urlencoded'],
  },
  responses: {
    303: WORKBENCH_SEE_OTHER,
    409: { description: 'Nothing to publish: the check’s page with the reason', contentType: 'text/html' },
  },
});

export const consoleWorkbenchPublicationsRoute = defineRoute({
  operationId: 'consoleWorkbenchPublications',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/inspections/publications`,
  summary:
    '结果公示 — spot-check results not yet public, by due date (the API’s `listSpotCheckPublications`): pending, or ' +
    'overdue (past the 20 working days), 50 a page',
  tags: ['console'],
  access: STAFF,
  request: {
    query: z.object({ state: z.enum(['pending', 'overdue']).default('pending'), cursor: WorkbenchCursor }),
  },
  responses: { 200: WORKBENCH_HTML_PAGE },
});
