/**
 * measureOperations — the gauges of the operational view (issue 21, `docs/metrics.md`), read every 5 minutes by the
 * `ops-gauges` function and recorded as metrics: overdue inspections, overdue spot-check publications, the oldest
 * paper copy not yet handed to the carrier, the transparency log's integration lag and each dead-letter queue's depth.
 *
 * Every reading goes through an existing index, no table scan:
 * - `OverdueReviews`: inspections by state (gsi, by due date) — those marked `overdue`, plus `scheduled` and
 *   `rectifying` ones due before yesterday that are already past due but not yet marked (the marking job runs hourly).
 *   Reviews and spot checks alike. Reads every overdue inspection: cheap while there are few, as there should be.
 * - `OverduePublications`: spot checks whose result awaits publication, due before today (the publications index).
 * - `OldestUndispatchedSeconds`: `pending` dispatches (no waybill yet) by month of request (gsi3 state × month), from
 *   {@link UNDISPATCHED_LOOKBACK_MONTHS} months ago to this one; the first month with any gives the oldest. A dispatch
 *   pending for longer than that is not seen (0 is reported when none is found).
 * - `LogIntegrationLagSeconds`: the oldest pending log entry (the log store's own ordered query, one item).
 * - `DeadLetterDepth`: `ApproximateNumberOfMessages` of each DLQ, one metric per queue.
 *
 * @example
 * const readings = await measureOperations(deps); // { overdueReviews: 0, …, deadLetters: [{ queue: 'dispatch', depth: 0 }] }
 */
import { addMonths, localDateOf } from '../domain/dates';
import { Inspection } from '../domain/inspection';
import type { Clock } from '../ports/clock';
import type { DeadLetterDepth, DeadLetterDepths } from '../ports/dead-letter-depths';
import type { DispatchRepository } from '../ports/dispatch-repository';
import type { InspectionRepository } from '../ports/inspection-repository';
import type { LogStore } from '../ports/log-store';
import type { Metrics } from '../ports/metrics';
import type { Page, PageRequest } from '../ports/page';

export interface MeasureOperationsDeps {
  readonly inspections: Pick<InspectionRepository, 'list' | 'listPublications'>;
  readonly dispatches: Pick<DispatchRepository, 'listByStateAndMonth'>;
  readonly log: Pick<LogStore, 'pending'>;
  readonly deadLetters: DeadLetterDepths;
  readonly clock: Clock;
  readonly metrics: Metrics;
}

/** What was measured (also recorded as metrics). */
export interface OperationsReadings {
  readonly overdueReviews: number;
  readonly overduePublications: number;
  readonly oldestUndispatchedSeconds: number;
  readonly logIntegrationLagSeconds: number;
  readonly deadLetters: readonly DeadLetterDepth[];
}

/** How far back the oldest undispatched paper copy is looked for, in months of request (this one included). */
export const UNDISPATCHED_LOOKBACK_MONTHS = 13;

const PAGE = 100;
const DAY_MS = 86_400_000;

/** Measure every gauge and record it. */
export async function measureOperations(deps: MeasureOperationsDeps): Promise<OperationsReadings> {
  const now = deps.clock.now();
  const [overdueReviews, overduePublications, oldestUndispatchedSeconds, logIntegrationLagSeconds, deadLetters] =
    await Promise.all([
      countOverdueInspections(deps, now),
      countAll((page) => deps.inspections.listPublications({ dueBefore: localDateOf(now) }, page)),
      oldestUndispatched(deps, now),
      logLag(deps, now),
      deps.deadLetters.depths(),
    ]);
  const m = deps.metrics;
  m.gauge('OverdueReviews', overdueReviews, 'Count');
  m.gauge('OverduePublications', overduePublications, 'Count');
  m.gauge('OldestUndispatchedSeconds', oldestUndispatchedSeconds, 'Seconds');
  m.gauge('LogIntegrationLagSeconds', logIntegrationLagSeconds, 'Seconds');
  for (const { queue, depth } of deadLetters)
    m.gauge('DeadLetterDepth', depth, 'Count', { name: 'queue', value: queue });
  return { overdueReviews, overduePublications, oldestUndispatchedSeconds, logIntegrationLagSeconds, deadLetters };
}

async function countAll<T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  keep: (item: T) => boolean = () => true,
): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await read({ limit: PAGE, ...(cursor ? { cursor } : {}) });
    count += page.items.filter(keep).length;
    cursor = page.cursor;
  } while (cursor);
  return count;
}

/** Marked overdue, plus past due and not yet marked (as the marking job decides it). */
async function countOverdueInspections(deps: MeasureOperationsDeps, now: Date): Promise<number> {
  const today = localDateOf(now);
  const yesterday = localDateOf(new Date(now.getTime() - DAY_MS));
  const [marked, scheduled, rectifying] = await Promise.all([
    countAll((page) => deps.inspections.list({ state: 'overdue' }, page)),
    ...(['scheduled', 'rectifying'] as const).map((state) =>
      countAll(
        (page) => deps.inspections.list({ state, before: yesterday }, page),
        (snapshot) => Inspection.rehydrate(snapshot).isPastDue(today),
      ),
    ),
  ]);
  return (marked ?? 0) + (scheduled ?? 0) + (rectifying ?? 0);
}

const secondsSince = (now: Date, at: string): number =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / 1000));

async function oldestUndispatched(deps: MeasureOperationsDeps, now: Date): Promise<number> {
  const thisMonth = localDateOf(now);
  for (let back = UNDISPATCHED_LOOKBACK_MONTHS - 1; back >= 0; back--) {
    const month = addMonths(thisMonth, -back).slice(0, 7);
    let oldest: string | undefined;
    let cursor: string | undefined;
    do {
      const page = await deps.dispatches.listByStateAndMonth('pending', month, {
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      for (const d of page.items) if (oldest === undefined || d.requestedAt < oldest) oldest = d.requestedAt;
      cursor = page.cursor;
    } while (cursor);
    if (oldest !== undefined) return secondsSince(now, oldest);
  }
  return 0;
}

async function logLag(deps: MeasureOperationsDeps, now: Date): Promise<number> {
  const [oldest] = await deps.log.pending(1);
  return oldest ? secondsSince(now, oldest.at) : 0;
}
