/**
 * The scheduled orphan-PDF sweep (hourly; EventBridge Scheduler in the cloud, a timer locally): deletes certificate
 * PDFs older than an hour whose digest no committed issuance or reprint registered — what a crash between the upload
 * and the commit leaves behind (`lambdas/use-cases/sweep-orphan-pdfs.ts`). Logs each deletion and a summary; stops
 * 30 s before its timeout and lets the next run finish. Does not read the event.
 */
import type { Context } from 'aws-lambda';
import { sweepDeps } from '../composition/sweep';
import { logger } from '../shared/logger';
import { sweepOrphanPdfs } from '../use-cases/sweep-orphan-pdfs';

/** Time left when a run stops paging (the next run starts the listing over; what this one deleted is gone). */
const STOP_MARGIN_MS = 30_000;

export const handler = async (
  _event: unknown,
  context: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<{ listed: number; deleted: number; tooYoung: number; unrecognised: number; complete: boolean }> => {
  const result = await sweepOrphanPdfs(sweepDeps(), {
    shouldStop: () => context.getRemainingTimeInMillis() < STOP_MARGIN_MS,
  });
  const summary = { ...result, deleted: result.deleted.length };
  logger.info('orphan PDF sweep', summary);
  return summary;
};
