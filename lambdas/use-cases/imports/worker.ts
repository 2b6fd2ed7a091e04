/**
 * The import worker's work (`import-worker` function, queue `imports`): a job's check, and its chunks.
 *
 * - **Check** (`{ jobId }`): the uploaded file is read and every row validated (`planImport`), then against the
 *   register — a licence number already in it, an enterprise holding a live licence here — and each licence's
 *   certificate is laid out as issuance will lay it out, so a dry run reports what the run would refuse. The findings
 *   are kept for the report; a run's licences are written in chunks, each with its message, and the job moves on.
 *   Licences this very job imported are not duplicates: a check redone after a crash plans the same chunks.
 * - **Chunk** (`{ jobId, chunk }`): each licence is issued through `issueCertificate` (a `migrate` change) under the
 *   key `import:{job}:{first row}`, so a redelivered chunk replays instead of doubling; one licence that fails is
 *   recorded as failed and the others go on. The outcomes, the job's counts and the message's completion are one write,
 *   made once.
 *
 * @example
 * const settled = await runImportMessages(deps, event.Records.map((r) => r.body));
 */
import { createHash } from 'node:crypto';
import { Certificate } from '../../domain/certificate';
import { type LocalDate, localDateOf } from '../../domain/dates';
import { PermitError } from '../../domain/errors';
import {
  IMPORT_CHUNK_SIZE,
  type ImportChunkItem,
  type ImportCounts,
  type ImportJob,
  type ImportOutcome,
} from '../../domain/import/import-job';
import { type ImportDraft, planImport } from '../../domain/import/import-plan';
import type { ImportProblem, RawImportRow } from '../../domain/import/import-row';
import { IMPORT_ROW_CODES, type ImportRowCode } from '../../domain/import/import-row-codes';
import { LicenceNumber } from '../../domain/licence-number';
import { MAX_PAPER_SEQUENCE, PaperSerial } from '../../domain/paper-serial';
import { parsePostalAddress } from '../../domain/postal-address';
import type { ImportFileReader } from '../../ports/import-file-reader';
import type { OutboxStore } from '../../ports/outbox-store';
import { logger } from '../../shared/logger';
import { type IssuanceDeps, issueCertificate } from '../issue-certificate';
import { notifyCommitted } from '../outbox/notify';
import { checkedKey, chunkMessage, type ImportJobDeps, importFileKey, planMessage } from './jobs';

export interface ImportWorkerDeps extends ImportJobDeps {
  readonly reader: ImportFileReader;
  /** Completes messages whose work was already recorded (a redelivery). */
  readonly outbox: Pick<OutboxStore, 'complete'>;
  /** Issuance, as every other issuer uses it: the register, the catalogue and the province come from here too. */
  readonly issuance: IssuanceDeps;
}

/** Register reads in flight at once during a check. */
const CHECK_PARALLEL = 16;

/**
 * Run a batch of `imports` messages (each a JSON body), one settled result per message (a rejected one stays on the
 * queue and comes back; the relay re-sends it too).
 *
 * @example
 * const settled = await runImportMessages(deps, ['{"jobId":"IMP-…"}', '{"jobId":"IMP-…","chunk":0}']);
 */
export function runImportMessages(
  deps: ImportWorkerDeps,
  bodies: readonly string[],
): Promise<PromiseSettledResult<void>[]> {
  return Promise.allSettled(
    bodies.map(async (body) => {
      const message = parseBody(body);
      if (!message) {
        logger.error('import message dropped: unreadable body', { body: body.slice(0, 200) });
        return;
      }
      try {
        if (message.chunk === undefined) await checkJob(deps, message.jobId);
        else await importChunk(deps, message.jobId, message.chunk);
      } catch (error) {
        logger.warn('import work failed; the message stays pending', { ...message, error });
        throw error;
      }
    }),
  );
}

function parseBody(body: string): { jobId: string; chunk?: number } | undefined {
  try {
    const parsed = JSON.parse(body) as { jobId?: unknown; chunk?: unknown };
    if (typeof parsed.jobId !== 'string') return undefined;
    if (parsed.chunk === undefined) return { jobId: parsed.jobId };
    return Number.isInteger(parsed.chunk) ? { jobId: parsed.jobId, chunk: parsed.chunk as number } : undefined;
  } catch {
    return undefined;
  }
}

/** The check of a job still planning (see the module doc); a job past it only has its message completed. */
async function checkJob(deps: ImportWorkerDeps, jobId: string): Promise<void> {
  const ref = planMessage(jobId, deps.clock.now());
  const job = await deps.jobs.get(jobId);
  if (job?.state !== 'planning') {
    await deps.outbox.complete([ref]);
    return;
  }
  const at = deps.clock.now();
  const read = await readRows(deps, job);
  if ('error' in read) {
    const counts = emptyCounts();
    await deps.jobs.endPlanning(jobId, { state: 'failed', at: at.toISOString(), counts, error: read.error }, ref);
    logger.info('import file refused', { jobId, code: read.error.code });
    return;
  }
  const { issuance } = deps;
  const today = localDateOf(at);
  const plan = planImport(read.rows, {
    catalogue: issuance.catalogue,
    province: issuance.settings.province,
    today,
    paperCopy: job.source.paperCopy,
  });
  const problems = [...plan.problems];
  const drafts: ImportDraft[] = [];
  const registered = await registerFindings(deps, job, plan.drafts, today);
  for (const draft of plan.drafts) {
    const finding = registered.get(draft.licenceNo.toString()) ?? layoutFinding(issuance, draft, at);
    if (finding)
      problems.push(
        ...draft.rows.map((row) => ({ row, column: finding.column, code: finding.code, message: finding.message })),
      );
    else drafts.push(draft);
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const bytes = new TextEncoder().encode(JSON.stringify(problems));
  await deps.files.keep(checkedKey(jobId), bytes, {
    contentType: 'application/json',
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });

  const chunks: ImportChunkItem[][] = [];
  for (let i = 0; i < drafts.length; i += IMPORT_CHUNK_SIZE) {
    chunks.push(drafts.slice(i, i + IMPORT_CHUNK_SIZE).map(chunkItemOf));
  }
  const counts: ImportCounts = {
    ...emptyCounts(),
    rows: plan.rows,
    invalidRows: new Set(problems.map((p) => p.row)).size,
    licences: drafts.length,
    chunks: job.dryRun ? 0 : chunks.length,
  };
  const planned = at.toISOString();
  if (job.dryRun) {
    await deps.jobs.endPlanning(jobId, { state: 'checked', at: planned, counts }, ref);
    logger.info('import checked', { jobId, rows: counts.rows, invalidRows: counts.invalidRows });
    return;
  }
  const messages = chunks.map((_, index) => chunkMessage(jobId, index, at));
  const state = chunks.length === 0 ? 'done' : 'running';
  if (await deps.jobs.endPlanning(jobId, { state, at: planned, counts, chunks, messages }, ref)) {
    logger.info('import started', { jobId, rows: counts.rows, licences: counts.licences, chunks: counts.chunks });
    await notifyCommitted(deps, messages);
  }
}

/** The rows of the job's file, or the file-level error that refuses it (too large, unreadable, a header missing…). */
async function readRows(
  deps: ImportWorkerDeps,
  job: ImportJob,
): Promise<{ rows: RawImportRow[] } | { error: { code: string; message: string } }> {
  const { format, uploadId, headers } = job.source;
  const bytes = await deps.files.get(importFileKey(uploadId, format));
  if (!bytes)
    return { error: { code: 'IMPORT_UPLOAD_MISSING', message: `no ${format} file was uploaded as ${uploadId}` } };
  const rows: RawImportRow[] = [];
  try {
    for await (const row of deps.reader.read({ format, bytes, ...(headers ? { headers } : {}) })) rows.push(row);
  } catch (error) {
    if (error instanceof PermitError) return { error: { code: error.code, message: error.message } };
    throw error;
  }
  return { rows };
}

interface Finding {
  readonly column: ImportProblem['column'];
  readonly code: ImportRowCode;
  readonly message: string;
}

const finding = (column: ImportProblem['column'], code: ImportRowCode, detail: string): Finding => ({
  column,
  code,
  message: `${detail} (${IMPORT_ROW_CODES[code].zh})`,
});

/**
 * Licences the register refuses, by printed number: the number is there (and not from this job), or the enterprise
 * holds another licence that is live today.
 */
async function registerFindings(
  deps: ImportWorkerDeps,
  job: ImportJob,
  drafts: readonly ImportDraft[],
  today: LocalDate,
): Promise<Map<string, Finding>> {
  const { repository } = deps.issuance;
  const found = new Map<string, Finding>();
  // Heads, read together: the register's own record says whose import a licence came from and whether one is live.
  const present = await repository.headsOf(drafts.map((d) => d.licenceNo));
  const guards = await inBatches(
    drafts,
    async (draft) => [draft, await repository.guardOf(draft.enterprise.uscc)] as const,
  );
  const held = await repository.headsOf(
    guards.flatMap(([draft, guard]) => (guard && !guard.equals(draft.licenceNo) ? [guard] : [])),
  );
  for (const [draft, guard] of guards) {
    const number = draft.licenceNo.toString();
    const head = present.get(number);
    if (head) {
      if (head.certificate.lastChange.reference !== `import:${job.id}`) {
        found.set(number, finding('licenceNo', 'ROW_ALREADY_REGISTERED', `${number} is already in the register`));
      }
      continue;
    }
    const other = guard ? held.get(guard.toString()) : undefined;
    if (other && Certificate.rehydrate(other.certificate).isLive(today)) {
      const detail = `${draft.enterprise.uscc} already holds ${guard} (${other.certificate.status})`;
      found.set(number, finding('uscc', 'ROW_ENTERPRISE_REGISTERED', detail));
    }
  }
  return found;
}

/** `run` over the items, {@link CHECK_PARALLEL} at a time, results in order. */
async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += CHECK_PARALLEL) {
    results.push(...(await Promise.all(items.slice(i, i + CHECK_PARALLEL).map(run))));
  }
  return results;
}

/**
 * The draft's certificate as issuance will build and lay it out (placeholder serials): what the entity or the layout
 * refuses — a name that does not fit the page, say — is found now, not halfway through the run.
 */
function layoutFinding(issuance: IssuanceDeps, draft: ImportDraft, at: Date): Finding | undefined {
  try {
    const certificate = Certificate.migrate({
      licenceNumber: draft.licenceNo,
      paperSerial: PaperSerial.of(Number(localDateOf(at).slice(0, 4)), MAX_PAPER_SEQUENCE),
      enterprise: draft.enterprise,
      products: draft.products,
      catalogue: issuance.catalogue,
      issuingAuthority: issuance.settings.issuingAuthority,
      issueDate: draft.issueDate,
      validUntil: draft.validUntil,
      status: draft.status,
      ...(draft.statusDate ? { statusDate: draft.statusDate } : {}),
      actor: { type: 'system', id: 'import-check' },
      at,
    });
    issuance.renderer.check(certificate.printable());
    return undefined;
  } catch (error) {
    if (!(error instanceof PermitError)) throw error;
    return finding(null, 'ROW_IMPORT_FAILED', `${error.code}: ${error.message}`);
  }
}

function chunkItemOf(draft: ImportDraft): ImportChunkItem {
  return {
    rows: draft.rows,
    licenceNo: draft.licenceNo.toString(),
    enterprise: draft.enterprise,
    products: draft.products,
    issueDate: draft.issueDate,
    validUntil: draft.validUntil,
    status: draft.status,
    ...(draft.statusDate ? { statusDate: draft.statusDate } : {}),
    ...(draft.paperCopy ? { paperCopy: draft.paperCopy } : {}),
  } as ImportChunkItem;
}

function emptyCounts(): ImportCounts {
  return { rows: 0, invalidRows: 0, licences: 0, chunks: 0, chunksDone: 0, importedRows: 0, failedRows: 0 };
}

/** One chunk (see the module doc); a chunk already recorded only has its message completed. */
async function importChunk(deps: ImportWorkerDeps, jobId: string, index: number): Promise<void> {
  const ref = chunkMessage(jobId, index, deps.clock.now());
  if (await deps.jobs.isChunkDone(jobId, index)) {
    await deps.outbox.complete([ref]);
    return;
  }
  const [job, items] = await Promise.all([deps.jobs.get(jobId), deps.jobs.chunk(jobId, index)]);
  if (!job || !items) {
    logger.error('import chunk dropped: no such job or chunk', { jobId, chunk: index });
    await deps.outbox.complete([ref]);
    return;
  }
  const outcomes: ImportOutcome[] = [];
  for (const item of items) outcomes.push(await importOne(deps.issuance, job, item));
  if (await deps.jobs.completeChunk(jobId, index, outcomes, ref)) {
    const failed = outcomes.filter((o) => o.result === 'failed').length;
    if (failed > 0) logger.info('import chunk recorded with failures', { jobId, chunk: index, failed });
  }
  await deps.jobs.finish(jobId, deps.clock.now().toISOString());
}

/** Row codes for what issuance refuses; anything else is `ROW_IMPORT_FAILED` naming the error. */
const REFUSALS: Readonly<Record<string, ImportRowCode>> = {
  LICENCE_ALREADY_REGISTERED: 'ROW_ALREADY_REGISTERED',
  ENTERPRISE_HOLDS_LICENCE: 'ROW_ENTERPRISE_REGISTERED',
};

async function importOne(issuance: IssuanceDeps, job: ImportJob, item: ImportChunkItem): Promise<ImportOutcome> {
  const rows = item.rows;
  try {
    const licenceNo = LicenceNumber.parse(item.licenceNo);
    await issueCertificate(issuance, {
      change: {
        kind: 'migrate',
        licence: {
          licenceNo,
          enterprise: item.enterprise,
          products: item.products,
          issueDate: item.issueDate as LocalDate,
          validUntil: item.validUntil as LocalDate,
          status: item.status,
          ...(item.statusDate ? { statusDate: item.statusDate as LocalDate } : {}),
        },
      },
      actor: job.requestedBy,
      idempotencyKey: `import:${job.id}:${rows[0]}`,
      source: `import:${job.id}`,
      ...(item.paperCopy ? { paperCopy: { address: parsePostalAddress(item.paperCopy, 'paperCopy') } } : {}),
    });
    return { rows, licenceNo: item.licenceNo, result: 'imported' };
  } catch (error) {
    if (!(error instanceof PermitError)) throw error;
    const code = REFUSALS[error.code] ?? 'ROW_IMPORT_FAILED';
    const { message } = finding(null, code, `${error.code}: ${error.message}`);
    return { rows, licenceNo: item.licenceNo, result: 'failed', code, message };
  }
}
