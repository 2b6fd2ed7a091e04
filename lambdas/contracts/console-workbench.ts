/**
 * Route contracts of the authority's workbench (审批工作台): HTML pages under `/console/workbench`, for signed-in staff
 * (reviewer, officer, admin) — never an enterprise (a test holds every contract under {@link WORKBENCH_PREFIX} to
 * staff roles). Each page calls the same use case as the API route it stands beside, with the API's roles: a page
 * that only reads is open to all staff, a step is open to exactly the roles its API route names.
 *
 * GET pages take their path and query here; every POST is an `application/x-www-form-urlencoded` form whose hidden
 * `_csrf` field the console pipeline checks. These schemas check shape and size only: the use cases judge values, so
 * a wrong one comes back as its catalogued code beside its field.
 *
 * @example
 * import { consoleWorkbenchHomeRoute } from './console-workbench';
 * consoleWorkbenchHomeRoute.path; // '/console/workbench'
 */
import { z } from 'zod';
import { APPLICATION_STATES, REVIEW_ACTIONS, WORKLIST_SORTS } from '../domain/application';
import { PROCEDURES } from '../domain/procedure';
import { AppParams, Comment, DocParams } from './applications';
import { defineRoute, STAFF } from './route';

/** Every workbench page is under this path (and is for staff only). */
export const WORKBENCH_PREFIX = '/console/workbench';

/** A page answered in HTML. */
export const WORKBENCH_HTML_PAGE = { description: 'The page', contentType: 'text/html' } as const;
/** A form's answer: the next page (post/redirect/get). */
export const WORKBENCH_SEE_OTHER = { description: 'See the next page (post/redirect/get)' } as const;
/** A form drawn again with its reasons. */
export const WORKBENCH_FORM_AGAIN = {
  description: 'The form again, with the reasons',
  contentType: 'text/html',
} as const;
/** The session's CSRF token as a form field (the console pipeline checks it; the schemas allow it). */
export const WorkbenchCsrf = z.string().max(200).optional().describe('The session’s CSRF token');
/** A list page's cursor (sealed by the API's cursor codec, bound to the route, filters and caller). */
export const WorkbenchCursor = z.string().max(2048).optional().describe('Cursor from the previous page');
/** One form field of free text: the use case judges it; this only bounds it. */
export const WorkbenchField = z.string().max(4000).optional();

// — The start —

export const consoleWorkbenchHomeRoute = defineRoute({
  operationId: 'consoleWorkbenchHome',
  method: 'GET',
  path: WORKBENCH_PREFIX,
  summary: '审批工作台 — the workbench’s start: the sections this person’s roles may use',
  tags: ['console'],
  access: STAFF,
  responses: { 200: WORKBENCH_HTML_PAGE },
});

// — Worklist and applications —

/** An optional comment from a form: an empty field is none; otherwise the API's comment rules (printable, bounded). */
const FormComment = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), Comment.optional());

/** The worklist's filters and order, as its links and filter form carry them (the cursor is bound to them). */
/** A filter form's select left at "all" sends an empty value: that is no filter. */
const emptyIsNone = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const WorklistQuery = z.object({
  state: emptyIsNone(z.enum(APPLICATION_STATES).exclude(['draft'])).describe('Only applications in this state'),
  procedure: emptyIsNone(z.enum(PROCEDURES)).describe('Only applications under this procedure'),
  overdue: emptyIsNone(z.enum(['true'])).describe('Only open applications past their deadline (by deadline)'),
  sort: emptyIsNone(z.enum(WORKLIST_SORTS)).describe('deadline (default) or received'),
  cursor: WorkbenchCursor,
});

export const consoleWorklistRoute = defineRoute({
  operationId: 'consoleWorklist',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/applications`,
  summary: '待办申请 — the worklist: applications by deadline or date received, working days left, 50 a page',
  tags: ['console'],
  access: STAFF,
  request: { query: WorklistQuery },
  responses: { 200: WORKBENCH_HTML_PAGE },
});

export const consoleWorkbenchApplicationRoute = defineRoute({
  operationId: 'consoleWorkbenchApplication',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/applications/{applicationId}`,
  summary: '申请详情 — one application: enterprise, products, deadline, documents opened in the page, timeline, steps',
  tags: ['console'],
  access: STAFF,
  request: {
    params: AppParams,
    query: z.object({
      document: z
        .string()
        .regex(/^DOC-[0-9a-f-]{36}$/)
        .optional()
        .describe('The document to open in the page (an audited read)'),
      done: z
        .enum([...REVIEW_ACTIONS, 'approve', 'refuse'])
        .optional()
        .describe('The step just taken (its notice)'),
    }),
  },
  responses: { 200: WORKBENCH_HTML_PAGE },
});

export const consoleWorkbenchDocumentRoute = defineRoute({
  operationId: 'consoleWorkbenchDocument',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/applications/{applicationId}/documents/{documentId}`,
  summary: '打开材料 — the document in a tab of its own: the API’s audited read, then 303 to a 60-second URL',
  tags: ['console'],
  access: STAFF,
  request: { params: DocParams },
  responses: { 303: { description: 'See the document (presigned, 60 seconds)' } },
});

export const consoleWorkbenchReviewRoute = defineRoute({
  operationId: 'consoleWorkbenchReview',
  method: 'POST',
  path: `${WORKBENCH_PREFIX}/applications/{applicationId}/review`,
  summary: '审查 — a reviewer’s step with a comment (passing the formal review of an issue-at-once application issues)',
  tags: ['console'],
  access: ['reviewer'],
  request: {
    params: AppParams,
    body: z.object({ _csrf: WorkbenchCsrf, action: z.enum(REVIEW_ACTIONS), comment: FormComment }).strict(),
    bodyContentTypes: ['application/x-www-form-urlencoded'],
  },
  responses: { 303: WORKBENCH_SEE_OTHER, 422: WORKBENCH_FORM_AGAIN },
});

export const consoleWorkbenchDecisionRoute = defineRoute({
  operationId: 'consoleWorkbenchDecision',
  method: 'POST',
  path: `${WORKBENCH_PREFIX}/applications/{applicationId}/decision`,
  summary: '决定 — the officer approves (issues) or refuses after the on-site review',
  tags: ['console'],
  access: ['officer'],
  request: {
    params: AppParams,
    body: z.object({ _csrf: WorkbenchCsrf, decision: z.enum(['approve', 'refuse']), comment: FormComment }).strict(),
    bodyContentTypes: ['application/x-www-form-urlencoded'],
  },
  responses: { 303: WORKBENCH_SEE_OTHER, 422: WORKBENCH_FORM_AGAIN },
});

// — Certificates —

// — Inspections and dispatches —

// — Administration —

// — Statistics —
