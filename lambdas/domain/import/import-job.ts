/**
 * An import job (`docs/import.md`): one uploaded file, checked (a dry run) or imported (a run). Its record counts the
 * work; the work itself is in chunks of {@link IMPORT_CHUNK_SIZE} licences, each imported by a worker and recorded once,
 * with its outcome per licence, when it is done — so the counts never double, whatever a crash or a queue re-delivers.
 *
 * States: `planning` (the file is being read and checked) → `checked` (a dry run: the report is ready, nothing was
 * written) or `running` (the chunks are queued) → `done`; `failed` when the file itself cannot be imported (its code
 * says why: too large, unreadable, a missing header…).
 */
import type { Actor } from '../certificate-status';
import type { ImportColumn, ImportProblem } from './import-row';

/**
 * Licences per chunk: a chunk is one queue message and one worker's sequential work (about 2.5 s at 10 issuances a
 * second), small enough that a redelivered chunk repeats little, large enough that 100,000 rows are 4,000 messages.
 *
 * @example
 * Math.ceil(drafts / IMPORT_CHUNK_SIZE); // chunks
 */
export const IMPORT_CHUNK_SIZE = 25;

/** The states of an import job (see the module doc). */
export const IMPORT_STATES = ['planning', 'checked', 'running', 'done', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/**
 * An import job's id (or an upload's, with `UPL`): `IMP-{yyyymmdd}-{10 characters}`, as `datedId` makes them.
 *
 * @example
 * IMPORT_ID.test('IMP-20261206-K3M9Q2ZT7A'); // true
 */
export const IMPORT_ID = /^IMP-\d{8}-[A-HJ-NP-Z2-9]{10}$/;
const UPLOAD_ID = /^UPL-\d{8}-[A-HJ-NP-Z2-9]{10}$/;

/**
 * Whether a text is an upload id (`UPL-{yyyymmdd}-{10 characters}`).
 *
 * @example
 * isUploadId('UPL-20261206-K3M9Q2ZT7A'); // true
 */
export const isUploadId = (text: string): boolean => UPLOAD_ID.test(text);

/**
 * Whether a text is an import id.
 *
 * @example
 * if (!isImportId(params.importId)) throw new NotFoundError('IMPORT_NOT_FOUND', '…');
 */
export const isImportId = (text: string): boolean => IMPORT_ID.test(text);

/**
 * What the job imports and how: the uploaded file, its format, a header mapping, and whether every licence gets a
 * paper copy (`--paper`).
 *
 * @example
 * const source: ImportJobSource = { uploadId: 'UPL-…', format: 'xlsx', paperCopy: false };
 */
export interface ImportJobSource {
  readonly uploadId: string;
  readonly format: 'csv' | 'xlsx';
  readonly fileName?: string;
  readonly headers?: Readonly<Record<string, ImportColumn>>;
  readonly paperCopy: boolean;
}

/**
 * The counts of a job: rows of the file; licences (drafts) and chunks planned; chunks, rows imported and rows failed
 * so far. `invalidRows` failed the check (they are in the report and never imported); `failedRows` failed while
 * importing (a licence already registered meanwhile, say).
 *
 * @example
 * const pending = c.rows - c.invalidRows - c.importedRows - c.failedRows;
 */
export interface ImportCounts {
  readonly rows: number;
  readonly invalidRows: number;
  readonly licences: number;
  readonly chunks: number;
  readonly chunksDone: number;
  readonly importedRows: number;
  readonly failedRows: number;
}

/**
 * The job record.
 *
 * @example
 * job.state; // 'running'
 */
export interface ImportJob {
  readonly id: string;
  readonly dryRun: boolean;
  readonly state: ImportState;
  readonly source: ImportJobSource;
  readonly requestedBy: Actor;
  readonly createdAt: string;
  /** When the check finished (and, for a run, the import began). */
  readonly plannedAt?: string;
  readonly finishedAt?: string;
  readonly counts: ImportCounts;
  /** Why a `failed` job failed: the file-level error's code and message. */
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * One licence of a chunk, as the worker imports it. Plain data (it is stored as JSON): the licence number printed,
 * dates as `YYYY-MM-DD`.
 *
 * @example
 * const item: ImportChunkItem = { rows: [2, 3], licenceNo: '(鄂)XK06-001-00417', … };
 */
export interface ImportChunkItem {
  readonly rows: readonly number[];
  readonly licenceNo: string;
  readonly enterprise: {
    readonly name: string;
    readonly uscc: string;
    readonly domicile: string;
    readonly productionAddresses: readonly string[];
  };
  readonly products: readonly string[];
  readonly issueDate: string;
  readonly validUntil: string;
  readonly status: 'valid' | 'suspended' | 'revoked' | 'cancelled';
  readonly statusDate?: string;
  readonly paperCopy?: {
    readonly recipient: string;
    readonly phone: string;
    readonly address: { readonly line: string } | Readonly<Record<string, string>>;
    readonly postcode: string;
  };
}

/**
 * What importing one licence of a chunk came to.
 *
 * @example
 * const outcome: ImportOutcome = { rows: [2], licenceNo: '(鄂)XK06-001-00417', result: 'imported' };
 */
export type ImportOutcome =
  | { readonly rows: readonly number[]; readonly licenceNo: string; readonly result: 'imported' }
  | {
      readonly rows: readonly number[];
      readonly licenceNo: string;
      readonly result: 'failed';
      readonly code: string;
      readonly message: string;
    };

/**
 * Progress as `GET /v1/imports/{id}` shows it: rows done (imported), failed (invalid in the check or failed while
 * importing) and pending, of the total; the rate since the run began (rows a second) and the time left at that rate.
 *
 * @example
 * importProgress(job, clock.now()); // { total: 10000, done: 2500, failed: 12, pending: 7488, rowsPerSecond: 41.7, … }
 */
export interface ImportProgress {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly pending: number;
  readonly rowsPerSecond: number | null;
  readonly etaSeconds: number | null;
  /** Whether the job's work is finished (checked, done or failed). */
  readonly finished: boolean;
}

/**
 * The job's state as it stands: a running job whose every chunk is done is `done`, even before its record says so
 * (the record is moved once the last chunk is recorded; a crash in between changes nothing a reader sees).
 *
 * @example
 * effectiveImportState(job); // 'done'
 */
export function effectiveImportState(job: ImportJob): ImportState {
  return job.state === 'running' && job.counts.chunksDone >= job.counts.chunks ? 'done' : job.state;
}

/**
 * The job's progress at `now`.
 *
 * @example
 * importProgress(job, clock.now()).etaSeconds; // 180
 */
export function importProgress(job: ImportJob, now: Date): ImportProgress {
  const c = job.counts;
  const state = effectiveImportState(job);
  const failed = c.invalidRows + c.failedRows;
  const finished = state === 'checked' || state === 'done' || state === 'failed';
  const pending = finished ? 0 : Math.max(0, c.rows - c.importedRows - failed);
  const started = job.plannedAt ? Date.parse(job.plannedAt) : undefined;
  const until = job.finishedAt ? Date.parse(job.finishedAt) : now.getTime();
  const seconds = started === undefined ? 0 : (until - started) / 1000;
  const rate =
    !job.dryRun && seconds > 0 && c.importedRows + c.failedRows > 0 ? (c.importedRows + c.failedRows) / seconds : null;
  return {
    total: c.rows,
    done: c.importedRows,
    failed,
    pending,
    rowsPerSecond: rate === null ? null : Math.round(rate * 10) / 10,
    etaSeconds: finished ? 0 : rate === null ? null : Math.ceil(pending / rate),
    finished,
  };
}

/**
 * The findings of a finished import, for its report: the check's, then one per row of each licence that failed while
 * importing, in row order.
 *
 * @example
 * importFindings(planProblems, outcomes); // [{ row: 7, column: 'uscc', code: 'ROW_USCC_INVALID', … }, …]
 */
export function importFindings(checked: readonly ImportProblem[], outcomes: readonly ImportOutcome[]): ImportProblem[] {
  const failures = outcomes.flatMap((o) =>
    o.result === 'failed' ? o.rows.map((row) => ({ row, column: null, code: o.code, message: o.message })) : [],
  );
  return [...checked, ...failures].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
