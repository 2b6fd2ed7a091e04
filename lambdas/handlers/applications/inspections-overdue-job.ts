/**
 * The scheduled job (EventBridge Scheduler in the cloud, a timer locally): marks post-issuance reviews past their due
 * date overdue and, when `SUSPEND_ON_OVERDUE_REVIEW=true`, suspends the licence. Idempotent: a second run marks
 * nothing. Does not read the event (schedulers deliver different payloads).
 */
import { inspectionDeps } from '../../composition/applications';
import { logger } from '../../shared/logger';
import { markOverdueInspections } from '../../use-cases/applications/inspections';

/** Read once at cold start. */
const SUSPEND_ON_OVERDUE = Object.freeze({ value: process.env.SUSPEND_ON_OVERDUE_REVIEW?.trim() === 'true' });

export const handler = async (): Promise<{ marked: number; suspended: number }> => {
  const result = await markOverdueInspections(inspectionDeps(), { suspendLicence: SUSPEND_ON_OVERDUE.value });
  logger.info('overdue reviews marked', { marked: result.marked, suspended: result.suspended.map(String) });
  return { marked: result.marked.length, suspended: result.suspended.length };
};
