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
import { STATUS_ACTIONS } from '../domain/certificate-status';
import { DISPATCH_STATES } from '../domain/dispatch';
import { PROCEDURES } from '../domain/procedure';
import { AppParams, Comment, DocParams } from './applications';
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
/** Rows a page of every workbench list. */
export const WORKBENCH_PAGE_SIZE = 50;
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

/** Either kind of inspection id: a review's `INSP-APP-…` or a spot check's `INSP-PLAN-…-{5-digit position}`. */
const INSPECTION_ID = /^INSP-(APP-\d{8}-[A-Z0-9]{10}|PLAN-\d{8}-[A-Z0-9]{10}-\d{5})$/;
/** An inspection's id in a path. */
export const InspectionParams = z.object({ inspectionId: z.string().regex(INSPECTION_ID) });

export const consoleWorkbenchInspectionsRoute = defineRoute({
  operationId: 'consoleWorkbenchInspections',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/inspections`,
  summary: '核查 — post-issuance reviews due or overdue (the API’s `listInspections`), 50 a page',
  tags: ['console'],
  access: STAFF,
  request: {
    query: z.object({
      state: z.enum(['due', 'overdue']).default('due'),
      before: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional()
        .or(z.literal('').transform(() => undefined))
        .describe('Only those due on or before this date'),
      cursor: WorkbenchCursor,
      recorded: z
        .string()
        .regex(INSPECTION_ID)
        .optional()
        .describe('After a result was recorded (post/redirect/get): its review'),
    }),
  },
  responses: { 200: WORKBENCH_HTML_PAGE },
});

export const consoleWorkbenchInspectionRoute = defineRoute({
  operationId: 'consoleWorkbenchInspection',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/inspections/{inspectionId}`,
  summary:
    '核查详情 — one review or spot check: the licence, dates, history, the result form (reviewer) and, for a spot ' +
    'check with a result, the publish button (officer)',
  tags: ['console'],
  access: STAFF,
  request: {
    params: InspectionParams,
    query: z.object({ published: z.enum(['1']).optional().describe('After publishing: its notice') }),
  },
  responses: { 200: WORKBENCH_HTML_PAGE, 404: { description: 'No such review', contentType: 'text/html' } },
});

/** The result form: the API's `InspectionResult` as plain fields (inspectors one a line); the use case judges them. */
export const InspectionResultForm = z
  .object({
    _csrf: WorkbenchCsrf,
    outcome: z.string().max(20).optional(),
    comment: WorkbenchField,
    rectifyBy: WorkbenchField,
    findings: WorkbenchField,
    inspectors: WorkbenchField.describe('One inspector a line'),
    checkedOn: WorkbenchField.describe('Spot checks: the day of the check'),
    action: z.string().max(20).optional().describe('Spot checks that fail: suspend (default) or revoke'),
  })
  .strict();

export const consoleWorkbenchRecordInspectionRoute = defineRoute({
  operationId: 'consoleWorkbenchRecordInspection',
  method: 'POST',
  path: `${WORKBENCH_PREFIX}/inspections/{inspectionId}/result`,
  summary:
    '录入核查结果 — the API’s `recordInspectionResult` (reviewer; a failed review revokes the licence, a failed spot check suspends or revokes it)',
  tags: ['console'],
  access: ['reviewer'],
  request: {
    params: InspectionParams,
    body: InspectionResultForm,
    bodyContentTypes: ['application/x-www-form-urlencoded'],
  },
  responses: { 303: WORKBENCH_SEE_OTHER, 422: WORKBENCH_FORM_AGAIN },
});

export const consoleWorkbenchDispatchesRoute = defineRoute({
  operationId: 'consoleWorkbenchDispatches',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/dispatches`,
  summary: '寄递 — paper-certificate parcels in one state requested in one month (the API’s `listDispatches`)',
  tags: ['console'],
  access: STAFF,
  request: {
    query: z.object({
      state: z.enum(DISPATCH_STATES).default('pending'),
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
        .optional()
        .or(z.literal('').transform(() => undefined))
        .describe('Month the dispatch was requested, YYYY-MM (default: this month)'),
      cursor: WorkbenchCursor,
    }),
  },
  responses: { 200: WORKBENCH_HTML_PAGE },
});

// — Administration —

export const consoleWorkbenchAdminRoute = defineRoute({
  operationId: 'consoleWorkbenchAdmin',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/admin`,
  summary: '系统管理 — the admin’s pages: the working-day calendar and the signing keys',
  tags: ['console'],
  access: ['admin'],
  responses: { 200: WORKBENCH_HTML_PAGE },
});

export const consoleWorkbenchCalendarRoute = defineRoute({
  operationId: 'consoleWorkbenchCalendar',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/admin/calendar`,
  summary: '工作日日历 — the loaded years, and the form to load a year’s official schedule',
  tags: ['console'],
  access: ['admin'],
  request: {
    query: z.object({
      loaded: z.coerce.number().int().min(2000).max(2100).optional().describe('After a load: the year loaded'),
      moved: z.coerce.number().int().min(0).max(1_000_000).optional().describe('After a load: deadlines moved'),
      year: z.coerce
        .number()
        .int()
        .min(2000)
        .max(2100)
        .optional()
        .describe('A loaded year to change: the form prefilled'),
    }),
  },
  responses: { 200: WORKBENCH_HTML_PAGE },
});

/** A year's schedule as typed: dates (or ranges `2027-02-05~2027-02-11`) separated by lines, spaces or commas. */
export const CalendarScheduleForm = z
  .object({
    _csrf: WorkbenchCsrf,
    year: z.string().max(10).optional(),
    holidays: WorkbenchField.describe('Statutory holidays: dates or ranges'),
    workdays: WorkbenchField.describe('Adjusted working days (调休上班日): dates'),
  })
  .strict();

export const consoleWorkbenchCalendarPreviewRoute = defineRoute({
  operationId: 'consoleWorkbenchCalendarPreview',
  method: 'POST',
  path: `${WORKBENCH_PREFIX}/admin/calendar/preview`,
  summary: '预览 — what loading this schedule would change (days, open deadlines), computed without writing',
  tags: ['console'],
  access: ['admin'],
  request: { body: CalendarScheduleForm, bodyContentTypes: ['application/x-www-form-urlencoded'] },
  responses: { 200: WORKBENCH_HTML_PAGE, 422: WORKBENCH_FORM_AGAIN },
});

export const consoleWorkbenchCalendarLoadRoute = defineRoute({
  operationId: 'consoleWorkbenchCalendarLoad',
  method: 'POST',
  path: `${WORKBENCH_PREFIX}/admin/calendar`,
  summary: '确认载入 — load the previewed schedule (the API’s `putWorkingCalendar` use case); deadlines recomputed',
  tags: ['console'],
  access: ['admin'],
  request: { body: CalendarScheduleForm, bodyContentTypes: ['application/x-www-form-urlencoded'] },
  responses: { 303: WORKBENCH_SEE_OTHER, 422: WORKBENCH_FORM_AGAIN },
});

/** A key id in a path: a SHA-256 JWK thumbprint (base64url). */
const KeyParams = z.object({ kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

export const consoleWorkbenchKeysRoute = defineRoute({
  operationId: 'consoleWorkbenchKeys',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/admin/keys`,
  summary: '签名密钥 — the key ring: each key’s signing period, current, retired, compromised from',
  tags: ['console'],
  access: ['admin'],
  request: { query: z.object({ compromised: z.string().max(64).optional().describe('After a mark: its key') }) },
  responses: { 200: WORKBENCH_HTML_PAGE },
});

export const consoleWorkbenchCompromiseKeyPageRoute = defineRoute({
  operationId: 'consoleWorkbenchCompromiseKeyPage',
  method: 'GET',
  path: `${WORKBENCH_PREFIX}/admin/keys/{kid}/compromise`,
  summary: '标记泄露 — the “are you sure” step: names the key and what marking it means',
  tags: ['console'],
  access: ['admin'],
  request: { params: KeyParams },
  responses: { 200: WORKBENCH_HTML_PAGE, 404: { description: 'No such key', contentType: 'text/html' } },
});

export const CompromiseKeyForm = z
  .object({
    _csrf: WorkbenchCsrf,
    at: z.string().max(40).optional().describe('From when (Beijing time, YYYY-MM-DDTHH:mm)'),
    confirm: z.string().max(10).optional().describe('The “I understand” box'),
  })
  .strict();

export const consoleWorkbenchCompromiseKeyRoute = defineRoute({
  operationId: 'consoleWorkbenchCompromiseKey',
  method: 'POST',
  path: `${WORKBENCH_PREFIX}/admin/keys/{kid}/compromise`,
  summary: '确认标记泄露 — mark the key compromised from a time (audited); what it signed from then on fails',
  tags: ['console'],
  access: ['admin'],
  request: { params: KeyParams, body: CompromiseKeyForm, bodyContentTypes: ['application/x-www-form-urlencoded'] },
  responses: { 303: WORKBENCH_SEE_OTHER, 422: WORKBENCH_FORM_AGAIN },
});

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
