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

// — Certificates —

// — Inspections and dispatches —

// — Administration —

// — Statistics —

/** A bound of the statistics period as typed (`YYYY-MM-DD`, or empty from a blank date field): the use case judges it. */
const StatsPeriodBound = z.string().max(20).optional();

export const consoleWorkbenchStatisticsRoute = defineRoute({
  operationId: 'consoleWorkbenchStatistics',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/statistics`,
  summary:
    '统计 — applications per week by procedure, share issued within 9 working days, median working days to issue, overdue reviews, dispatch states: SVG charts with their tables (the figures of GET /v1/stats)',
  tags: ['console'],
  access: STAFF,
  request: {
    query: z.object({
      from: StatsPeriodBound.describe('YYYY-MM-DD: the period starts with this date’s ISO week'),
      to: StatsPeriodBound.describe('YYYY-MM-DD: the period ends with this date’s ISO week (default: today)'),
    }),
  },
  responses: {
    200: WORKBENCH_HTML_PAGE,
    400: { description: 'The period form again, with the reason beside its field', contentType: 'text/html' },
  },
});
