/**
 * Contracts of the application routes: filing, documents (presigned POST upload, check, the staff's audited read),
 * submission, the reviewer's and the officer's steps, reading and listing, and the statistics. Semantic checks (USCC, products, addresses,
 * transitions, document contents) happen in the domain; these schemas check shape, types and sizes.
 */
import { z } from 'zod';
import { APPLICATION_KINDS, APPLICATION_STATES, REVIEW_ACTIONS, WORKLIST_SORTS } from '../domain/application';
import { DOCUMENT_CONTENT_TYPES, DOCUMENT_TYPES } from '../domain/application-documents';
import { DISPATCH_STATES } from '../domain/dispatch';
import { PROCEDURES } from '../domain/procedure';
import { TEXT_LIMITS } from '../domain/text';
import { EnterpriseBody, LicenceNoParam } from './certificates';
import { PostalAddressBody } from './postal-address';
import { defineRoute, idempotencyKey, PAGE_QUERY, STAFF } from './route';
import { fileName, printable } from './text';

const ProductKeys = z
  .array(z.string().regex(/^\d{2}-\d{3}$/, 'product key `CC-PPP`, e.g. `06-001`'))
  .min(1)
  .max(50)
  .describe('Catalogue product keys');
const PaperCopy = z
  .object({ address: PostalAddressBody })
  .strict()
  .describe('A paper certificate mailed to this address (personal data: owner and staff only)');
const Reason = printable(z.string().trim().min(1).max(TEXT_LIMITS.publicReason)).describe('Why');
/** Multi-line: line feeds allowed. */
/** A comment on a step: printable text (TEXT_NOT_PRINTABLE), trimmed, bounded — the API's and the workbench's forms'. */
export const Comment = printable(
  z
    .string()
    .trim()
    .min(1)
    .max(TEXT_LIMITS.publicReason * 2),
  { multiline: true },
);
/** An amended field: one line, printable (the domain checks the real length in code points). */
const changed = (max: number) =>
  printable(
    z
      .string()
      .trim()
      .min(1)
      .max(max * 2),
  );

export const FileApplicationBody = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('new'),
        enterprise: EnterpriseBody,
        products: ProductKeys,
        paperCopy: PaperCopy.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('add-products'),
        enterprise: EnterpriseBody,
        products: ProductKeys,
        paperCopy: PaperCopy.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('amend'),
        licenceNo: LicenceNoParam,
        changes: z
          .object({
            name: changed(TEXT_LIMITS.enterpriseName).optional(),
            domicile: changed(TEXT_LIMITS.domicile).optional(),
            productionAddresses: z
              .array(changed(TEXT_LIMITS.productionAddress))
              .min(1)
              .max(TEXT_LIMITS.productionAddresses)
              .optional(),
          })
          .strict(),
        paperCopy: PaperCopy.optional(),
      })
      .strict(),
    z.object({ kind: z.literal('renew'), licenceNo: LicenceNoParam, paperCopy: PaperCopy.optional() }).strict(),
    z.object({ kind: z.literal('cancel'), licenceNo: LicenceNoParam, reason: Reason }).strict(),
    z
      .object({
        kind: z.literal('reissue'),
        licenceNo: LicenceNoParam,
        reason: Reason,
        paperCopy: PaperCopy.optional(),
      })
      .strict(),
  ])
  .meta({ id: 'FileApplicationRequest' });

const DocumentView = z.object({
  id: z.string(),
  type: z.enum(DOCUMENT_TYPES),
  fileName: z.string(),
  state: z.enum(['awaiting-upload', 'accepted', 'rejected']),
  declaredContentType: z
    .string()
    .optional()
    .describe('As asked for the upload; absent when uploaded through the console’s plain form (type detected)'),
  contentType: z.string().optional().describe('Detected from the content'),
  size: z.number().int().optional(),
  sha256: z.string().optional(),
  checkedAt: z.string().optional(),
  failure: z.object({ code: z.string(), message: z.string() }).optional(),
  links: z
    .object({ content: z.string().describe('Staff: 302 to a 60-second read of the document (audited)') })
    .optional()
    .describe('Staff only'),
});

const DocumentReadView = z.object({
  id: z.string(),
  documentId: z.string(),
  documentType: z.enum(DOCUMENT_TYPES),
  at: z.string(),
  actor: z.object({ id: z.string(), role: z.string() }),
  copy: z.enum(['kept', 'upload']).describe('kept: the checked copy; upload: the raw upload of a refused document'),
  sha256: z.string().optional().describe('Digest of the kept copy that was served'),
});

const TimelineView = z.object({
  at: z.string(),
  actor: z.object({ id: z.string(), role: z.string() }),
  action: z.string(),
  from: z.enum(APPLICATION_STATES).nullable(),
  to: z.enum(APPLICATION_STATES),
  comment: z.string().optional(),
});

export const ApplicationView = z
  .object({
    id: z.string(),
    kind: z.enum(APPLICATION_KINDS),
    state: z.enum(APPLICATION_STATES),
    procedure: z.enum(PROCEDURES),
    uscc: z.string(),
    enterpriseName: z.string(),
    request: z.record(z.string(), z.unknown()).describe('What was applied for, by kind'),
    paperCopy: z.object({ address: z.record(z.string(), z.unknown()) }).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    acceptedOn: z.string().optional(),
    deadline: z
      .object({
        workingDays: z.number().int(),
        dueOn: z.string(),
        provisional: z.boolean().describe('The count reaches into a year whose holidays are not yet announced'),
        unannouncedYears: z.array(z.number().int()),
        overdue: z.boolean(),
      })
      .optional(),
    outcome: z
      .object({
        licenceNo: z.string(),
        version: z.number().int().optional(),
        paperSerial: z.string().optional(),
        on: z.string(),
      })
      .optional(),
    requiredDocuments: z.array(z.enum(DOCUMENT_TYPES)),
    documents: z.array(DocumentView).optional().describe('On the single-application read'),
    timeline: z
      .array(TimelineView)
      .describe('Every step on the single-application read; on lists, the filing and the latest 20–39 steps'),
    documentReads: z
      .object({ items: z.array(DocumentReadView), more: z.boolean().describe('Older reads exist') })
      .optional()
      .describe('Staff, on the single-application read: who read which document, newest first (the latest 50)'),
    links: z.object({ self: z.string(), certificate: z.string().optional() }),
  })
  .meta({ id: 'Application' });

export const ApplicationList = z
  .object({ items: z.array(ApplicationView), cursor: z.string().optional() })
  .meta({ id: 'ApplicationList' });

const enterpriseExample = {
  name: '湖北楚天食品包装有限公司',
  uscc: '91420100MA4K2X1R09',
  domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
  productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
};

const applicationExample = {
  id: 'APP-20261127-K3M9Q2ZT7A',
  kind: 'new',
  state: 'issued',
  procedure: 'notification-commitment',
  uscc: '91420100MA4K2X1R09',
  enterpriseName: '湖北楚天食品包装有限公司',
  request: { kind: 'new', enterprise: enterpriseExample, products: ['16-204'] },
  createdAt: '2026-11-27T01:00:00.000Z',
  updatedAt: '2026-11-27T03:00:00.000Z',
  acceptedOn: '2026-11-27',
  outcome: { licenceNo: '(鄂)XK16-204-00001', version: 1, on: '2026-11-27' },
  requiredDocuments: ['application-form', 'commitment-letter', 'test-report'],
  timeline: [
    {
      at: '2026-11-27T01:00:00.000Z',
      actor: { id: 'ent-1', role: 'enterprise' },
      action: 'file',
      from: null,
      to: 'draft',
    },
    {
      at: '2026-11-27T03:00:00.000Z',
      actor: { id: 'reviewer-1', role: 'reviewer' },
      action: 'issue',
      from: 'formal-review-passed',
      to: 'issued',
    },
  ],
  links: { self: '/v1/applications/APP-20261127-K3M9Q2ZT7A', certificate: '/v1/certificates/42-XK16-204-00001' },
};

/** An application's path parameter. */
export const AppParams = z.object({
  applicationId: z
    .string()
    .regex(/^APP-\d{8}-[A-Z0-9]{10}$/)
    .describe('Application id'),
});
const PageQuery = PAGE_QUERY;

export const fileApplicationRoute = defineRoute({
  operationId: 'fileApplication',
  method: 'POST',
  path: '/v1/applications',
  summary: 'File an application (a draft) for the calling enterprise’s own USCC or licence',
  tags: ['applications'],
  access: ['enterprise'],
  request: {
    headers: z.object({
      'idempotency-key': z.optional(
        idempotencyKey('Optional client-chosen key: a retried filing returns the same draft'),
      ),
    }),
    body: FileApplicationBody,
    bodyExample: { kind: 'new', enterprise: enterpriseExample, products: ['16-204'] },
  },
  responses: {
    201: { description: 'The draft', schema: ApplicationView, example: { ...applicationExample, state: 'draft' } },
  },
});

export const getApplicationRoute = defineRoute({
  operationId: 'getApplication',
  method: 'GET',
  path: '/v1/applications/{applicationId}',
  summary: 'An application with its documents and timeline (its enterprise, or staff)',
  tags: ['applications'],
  access: [...STAFF, 'enterprise'],
  request: { params: AppParams },
  responses: { 200: { description: 'The application', schema: ApplicationView, example: applicationExample } },
});

export const listMyApplicationsRoute = defineRoute({
  operationId: 'listMyApplications',
  method: 'GET',
  path: '/v1/me/applications',
  summary: 'The calling enterprise’s applications, newest first',
  tags: ['applications'],
  access: ['enterprise'],
  request: { query: z.object(PageQuery) },
  responses: { 200: { description: 'A page', schema: ApplicationList, example: { items: [applicationExample] } } },
});

export const listApplicationsRoute = defineRoute({
  operationId: 'listApplications',
  method: 'GET',
  path: '/v1/applications',
  summary: 'List applications by state, procedure, or overdue deadline (staff)',
  tags: ['applications'],
  access: STAFF,
  request: {
    query: z.object({
      state: z.enum(APPLICATION_STATES).optional(),
      procedure: z.enum(PROCEDURES).optional(),
      overdue: z.enum(['true', 'false']).optional().describe('true: only open applications past their deadline'),
      sort: z
        .enum(WORKLIST_SORTS)
        .optional()
        .describe(
          'The worklist’s orders, received applications only (no drafts): `deadline` — soonest deadline first, those ' +
            'without a running one after them; `received` — first submitted first. Without it: by state last changed ' +
            'first, else newest first.',
        ),
      ...PageQuery,
    }),
  },
  responses: { 200: { description: 'A page', schema: ApplicationList, example: { items: [applicationExample] } } },
});

export const UploadRequestBody = z
  .object({
    type: z.enum(DOCUMENT_TYPES),
    fileName: fileName().describe('Display name only: no path separators or control characters'),
    contentType: z.enum(DOCUMENT_CONTENT_TYPES),
    size: z
      .number()
      .int()
      .min(1)
      .describe('Exact size in bytes (the upload policy’s content-length-range; the check compares it too)'),
  })
  .strict()
  .meta({ id: 'DocumentUploadRequest' });

export const UploadView = z
  .object({
    document: DocumentView,
    upload: z
      .object({
        method: z.literal('POST'),
        url: z.string(),
        fields: z
          .record(z.string(), z.string())
          .describe('Send every field as a multipart/form-data field, then the file as the last field, named `file`'),
        expiresAt: z.string().describe('The policy expires then (at most 5 minutes)'),
      })
      .describe('A presigned POST: its policy pins the key, the exact size (content-length-range) and Content-Type'),
    links: z.object({ check: z.string() }),
  })
  .meta({ id: 'DocumentUpload' });

const documentExample = {
  id: 'DOC-1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  type: 'test-report',
  fileName: '检测报告.pdf',
  state: 'awaiting-upload',
  declaredContentType: 'application/pdf',
};

export const requestDocumentUploadRoute = defineRoute({
  operationId: 'requestDocumentUpload',
  method: 'POST',
  path: '/v1/applications/{applicationId}/documents',
  summary: 'A presigned POST upload (≤ 5 min; the policy pins key, exact size and type) for one document',
  tags: ['applications'],
  access: ['enterprise'],
  request: {
    params: AppParams,
    body: UploadRequestBody,
    bodyExample: { type: 'test-report', fileName: '检测报告.pdf', contentType: 'application/pdf', size: 81234 },
  },
  responses: {
    201: {
      description: 'Upload with this request, then call the check link (or submit)',
      schema: UploadView,
      example: {
        document: documentExample,
        upload: {
          method: 'POST',
          url: 'https://permit-documents.s3.cn-north-1.amazonaws.com.cn/',
          fields: {
            'Content-Type': 'application/pdf',
            bucket: 'permit-documents',
            'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
            'X-Amz-Credential': 'ASIA…/20261127/cn-north-1/s3/aws4_request',
            'X-Amz-Date': '20261127T010000Z',
            'X-Amz-Security-Token': '…',
            key: 'applications/APP-20261127-K3M9Q2ZT7A/DOC-1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
            Policy: 'eyJleHBpcmF0aW9uIjoiMjAyNi0xMS0yN1QwMTowNTowMFoiLCJjb25kaXRpb25zIjpb…',
            'X-Amz-Signature': '…',
          },
          expiresAt: '2026-11-27T01:05:00.000Z',
        },
        links: { check: '/v1/applications/APP-20261127-K3M9Q2ZT7A/documents/DOC-1b9d…/check' },
      },
    },
  },
});

/** An application's document's path parameters. */
export const DocParams = AppParams.extend({ documentId: z.string().regex(/^DOC-[0-9a-f-]{36}$/) });

export const checkDocumentRoute = defineRoute({
  operationId: 'checkDocument',
  method: 'POST',
  path: '/v1/applications/{applicationId}/documents/{documentId}/check',
  summary:
    'Check an uploaded document: size and type as declared, type by content, the format to its last byte, SHA-256 ' +
    '(422 with the failing check’s code); the checked bytes are kept, out of the upload’s reach',
  tags: ['applications'],
  access: ['enterprise'],
  request: { params: DocParams },
  responses: {
    200: {
      description: 'Accepted',
      schema: DocumentView,
      example: { ...documentExample, state: 'accepted', contentType: 'application/pdf', size: 81234, sha256: 'e3b0…' },
    },
  },
});

export const readDocumentContentRoute = defineRoute({
  operationId: 'readDocumentContent',
  method: 'GET',
  path: '/v1/applications/{applicationId}/documents/{documentId}/content',
  summary: 'Staff read a document: 302 to a 60-second presigned URL of the kept, checked copy (audited)',
  description:
    'Every read is recorded on the application (who, role, when, which document, which digest; shown to staff in ' +
    '`documentReads` of the application). A checked document is served inline as the type its content was ' +
    'parsed as (PDF, PNG, JPEG); the raw upload of a refused document as an application/octet-stream attachment. ' +
    '409 DOCUMENT_NOT_CHECKED while nothing has been checked.',
  tags: ['applications'],
  access: STAFF,
  request: { params: DocParams },
  responses: {
    302: {
      description: 'Redirect to the document',
      headers: { location: { description: 'Presigned S3 URL (60 seconds)' } },
    },
  },
});

const CommentBody = z.object({ comment: Comment.optional() }).strict();

export const submitApplicationRoute = defineRoute({
  operationId: 'submitApplication',
  method: 'POST',
  path: '/v1/applications/{applicationId}/submit',
  summary: 'Submit (again, after corrections); every required document must pass its check',
  tags: ['applications'],
  access: ['enterprise'],
  request: { params: AppParams, body: CommentBody, bodyExample: {} },
  responses: {
    200: { description: 'Submitted', schema: ApplicationView, example: { ...applicationExample, state: 'submitted' } },
  },
});

export const reviewApplicationRoute = defineRoute({
  operationId: 'reviewApplication',
  method: 'POST',
  path: '/v1/applications/{applicationId}/review',
  summary: 'A reviewer’s step; passing the formal review of an issue-at-once application issues it',
  tags: ['applications'],
  access: ['reviewer'],
  request: {
    params: AppParams,
    body: z
      .object({ action: z.enum(REVIEW_ACTIONS), comment: Comment.optional() })
      .strict()
      .meta({ id: 'ReviewRequest' }),
    bodyExample: { action: 'pass-formal-review', comment: '材料齐全，符合要求' },
  },
  responses: {
    200: { description: 'The application after the step', schema: ApplicationView, example: applicationExample },
  },
});

export const decideApplicationRoute = defineRoute({
  operationId: 'decideApplication',
  method: 'POST',
  path: '/v1/applications/{applicationId}/decision',
  summary: 'The officer approves (issues) or refuses a general-procedure application after its on-site review',
  tags: ['applications'],
  access: ['officer'],
  request: {
    params: AppParams,
    body: z
      .object({ decision: z.enum(['approve', 'refuse']), comment: Comment.optional() })
      .strict()
      .meta({ id: 'DecisionRequest' }),
    bodyExample: { decision: 'approve' },
  },
  responses: {
    200: { description: 'The application after the decision', schema: ApplicationView, example: applicationExample },
  },
});

const WithinLimitView = z.object({
  issued: z.number().int().describe('Issued applications that had a working-day deadline'),
  withinLimit: z.number().int().describe('Of those, issued on or before their deadline'),
  share: z.number().nullable().describe('withinLimit / issued; null when none was issued'),
});
const ByProcedureCount = z.record(z.enum(PROCEDURES), z.number().int());
const ByDispatchState = z.record(z.enum(DISPATCH_STATES), z.number().int());
const StatsDate = z.string().max(20);

export const StatsView = z
  .object({
    today: StatsDate.describe('The date (Asia/Shanghai) the figures were computed on'),
    licensedEnterprises: z.number().int(),
    certificates: z.object({
      total: z.number().int(),
      byProcedure: z.record(z.string(), z.record(z.string(), z.number().int())),
    }),
    applications: z.object({
      issued: z.number().int(),
      medianWorkingDaysToIssue: z.number().nullable(),
      postIssuanceReview: WithinLimitView,
      limitWorkingDays: z.number().int(),
    }),
    period: z
      .object({
        from: StatsDate.describe('Monday of the first ISO week'),
        to: StatsDate.describe('Sunday of the last ISO week'),
        applicationsByWeek: z
          .array(
            z.object({
              week: z.string().describe('ISO week, e.g. 2026-W49'),
              monday: StatsDate,
              byProcedure: ByProcedureCount,
              total: z.number().int(),
            }),
          )
          .describe('Applications filed in each week and submitted (drafts never submitted are left out)'),
        issued: z
          .object({
            total: z.number().int(),
            medianWorkingDaysToIssue: z.number().nullable(),
            byProcedure: z.record(
              z.enum(PROCEDURES),
              z.object({ issued: z.number().int(), medianWorkingDaysToIssue: z.number().nullable() }),
            ),
            postIssuanceReview: WithinLimitView,
          })
          .describe('Applications issued in the period: working days from acceptance to issue, share within the limit'),
        overdueInspections: z
          .object({
            total: z.number().int(),
            byDueWeek: z.array(z.object({ week: z.string(), monday: StatsDate, count: z.number().int() })),
            dueBefore: z.number().int().describe('Overdue, fell due before the period'),
            dueAfter: z.number().int().describe('Overdue, fell due after the period'),
          })
          .describe('Post-issuance reviews overdue today, by the ISO week they fell due'),
        dispatches: z
          .object({
            total: z.number().int(),
            byState: ByDispatchState,
            byMonth: z.array(z.object({ month: z.string(), byState: ByDispatchState, total: z.number().int() })),
          })
          .describe('Paper-copy dispatches requested in the period, by current state and month of request'),
      })
      .describe('Figures for a period of whole ISO weeks (Asia/Shanghai); default: the 12 weeks ending this week'),
  })
  .meta({ id: 'Stats' });

const zeroStates = { pending: 0, 'label-created': 0, 'in-transit': 0, delivered: 0, returned: 0 };

export const statsRoute = defineRoute({
  operationId: 'getStats',
  method: 'GET',
  path: '/v1/stats',
  summary:
    'Licensed enterprises, certificates by procedure and status, working days from acceptance to issue; for a period: applications per week by procedure, overdue reviews, dispatch states (staff)',
  tags: ['applications'],
  access: STAFF,
  request: {
    query: z.object({
      from: StatsDate.optional().describe('YYYY-MM-DD: the period starts with this date’s ISO week'),
      to: StatsDate.optional().describe('YYYY-MM-DD: the period ends with this date’s ISO week (default: today)'),
    }),
  },
  responses: {
    200: {
      description: 'Figures computed from indexes',
      schema: StatsView,
      example: {
        today: '2026-12-09',
        licensedEnterprises: 2,
        certificates: {
          total: 2,
          byProcedure: { 'notification-commitment': { valid: 1 }, 'post-issuance-review': { revoked: 1 } },
        },
        applications: {
          issued: 2,
          medianWorkingDaysToIssue: 1.5,
          postIssuanceReview: { issued: 1, withinLimit: 1, share: 1 },
          limitWorkingDays: 9,
        },
        period: {
          from: '2026-11-30',
          to: '2026-12-13',
          applicationsByWeek: [
            {
              week: '2026-W49',
              monday: '2026-11-30',
              byProcedure: { 'notification-commitment': 1, 'post-issuance-review': 2, general: 0 },
              total: 3,
            },
            {
              week: '2026-W50',
              monday: '2026-12-07',
              byProcedure: { 'notification-commitment': 0, 'post-issuance-review': 1, general: 1 },
              total: 2,
            },
          ],
          issued: {
            total: 2,
            medianWorkingDaysToIssue: 1.5,
            byProcedure: {
              'notification-commitment': { issued: 1, medianWorkingDaysToIssue: 0 },
              'post-issuance-review': { issued: 1, medianWorkingDaysToIssue: 3 },
              general: { issued: 0, medianWorkingDaysToIssue: null },
            },
            postIssuanceReview: { issued: 1, withinLimit: 1, share: 1 },
          },
          overdueInspections: {
            total: 1,
            byDueWeek: [
              { week: '2026-W49', monday: '2026-11-30', count: 1 },
              { week: '2026-W50', monday: '2026-12-07', count: 0 },
            ],
            dueBefore: 0,
            dueAfter: 0,
          },
          dispatches: {
            total: 2,
            byState: { ...zeroStates, 'label-created': 1, delivered: 1 },
            byMonth: [
              { month: '2026-11', byState: { ...zeroStates, delivered: 1 }, total: 1 },
              { month: '2026-12', byState: { ...zeroStates, 'label-created': 1 }, total: 1 },
            ],
          },
        },
      },
    },
  },
});
