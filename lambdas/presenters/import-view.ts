/**
 * An import job as the API shows it (`ImportView` in `lambdas/contracts/imports.ts`): its state, file, counts and
 * progress, and the links to follow.
 *
 * @example
 * json(200, importView(job, progress));
 */
import type { ImportJob, ImportProgress } from '../domain/import/import-job';

/**
 * The view of a job.
 *
 * @example
 * importView(job, progress).links.report; // '/v1/imports/IMP-…/report'
 */
export function importView(job: ImportJob, progress: ImportProgress) {
  const self = `/v1/imports/${job.id}`;
  return {
    id: job.id,
    dryRun: job.dryRun,
    state: job.state,
    file: {
      format: job.source.format,
      ...(job.source.fileName ? { fileName: job.source.fileName } : {}),
      paperCopy: job.source.paperCopy,
    },
    requestedBy: job.requestedBy.id,
    createdAt: job.createdAt,
    ...(job.plannedAt ? { plannedAt: job.plannedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    licences: job.counts.licences,
    progress,
    ...(job.error ? { error: job.error } : {}),
    links: { self, report: `${self}/report`, reportCsv: `${self}/report.csv` },
  };
}
