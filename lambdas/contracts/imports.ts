/**
 * The licence import routes (admins; `docs/import.md`): a presigned upload for the file, a check (dry run) or run of
 * it, its progress, and its report as JSON or CSV. `npm run import` drives them.
 */
import { z } from 'zod';
import { IMPORT_STATES } from '../domain/import/import-job';
import { IMPORT_COLUMNS } from '../domain/import/import-row';
import { defineRoute } from './route';

const ImportId = z.object({
  importId: z.string().max(40).describe('Import id, e.g. IMP-20261206-K3M9Q2ZT7A'),
});

const Format = z.enum(['csv', 'xlsx']).describe('csv (UTF-8 or GB18030) or xlsx (the first worksheet)');

export const RequestImportUploadBody = z.object({
  format: Format,
  size: z.number().int().min(1).describe('The file’s size in bytes: at most 52428800 (50 MiB), else 413'),
});

export const StartImportBody = z.object({
  uploadId: z
    .string()
    .regex(/^UPL-\d{8}-[A-HJ-NP-Z2-9]{10}$/)
    .describe('From POST /v1/imports/uploads, once the file is uploaded'),
  format: Format,
  fileName: z.string().max(200).optional().describe('The file’s name, for the record'),
  dryRun: z.boolean().describe('true: check only, nothing is written; false: import the good rows'),
  paperCopy: z
    .boolean()
    .optional()
    .describe('Every licence gets a free paper copy unless its row says 否 (needs the mailing columns); default false'),
  headers: z
    .record(z.string().max(100), z.enum(IMPORT_COLUMNS))
    .optional()
    .describe('Header names beyond the provincial export’s, each mapped to the column it means'),
});

const Progress = z.object({
  total: z.number().int().describe('Rows in the file'),
  done: z.number().int().describe('Rows imported'),
  failed: z.number().int().describe('Rows that failed the check or the import (see the report)'),
  pending: z.number().int(),
  rowsPerSecond: z.number().nullable(),
  etaSeconds: z.number().nullable().describe('At the rate so far'),
  finished: z.boolean(),
});

export const ImportView = z
  .object({
    id: z.string(),
    dryRun: z.boolean(),
    state: z.enum(IMPORT_STATES),
    file: z.object({ format: Format, fileName: z.string().optional(), paperCopy: z.boolean() }),
    requestedBy: z.string(),
    createdAt: z.string(),
    plannedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    licences: z.number().int().describe('Licences to import (rows of one licence number merge into one)'),
    progress: Progress,
    error: z.object({ code: z.string(), message: z.string() }).optional().describe('Why a failed job failed'),
    links: z.object({ self: z.string(), report: z.string(), reportCsv: z.string() }),
  })
  .meta({ id: 'Import' });

const Problem = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

export const ImportReportView = z
  .object({
    id: z.string(),
    state: z.enum(IMPORT_STATES),
    dryRun: z.boolean(),
    progress: Progress,
    problems: z.array(Problem).describe('Row, column, code, message; ordered by row'),
  })
  .meta({ id: 'ImportReport' });

const example = {
  id: 'IMP-20261206-K3M9Q2ZT7A',
  dryRun: false,
  state: 'running',
  file: { format: 'xlsx', fileName: '许可证存量数据.xlsx', paperCopy: false },
  requestedBy: 'admin-demo',
  createdAt: '2026-12-06T03:00:00.000Z',
  plannedAt: '2026-12-06T03:00:04.000Z',
  licences: 9_940,
  progress: {
    total: 10_000,
    done: 2_500,
    failed: 12,
    pending: 7_488,
    rowsPerSecond: 41.7,
    etaSeconds: 180,
    finished: false,
  },
  links: {
    self: '/v1/imports/IMP-20261206-K3M9Q2ZT7A',
    report: '/v1/imports/IMP-20261206-K3M9Q2ZT7A/report',
    reportCsv: '/v1/imports/IMP-20261206-K3M9Q2ZT7A/report.csv',
  },
};

export const requestImportUploadRoute = defineRoute({
  operationId: 'requestImportUpload',
  method: 'POST',
  path: '/v1/imports/uploads',
  summary: 'A presigned upload for a licence import file (at most 50 MiB)',
  description:
    'POST the file to `upload.url` with `upload.fields` (multipart/form-data, the file last) within 15 minutes; the ' +
    'store accepts exactly `size` bytes. 413 `IMPORT_FILE_TOO_LARGE` above 50 MiB.',
  tags: ['imports'],
  access: ['admin'],
  request: { body: RequestImportUploadBody, bodyExample: { format: 'xlsx', size: 812_340 } },
  responses: {
    201: {
      description: 'The upload',
      schema: z
        .object({
          uploadId: z.string(),
          upload: z.object({
            method: z.literal('POST'),
            url: z.string(),
            fields: z.record(z.string(), z.string()),
            expiresAt: z.string(),
          }),
          maxBytes: z.number().int(),
        })
        .meta({ id: 'ImportUpload' }),
    },
  },
});

export const startImportRoute = defineRoute({
  operationId: 'startImport',
  method: 'POST',
  path: '/v1/imports',
  summary: 'Check (dry run) or import an uploaded file of licences issued before Permit',
  description:
    'Answers at once (202); follow `links.self` for progress. A dry run writes nothing and ends `checked` with its ' +
    'report; a run imports every licence without findings, each through issuance (a new signed certificate under its ' +
    'own number and dates) and ends `done`. A file that cannot be read ends `failed` with its code ' +
    '(`IMPORT_FILE_UNREADABLE`, `IMPORT_ENCODING_INVALID`, `IMPORT_HEADER_MISSING`…). 422 `IMPORT_UPLOAD_MISSING` ' +
    'when nothing was uploaded; 413 `IMPORT_FILE_TOO_LARGE`.',
  tags: ['imports'],
  access: ['admin'],
  request: {
    body: StartImportBody,
    bodyExample: { uploadId: 'UPL-20261206-K3M9Q2ZT7A', format: 'xlsx', dryRun: true },
  },
  responses: { 202: { description: 'Accepted', schema: ImportView, example: { ...example, state: 'planning' } } },
});

export const getImportRoute = defineRoute({
  operationId: 'getImport',
  method: 'GET',
  path: '/v1/imports/{importId}',
  summary: 'An import’s state and progress: rows done, failed and pending, the rate and the time left',
  tags: ['imports'],
  access: ['admin'],
  request: { params: ImportId },
  responses: { 200: { description: 'The import', schema: ImportView, example } },
});

export const getImportReportRoute = defineRoute({
  operationId: 'getImportReport',
  method: 'GET',
  path: '/v1/imports/{importId}/report',
  summary: 'An import’s findings: every row the check refused and every licence that failed to import',
  tags: ['imports'],
  access: ['admin'],
  request: { params: ImportId },
  responses: { 200: { description: 'The report', schema: ImportReportView } },
});

export const getImportReportCsvRoute = defineRoute({
  operationId: 'getImportReportCsv',
  method: 'GET',
  path: '/v1/imports/{importId}/report.csv',
  summary: 'The report as CSV (UTF-8 with a BOM, for Excel): row, column, code, message',
  tags: ['imports'],
  access: ['admin'],
  request: { params: ImportId },
  responses: { 200: { description: 'The report', contentType: 'text/csv' } },
});
