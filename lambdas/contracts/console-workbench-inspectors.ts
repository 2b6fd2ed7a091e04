/**
 * Route contracts of the workbench's inspectors' registry (执法检查人员名录库): the list and one inspector for officers
 * and admins (the API's `listInspectors` and `getInspector`), and the admin's forms — register, change particulars,
 * retire (behind an "are you sure" step) or return to service, a period of leave, a recusal. Reviewers have no part
 * in it, as in the API. Every form calls the same use case as the API route beside it (`contracts/supervision.ts`):
 * its fields are turned into the API's body and parsed by the API's own schema, so a refusal carries the API's code
 * beside its field.
 *
 * @example
 * import { consoleWorkbenchInspectorsRoute } from './console-workbench-inspectors';
 * consoleWorkbenchInspectorsRoute.path; // '/console/workbench/inspectors'
 */
import { z } from 'zod';
import {
  WORKBENCH_FORM_AGAIN,
  WORKBENCH_HTML_PAGE,
  WORKBENCH_PREFIX,
  WORKBENCH_SEE_OTHER,
  WorkbenchCsrf,
  WorkbenchCursor,
  WorkbenchField,
} from './console-workbench';
import type { Role } from './route';
import { defineRoute } from './route';
import { InspectorParams } from './supervision';

/** The section's path. */
export const INSPECTORS = `${WORKBENCH_PREFIX}/inspectors`;

/** Who may read the registry: as the API's `listInspectors` and `getInspector`. */
const READERS: readonly Role[] = ['officer', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const FORM = ['application/x-www-form-urlencoded'] as const;
const NO_INSPECTOR = { description: 'No such inspector', contentType: 'text/html' } as const;
/** A change refused by a concurrent one (409): the page again with the reason. */
const CONFLICT = {
  description: 'Changed meanwhile: the page again with the reason',
  contentType: 'text/html',
} as const;

/** The steps a form takes, for the notice after post/redirect/get. */
export const INSPECTOR_STEPS = ['register', 'change', 'unchanged', 'retire', 'reinstate', 'leave', 'recusal'] as const;
/** A step just taken. */
export type InspectorStep = (typeof INSPECTOR_STEPS)[number];

export const consoleWorkbenchInspectorsRoute = defineRoute({
  operationId: 'consoleWorkbenchInspectors',
  method: 'GET',
  path: INSPECTORS,
  summary: '执法检查人员名录库 — the registry by id (the API’s `listInspectors`), 50 a page; on leave today flagged',
  tags: ['console'],
  access: READERS,
  request: { query: z.object({ cursor: WorkbenchCursor }) },
  responses: { 200: WORKBENCH_HTML_PAGE },
});

export const consoleWorkbenchInspectorFormRoute = defineRoute({
  operationId: 'consoleWorkbenchInspectorForm',
  method: 'GET',
  path: `${INSPECTORS}/new`,
  summary: '登记执法检查人员 — the register form (admin): id, name, unit, district, categories, per-plan maximum',
  tags: ['console'],
  access: ADMIN,
  responses: { 200: WORKBENCH_HTML_PAGE },
});

/** A form's list of category codes: the boxes ticked (one is a string, several an array). */
const Categories = z
  .union([z.string().max(10), z.array(z.string().max(10)).max(100)])
  .optional()
  .describe('The qualified categories’ codes (boxes)');

/** The particulars as the register and change forms send them (the maximum as typed). */
const Particulars = {
  name: WorkbenchField,
  unit: WorkbenchField,
  district: WorkbenchField,
  categories: Categories,
  maxChecksPerPlan: WorkbenchField,
};

/** The register form's fields. */
export const InspectorForm = z.object({ _csrf: WorkbenchCsrf, id: WorkbenchField, ...Particulars }).strict();

export const consoleWorkbenchRegisterInspectorRoute = defineRoute({
  operationId: 'consoleWorkbenchRegisterInspector',
  method: 'POST',
  path: INSPECTORS,
  summary:
    '登记 — the API’s `registerInspector` (admin), then the inspector’s page; else the form again (422, or 409 for ' +
    'an id registered already)',
  tags: ['console'],
  access: ADMIN,
  request: { body: InspectorForm, bodyContentTypes: FORM },
  responses: {
    303: WORKBENCH_SEE_OTHER,
    409: { description: 'The id is registered already: the form again', contentType: 'text/html' },
    422: WORKBENCH_FORM_AGAIN,
  },
});

export const consoleWorkbenchInspectorRoute = defineRoute({
  operationId: 'consoleWorkbenchInspector',
  method: 'GET',
  path: `${INSPECTORS}/{inspectorId}`,
  summary:
    '执法检查人员 — one inspector (the API’s `getInspector`): particulars, pseudonymous code, leave, recusals with ' +
    'their reasons (staff only), history; an admin gets the forms',
  tags: ['console'],
  access: READERS,
  request: {
    params: InspectorParams,
    query: z.object({ done: z.enum(INSPECTOR_STEPS).optional().describe('The step just taken (its notice)') }),
  },
  responses: { 200: WORKBENCH_HTML_PAGE, 404: NO_INSPECTOR },
});

/** The change form's fields: the particulars, all sent; only what differs is changed. */
export const ChangeInspectorForm = z.object({ _csrf: WorkbenchCsrf, ...Particulars }).strict();

export const consoleWorkbenchChangeInspectorRoute = defineRoute({
  operationId: 'consoleWorkbenchChangeInspector',
  method: 'POST',
  path: `${INSPECTORS}/{inspectorId}`,
  summary: '修改 — the API’s `changeInspector` (admin) with the particulars that differ, then the inspector’s page',
  tags: ['console'],
  access: ADMIN,
  request: { params: InspectorParams, body: ChangeInspectorForm, bodyContentTypes: FORM },
  responses: { 303: WORKBENCH_SEE_OTHER, 404: NO_INSPECTOR, 409: CONFLICT, 422: WORKBENCH_FORM_AGAIN },
});

export const consoleWorkbenchRetireInspectorPageRoute = defineRoute({
  operationId: 'consoleWorkbenchRetireInspectorPage',
  method: 'GET',
  path: `${INSPECTORS}/{inspectorId}/retire`,
  summary: '退出 — the "are you sure" step (admin): a retired inspector is never drawn again',
  tags: ['console'],
  access: ADMIN,
  request: { params: InspectorParams },
  responses: { 200: WORKBENCH_HTML_PAGE, 404: NO_INSPECTOR },
});

const CsrfOnly = z.object({ _csrf: WorkbenchCsrf }).strict();

export const consoleWorkbenchRetireInspectorRoute = defineRoute({
  operationId: 'consoleWorkbenchRetireInspector',
  method: 'POST',
  path: `${INSPECTORS}/{inspectorId}/retire`,
  summary: '确认退出 — the API’s `changeInspector` with `active: false` (admin), then the inspector’s page',
  tags: ['console'],
  access: ADMIN,
  request: { params: InspectorParams, body: CsrfOnly, bodyContentTypes: FORM },
  responses: { 303: WORKBENCH_SEE_OTHER, 404: NO_INSPECTOR, 409: CONFLICT },
});

export const consoleWorkbenchReinstateInspectorRoute = defineRoute({
  operationId: 'consoleWorkbenchReinstateInspector',
  method: 'POST',
  path: `${INSPECTORS}/{inspectorId}/reinstate`,
  summary: '恢复在岗 — the API’s `changeInspector` with `active: true` (admin), then the inspector’s page',
  tags: ['console'],
  access: ADMIN,
  request: { params: InspectorParams, body: CsrfOnly, bodyContentTypes: FORM },
  responses: { 303: WORKBENCH_SEE_OTHER, 404: NO_INSPECTOR, 409: CONFLICT },
});

/** The leave form's fields. */
export const LeaveForm = z
  .object({ _csrf: WorkbenchCsrf, from: WorkbenchField, to: WorkbenchField, note: WorkbenchField })
  .strict();

export const consoleWorkbenchInspectorLeaveRoute = defineRoute({
  operationId: 'consoleWorkbenchInspectorLeave',
  method: 'POST',
  path: `${INSPECTORS}/{inspectorId}/leave`,
  summary: '请假 — the API’s `addInspectorLeave` (admin): from, to, a note; then the inspector’s page',
  tags: ['console'],
  access: ADMIN,
  request: { params: InspectorParams, body: LeaveForm, bodyContentTypes: FORM },
  responses: { 303: WORKBENCH_SEE_OTHER, 404: NO_INSPECTOR, 409: CONFLICT, 422: WORKBENCH_FORM_AGAIN },
});

/** The recusal form's fields. */
export const RecusalForm = z.object({ _csrf: WorkbenchCsrf, uscc: WorkbenchField, reason: WorkbenchField }).strict();

export const consoleWorkbenchInspectorRecusalRoute = defineRoute({
  operationId: 'consoleWorkbenchInspectorRecusal',
  method: 'POST',
  path: `${INSPECTORS}/{inspectorId}/recusals`,
  summary: '回避 — the API’s `addInspectorRecusal` (admin): the enterprise’s USCC and the reason (staff only)',
  tags: ['console'],
  access: ADMIN,
  request: { params: InspectorParams, body: RecusalForm, bodyContentTypes: FORM },
  responses: { 303: WORKBENCH_SEE_OTHER, 404: NO_INSPECTOR, 409: CONFLICT, 422: WORKBENCH_FORM_AGAIN },
});
