/**
 * Licence imports, as admins drive them (`docs/import.md`): an upload for the file (presigned, at most 50 MiB), a job
 * that checks it (a dry run) or imports it (a run), its progress, and its report. The work itself is the import
 * worker's (`worker.ts`); a job resumes from its record (`resumeImports`), never from what a queue happened to hold.
 *
 * @example
 * const upload = await requestImportUpload(deps, { format: 'xlsx', size: 812_000 });
 * // … the CLI sends the file to upload.url …
 * const job = await startImport(deps, { uploadId: upload.uploadId, format: 'xlsx', dryRun: true, actor });
 */
import type { Actor } from '../../domain/certificate-status';
import { NotFoundError, PermitError, UnprocessableError } from '../../domain/errors';
import {
  effectiveImportState,
  type ImportJob,
  type ImportJobSource,
  type ImportProgress,
  importFindings,
  importProgress,
  isImportId,
} from '../../domain/import/import-job';
import { importReportCsv } from '../../domain/import/import-report';
import type { ImportColumn, ImportProblem } from '../../domain/import/import-row';
import type { Clock } from '../../ports/clock';
import type { DocumentStore, PresignedUpload } from '../../ports/document-store';
import { IMPORT_FILE_MAX_BYTES } from '../../ports/import-file-reader';
import type { ImportJobStore } from '../../ports/import-job-store';
import type { OutboxPublisher } from '../../ports/outbox-publisher';
import type { OutboxMessage } from '../../ports/transaction-parts';
import { outboxMessage } from '../outbox/message';
import { notifyCommitted } from '../outbox/notify';
import { datedId } from '../random-code';

/** What the admin-facing import use cases need. */
export interface ImportJobDeps {
  readonly jobs: ImportJobStore;
  /** The private bucket of uploaded files (the documents bucket, under `imports/`). */
  readonly files: DocumentStore;
  readonly clock: Clock;
  readonly publisher: OutboxPublisher;
}

/** How long a presigned import upload stays usable. */
const UPLOAD_SECONDS = 15 * 60;

const CONTENT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * Where an upload's file is stored.
 *
 * @example
 * importFileKey('UPL-20261206-K3M9Q2ZT7A', 'csv'); // 'imports/uploads/UPL-20261206-K3M9Q2ZT7A.csv'
 */
export const importFileKey = (uploadId: string, format: 'csv' | 'xlsx'): string =>
  `imports/uploads/${uploadId}.${format}`;

/**
 * Where a job's check findings are kept (JSON), for its report.
 *
 * @example
 * checkedKey('IMP-20261206-K3M9Q2ZT7A'); // 'imports/IMP-20261206-K3M9Q2ZT7A/checked.json'
 */
export const checkedKey = (jobId: string): string => `imports/${jobId}/checked.json`;

/**
 * A job's plan message: the worker checks the file, and for a run writes the chunks.
 *
 * @example
 * planMessage(job.id, clock.now()).id; // 'import.IMP-….plan'
 */
export const planMessage = (jobId: string, at: Date): OutboxMessage =>
  outboxMessage('imports', `import.${jobId}.plan`, { jobId }, at);

/**
 * A chunk's message.
 *
 * @example
 * chunkMessage(job.id, 3, clock.now()).id; // 'import.IMP-….c3'
 */
export const chunkMessage = (jobId: string, chunk: number, at: Date): OutboxMessage =>
  outboxMessage('imports', `import.${jobId}.c${chunk}`, { jobId, chunk }, at);

/**
 * A presigned upload for an import file of `size` bytes (`IMPORT_FILE_TOO_LARGE`, 413, above 50 MiB): the store accepts
 * exactly that many bytes, for 15 minutes.
 *
 * @example
 * const { uploadId, upload } = await requestImportUpload(deps, { format: 'csv', size: 52_000 });
 */
export async function requestImportUpload(
  deps: ImportJobDeps,
  input: { readonly format: 'csv' | 'xlsx'; readonly size: number },
): Promise<{ readonly uploadId: string; readonly upload: PresignedUpload; readonly maxBytes: number }> {
  if (input.size > IMPORT_FILE_MAX_BYTES) {
    throw new PermitError(
      'IMPORT_FILE_TOO_LARGE',
      `the file is ${input.size} bytes; at most ${IMPORT_FILE_MAX_BYTES} (50 MiB) are accepted — split it and import each part`,
    );
  }
  const uploadId = datedId('UPL', deps.clock.now());
  const upload = await deps.files.presignUpload(importFileKey(uploadId, input.format), {
    contentType: CONTENT_TYPES[input.format],
    contentLength: input.size,
    expiresInSeconds: UPLOAD_SECONDS,
  });
  return { uploadId, upload, maxBytes: IMPORT_FILE_MAX_BYTES };
}

/**
 * What starting an import takes.
 *
 * @example
 * const input: StartImportInput = { uploadId, format: 'xlsx', dryRun: false, paperCopy: false, actor };
 */
export interface StartImportInput {
  readonly uploadId: string;
  readonly format: 'csv' | 'xlsx';
  readonly fileName?: string;
  readonly dryRun: boolean;
  readonly paperCopy?: boolean;
  readonly headers?: Readonly<Record<string, ImportColumn>>;
  readonly actor: Actor;
}

/**
 * Start a check (dry run) or a run of an uploaded file: the job is recorded with its plan message, which is published
 * at once. `IMPORT_UPLOAD_MISSING` (422) when nothing was uploaded under the id; `IMPORT_FILE_TOO_LARGE` (413) when the
 * stored file is larger than 50 MiB.
 *
 * @example
 * const job = await startImport(deps, { uploadId, format: 'csv', dryRun: true, actor });
 */
export async function startImport(deps: ImportJobDeps, input: StartImportInput): Promise<ImportJob> {
  const stored = await deps.files.head(importFileKey(input.uploadId, input.format));
  if (!stored) {
    throw new UnprocessableError('IMPORT_UPLOAD_MISSING', `no ${input.format} file was uploaded as ${input.uploadId}`);
  }
  if (stored.size > IMPORT_FILE_MAX_BYTES) {
    throw new PermitError('IMPORT_FILE_TOO_LARGE', `the uploaded file is ${stored.size} bytes; at most 50 MiB`);
  }
  const at = deps.clock.now();
  const source: ImportJobSource = {
    uploadId: input.uploadId,
    format: input.format,
    ...(input.fileName ? { fileName: input.fileName } : {}),
    ...(input.headers ? { headers: input.headers } : {}),
    paperCopy: input.paperCopy === true,
  };
  const job: ImportJob = {
    id: datedId('IMP', at),
    dryRun: input.dryRun,
    state: 'planning',
    source,
    requestedBy: input.actor,
    createdAt: at.toISOString(),
    counts: { rows: 0, invalidRows: 0, licences: 0, chunks: 0, chunksDone: 0, importedRows: 0, failedRows: 0 },
  };
  const message = planMessage(job.id, at);
  await deps.jobs.create(job, message);
  await notifyCommitted(deps, [message]);
  return job;
}

/**
 * A job and its progress. `IMPORT_NOT_FOUND` (404) for an unknown id.
 *
 * @example
 * const { job, progress } = await readImport(deps, id); // progress.done, progress.etaSeconds
 */
export async function readImport(
  deps: Pick<ImportJobDeps, 'jobs' | 'clock'>,
  id: string,
): Promise<{ readonly job: ImportJob; readonly progress: ImportProgress }> {
  const job = isImportId(id) ? await deps.jobs.get(id) : undefined;
  if (!job) throw new NotFoundError('IMPORT_NOT_FOUND', `no import ${id}`);
  return { job: { ...job, state: effectiveImportState(job) }, progress: importProgress(job, deps.clock.now()) };
}

/**
 * A job's report: every finding of the check and every licence that failed while importing (row, column, code,
 * message), as JSON data or as CSV text (UTF-8 with a BOM, for Excel). Available while the job runs (so far) and after.
 *
 * @example
 * const { problems } = await readImportReport(deps, id);
 * const csv = importReportCsv(problems);
 */
export async function readImportReport(
  deps: Pick<ImportJobDeps, 'jobs' | 'files' | 'clock'>,
  id: string,
): Promise<{ readonly job: ImportJob; readonly progress: ImportProgress; readonly problems: ImportProblem[] }> {
  const { job, progress } = await readImport(deps, id);
  const bytes = job.state === 'planning' ? undefined : await deps.files.get(checkedKey(job.id));
  const checked = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as ImportProblem[]) : [];
  const outcomes = job.dryRun ? [] : await deps.jobs.outcomes(job.id);
  return { job, progress, problems: importFindings(checked, outcomes) };
}

export { importReportCsv };

/**
 * Resume every job still planning or running: its plan message, or the messages of its chunks not yet recorded, are
 * published again (the worker skips what is already recorded). The local runtime runs this at every start; in the
 * cloud the outbox relay re-sends the same messages within minutes.
 *
 * @example
 * const resumed = await resumeImports(deps); // [{ id: 'IMP-…', messages: 12 }]
 */
export async function resumeImports(
  deps: Pick<ImportJobDeps, 'jobs' | 'clock' | 'publisher'>,
): Promise<{ readonly id: string; readonly messages: number }[]> {
  const at = deps.clock.now();
  const resumed: { id: string; messages: number }[] = [];
  for (const job of await deps.jobs.active()) {
    if (effectiveImportState(job) === 'done') {
      await deps.jobs.finish(job.id, at.toISOString());
      continue;
    }
    const messages =
      job.state === 'planning'
        ? [planMessage(job.id, at)]
        : (await deps.jobs.pendingChunks(job.id)).map((chunk) => chunkMessage(job.id, chunk, at));
    await notifyCommitted(deps, messages);
    resumed.push({ id: job.id, messages: messages.length });
  }
  return resumed;
}
