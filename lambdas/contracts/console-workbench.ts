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
import { STATUS_ACTIONS } from '../domain/certificate-status';
import { LicenceNoParam } from './certificates';
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

const LicenceParams = z.object({ licenceNo: LicenceNoParam });
const CERTIFICATES = `${WORKBENCH_PREFIX}/certificates`;
const NOT_FOUND_PAGE = { description: 'No such licence', contentType: 'text/html' } as const;

export const consoleWorkbenchCertificatesRoute = defineRoute({
  operationId: 'consoleWorkbenchCertificates',
  method: 'GET',
  path: CERTIFICATES,
  summary: '许可证查询 — find by exact licence number or USCC, or by enterprise-name prefix; else the newest',
  tags: ['console'],
  access: STAFF,
  request: {
    query: z.object({
      q: z.string().max(400).optional().describe('Licence number, USCC or the start of an enterprise name'),
      cursor: WorkbenchCursor,
    }),
  },
  responses: {
    200: WORKBENCH_HTML_PAGE,
    303: { description: 'An exact licence number that exists: to its page' },
    422: { description: 'The box again with the reason (a malformed number or code)', contentType: 'text/html' },
  },
});

export const consoleWorkbenchCertificateRoute = defineRoute({
  operationId: 'consoleWorkbenchCertificate',
  method: 'GET',
  path: `${CERTIFICATES}/{licenceNo}`,
  summary: '许可证档案 — one licence: particulars, versions, status history, audit trail, paper copies',
  tags: ['console'],
  access: STAFF,
  request: {
    params: LicenceParams,
    query: z.object({
      cursor: WorkbenchCursor.describe('Audit trail page'),
      changed: z.enum(STATUS_ACTIONS).optional().describe('A status change just made (its confirmation shown)'),
    }),
  },
  responses: { 200: WORKBENCH_HTML_PAGE, 404: NOT_FOUND_PAGE },
});

export const consoleWorkbenchCertificatePdfRoute = defineRoute({
  operationId: 'consoleWorkbenchCertificatePdf',
  method: 'GET',
  path: `${CERTIFICATES}/{licenceNo}/pdf`,
  summary: '下载 PDF — 302 to a short presigned download (audited, as the API’s downloadCertificatePdf)',
  tags: ['console'],
  access: STAFF,
  request: {
    params: LicenceParams,
    query: z.object({ version: z.coerce.number().int().min(1).max(100_000).optional() }),
  },
  responses: { 302: { description: 'To the PDF', headers: { location: { description: 'Presigned URL' } } } },
});

export const consoleWorkbenchStatusFormRoute = defineRoute({
  operationId: 'consoleWorkbenchStatusForm',
  method: 'GET',
  path: `${CERTIFICATES}/{licenceNo}/status`,
  summary: '变更状态 — the status-change form (officer): the action, a public reason and a legal basis',
  tags: ['console'],
  access: ['officer'],
  request: { params: LicenceParams, query: z.object({ action: z.enum(STATUS_ACTIONS).optional() }) },
  responses: { 200: WORKBENCH_HTML_PAGE, 404: NOT_FOUND_PAGE },
});

/** The status-change form's fields: a common wording's id or `other` with free text, for the reason and the basis. */
export const WorkbenchStatusForm = z
  .object({
    _csrf: WorkbenchCsrf,
    action: z.enum(STATUS_ACTIONS),
    revision: z.coerce.number().int().min(1).max(1_000_000).describe('The revision the form was drawn at'),
    reason: z.string().max(40).optional().describe('A common public reason’s id, or `other`'),
    reasonOther: WorkbenchField,
    basis: z.string().max(40).optional().describe('A common legal basis’s id, or `other`'),
    basisOther: WorkbenchField,
    internalNotes: WorkbenchField,
  })
  .strict();

export const consoleWorkbenchStatusReviewRoute = defineRoute({
  operationId: 'consoleWorkbenchStatusReview',
  method: 'POST',
  path: `${CERTIFICATES}/{licenceNo}/status`,
  summary: '确认变更 — the "are you sure" step (officer): the change checked and named, nothing changed yet',
  tags: ['console'],
  access: ['officer'],
  request: {
    params: LicenceParams,
    body: WorkbenchStatusForm,
    bodyContentTypes: ['application/x-www-form-urlencoded'],
  },
  responses: { 200: WORKBENCH_HTML_PAGE, 422: WORKBENCH_FORM_AGAIN },
});

export const consoleWorkbenchStatusConfirmRoute = defineRoute({
  operationId: 'consoleWorkbenchStatusConfirm',
  method: 'POST',
  path: `${CERTIFICATES}/{licenceNo}/status/confirm`,
  summary: '确认 — make the confirmed status change (officer; the API’s changeCertificateStatus, once)',
  tags: ['console'],
  access: ['officer'],
  request: {
    params: LicenceParams,
    body: z
      .object({
        _csrf: WorkbenchCsrf,
        action: z.enum(STATUS_ACTIONS),
        revision: z.coerce.number().int().min(1).max(1_000_000),
        publicReason: WorkbenchField,
        legalBasis: WorkbenchField,
        internalNotes: WorkbenchField,
      })
      .strict(),
    bodyContentTypes: ['application/x-www-form-urlencoded'],
  },
  responses: { 303: WORKBENCH_SEE_OTHER, 422: WORKBENCH_FORM_AGAIN },
});

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
