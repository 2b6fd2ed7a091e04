/**
 * The `imports` function (admins; `docs/import.md`): an upload for a licence import file, a check or run of it, its
 * progress and its report. Each route calls one use case of `use-cases/imports/jobs.ts`; the work is the import
 * worker's (`import-worker.ts`).
 *
 * @example
 * // POST /v1/imports { "uploadId": "UPL-…", "format": "xlsx", "dryRun": true } → 202 { "id": "IMP-…", "state": "planning" }
 */
import { importJobDeps } from '../composition/imports';
import {
  getImportReportCsvRoute,
  getImportReportRoute,
  getImportRoute,
  requestImportUploadRoute,
  startImportRoute,
} from '../contracts/imports';
import { actorOf } from '../domain/viewer';
import { importView } from '../presenters/import-view';
import { httpRoute, json } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { router } from '../shared/router';
import {
  importReportCsv,
  readImport,
  readImportReport,
  requestImportUpload,
  startImport,
} from '../use-cases/imports/jobs';

const deps = importJobDeps();

const upload = httpRoute(requestImportUploadRoute, async ({ body }) => {
  const { uploadId, upload, maxBytes } = await requestImportUpload(deps, body);
  return json(201, { uploadId, upload: { ...upload, fields: { ...upload.fields } }, maxBytes });
});

const start = httpRoute(startImportRoute, async ({ body, identity }) => {
  const job = await startImport(deps, { ...body, actor: { type: 'user', ...actorOf(viewerOf(identity)) } });
  const { progress } = await readImport(deps, job.id);
  const view = importView(job, progress);
  return json(202, view, { location: view.links.self });
});

const get = httpRoute(getImportRoute, async ({ params }) => {
  const { job, progress } = await readImport(deps, params.importId);
  return json(200, importView(job, progress));
});

const report = httpRoute(getImportReportRoute, async ({ params }) => {
  const { job, progress, problems } = await readImportReport(deps, params.importId);
  return json(200, { id: job.id, state: job.state, dryRun: job.dryRun, progress, problems });
});

const reportCsv = httpRoute(getImportReportCsvRoute, async ({ params }) => {
  const { job, problems } = await readImportReport(deps, params.importId);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${job.id}-report.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: importReportCsv(problems),
  };
});

export const handler = router([upload, start, get, report, reportCsv]);
