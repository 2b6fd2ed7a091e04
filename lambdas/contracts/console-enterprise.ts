/**
 * Route contracts of the enterprise console (企业服务): HTML pages under `/console/`, for a signed-in enterprise. GET
 * pages take their path and query here; every POST is an `application/x-www-form-urlencoded` form whose hidden
 * `_csrf` field the console pipeline checks (the schemas allow it). Semantic checks happen in the use cases, as for
 * the API: these schemas check shape and size only, so a wrong value comes back as the catalogued code beside its
 * field rather than as a bare 400.
 *
 * @example
 * import { consoleMyLicencesRoute } from './console-enterprise';
 * consoleMyLicencesRoute.path; // '/console/licences'
 */
import { z } from 'zod';
import { APPLICATION_KINDS } from '../domain/application';
import { DOCUMENT_CONTENT_TYPES, DOCUMENT_TYPES } from '../domain/application-documents';
import { LicenceNoParam } from './certificates';
import { defineRoute } from './route';

const HTML_PAGE = { description: 'The page', contentType: 'text/html' } as const;
const SEE_OTHER = { description: 'See the next page (post/redirect/get)' } as const;
const Csrf = z.string().max(200).optional().describe('The session’s CSRF token (checked by the console pipeline)');
const AppParams = z.object({
  applicationId: z
    .string()
    .regex(/^APP-\d{8}-[A-Z0-9]{10}$/)
    .describe('Application id'),
});
/** One form field of free text: the use case judges it; this only bounds it. */
const Field = z.string().max(4000).optional();
/** A repeated form field (`products=06-001&products=16-204`): one value or several. */
const Repeated = z
  .union([z.string().max(20), z.array(z.string().max(20)).max(60)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const Cursor = z.string().max(2048).optional().describe('Cursor from the previous page');

export const consoleMyLicencesRoute = defineRoute({
  operationId: 'consoleMyLicences',
  method: 'GET',
  path: '/console/licences',
  summary: '我的许可证 — the enterprise’s licences',
  tags: ['console'],
  access: ['enterprise'],
  request: { query: z.object({ cursor: Cursor }) },
  responses: { 200: HTML_PAGE },
});

export const consoleLicenceRoute = defineRoute({
  operationId: 'consoleLicence',
  method: 'GET',
  path: '/console/licences/{licenceNo}',
  summary: '许可证详情 — one licence: status, products, versions, verification QR, paper copies',
  tags: ['console'],
  access: ['enterprise'],
  request: { params: z.object({ licenceNo: LicenceNoParam }) },
  responses: { 200: HTML_PAGE, 404: { description: 'No such licence of this enterprise', contentType: 'text/html' } },
});

export const consoleLicencePdfRoute = defineRoute({
  operationId: 'consoleLicencePdf',
  method: 'GET',
  path: '/console/licences/{licenceNo}/pdf',
  summary: '下载 PDF — 302 to a short presigned download (audited, as the API’s download)',
  tags: ['console'],
  access: ['enterprise'],
  request: {
    params: z.object({ licenceNo: LicenceNoParam }),
    query: z.object({ version: z.coerce.number().int().min(1).max(100_000).optional() }),
  },
  responses: { 302: { description: 'To the PDF', headers: { location: { description: 'Presigned URL' } } } },
});

export const consoleNewApplicationRoute = defineRoute({
  operationId: 'consoleNewApplication',
  method: 'GET',
  path: '/console/applications/new',
  summary: '申请 — choose the kind, then the details (prefilled from the current licence)',
  tags: ['console'],
  access: ['enterprise'],
  request: {
    query: z.object({
      kind: z.enum(APPLICATION_KINDS).optional(),
      licenceNo: z.string().max(40).optional(),
    }),
  },
  responses: { 200: HTML_PAGE },
});

export const ApplicationForm = z
  .object({
    _csrf: Csrf,
    kind: z.enum(APPLICATION_KINDS),
    /** Filled in when the form is first drawn: a retried POST files the same draft. */
    filingKey: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{8,128}$/)
      .optional(),
    licenceNo: Field,
    'enterprise.name': Field,
    'enterprise.domicile': Field,
    'enterprise.productionAddresses': Field.describe('One address a line'),
    products: Repeated,
    'changes.name': Field,
    'changes.domicile': Field,
    'changes.productionAddresses': Field.describe('One address a line'),
    reason: Field,
  })
  .strict();

export const consoleFileApplicationRoute = defineRoute({
  operationId: 'consoleFileApplication',
  method: 'POST',
  path: '/console/applications/new',
  summary: '提交申请表 — file the application (the API’s use case), then the documents step',
  tags: ['console'],
  access: ['enterprise'],
  request: { body: ApplicationForm, bodyContentTypes: ['application/x-www-form-urlencoded'] },
  responses: { 303: SEE_OTHER, 422: { description: 'The form again, with the reasons', contentType: 'text/html' } },
});

export const consoleMyApplicationsRoute = defineRoute({
  operationId: 'consoleMyApplications',
  method: 'GET',
  path: '/console/applications',
  summary: '我的申请 — the enterprise’s applications, newest first',
  tags: ['console'],
  access: ['enterprise'],
  request: { query: z.object({ cursor: Cursor }) },
  responses: { 200: HTML_PAGE },
});

export const consoleApplicationRoute = defineRoute({
  operationId: 'consoleApplication',
  method: 'GET',
  path: '/console/applications/{applicationId}',
  summary: '申请进度 — timeline, working days left, documents, corrections, decision, licence, paper copy',
  tags: ['console'],
  access: ['enterprise'],
  request: {
    params: AppParams,
    query: z.object({
      error: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]{2,60}$/)
        .optional()
        .describe('After a refused submit or check (post/redirect/get): the catalogued code to show'),
      document: z.enum(DOCUMENT_TYPES).optional().describe('The document the error concerns'),
    }),
  },
  responses: {
    200: HTML_PAGE,
    404: { description: 'No such application of this enterprise', contentType: 'text/html' },
  },
});

export const consoleRequestUploadRoute = defineRoute({
  operationId: 'consoleRequestUpload',
  method: 'POST',
  path: '/console/applications/{applicationId}/documents',
  summary: '上传授权 — a presigned POST for one document (JSON, for upload.js)',
  tags: ['console'],
  access: ['enterprise'],
  request: {
    params: AppParams,
    body: z
      .object({
        _csrf: Csrf,
        type: z.enum(DOCUMENT_TYPES),
        fileName: z.string().min(1).max(255),
        contentType: z.enum(DOCUMENT_CONTENT_TYPES),
        size: z.coerce.number().int().min(1),
      })
      .strict(),
    bodyContentTypes: ['application/x-www-form-urlencoded'],
  },
  responses: { 201: { description: 'The grant: storage URL, policy fields, and the check link' } },
});

export const consoleCheckDocumentRoute = defineRoute({
  operationId: 'consoleCheckDocument',
  method: 'POST',
  path: '/console/applications/{applicationId}/documents/{documentId}/check',
  summary: '检查文件 — the API’s check of one uploaded document (JSON for upload.js, else back to the page)',
  tags: ['console'],
  access: ['enterprise'],
  request: {
    params: AppParams.extend({ documentId: z.string().regex(/^DOC-[0-9a-f-]{36}$/) }),
    body: z.object({ _csrf: Csrf }).strict(),
    bodyContentTypes: ['application/x-www-form-urlencoded'],
  },
  responses: { 200: { description: 'The check’s result (JSON)' }, 303: SEE_OTHER },
});

export const consoleDocumentUploadedRoute = defineRoute({
  operationId: 'consoleDocumentUploaded',
  method: 'GET',
  path: '/console/applications/{applicationId}/documents/{documentId}/uploaded',
  summary: '上传完成 — where storage sends a plain (no-JavaScript) form back: the check, then the application page',
  tags: ['console'],
  access: ['enterprise'],
  request: {
    params: AppParams.extend({ documentId: z.string().regex(/^DOC-[0-9a-f-]{36}$/) }),
    query: z.object({
      type: z.enum(DOCUMENT_TYPES).describe('The document the form was for'),
      t: z
        .string()
        .max(100)
        .describe('Binds this redirect to the session that drew the form (a GET that checks carries its own token)'),
      // Storage appends these to the redirect (as S3 does); the console needs none of them.
      bucket: z.string().max(255).optional(),
      key: z.string().max(1024).optional(),
      etag: z.string().max(200).optional(),
    }),
  },
  responses: {
    303: SEE_OTHER,
    403: { description: 'Not this session’s form', contentType: 'text/html' },
    404: { description: 'No such application of this enterprise', contentType: 'text/html' },
  },
});

export const consoleSubmitApplicationRoute = defineRoute({
  operationId: 'consoleSubmitApplication',
  method: 'POST',
  path: '/console/applications/{applicationId}/submit',
  summary: '提交 — submit the application (again, with the answer to the corrections requested)',
  tags: ['console'],
  access: ['enterprise'],
  request: {
    params: AppParams,
    body: z.object({ _csrf: Csrf, comment: Field }).strict(),
    bodyContentTypes: ['application/x-www-form-urlencoded'],
  },
  responses: { 303: SEE_OTHER, 422: { description: 'The page again, with the reasons', contentType: 'text/html' } },
});
