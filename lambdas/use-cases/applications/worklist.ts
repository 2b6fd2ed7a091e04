/**
 * The staff worklist (待办申请): received applications by deadline (default) or by date received, narrowed by state,
 * procedure or an overdue deadline — one indexed Query a page (`ApplicationRepository.worklist`: a partition for
 * every order and filter combination, nothing filtered or sorted after reading) — each with the working days left
 * before its deadline on today's date (the stored working-day calendar, as the enterprise's page counts them).
 * `GET /v1/applications?sort=…` and the workbench's worklist page both list through {@link listApplications}.
 *
 * And the worklist's backfill ({@link backfillWorklist}): applications stored before the worklist existed get their
 * entries — idempotent (an entry of the same or a later revision is left alone) and, once run to its end, marked
 * done, so a later start costs one read.
 *
 * @example
 * const page = await worklist(deps, { sort: 'deadline', procedure: 'post-issuance-review', limit: 50 });
 * page.items[0]; // { application, workingDaysLeft: { count: 3, provisional: false, overdue: false } }
 */
import type { ApplicationSnapshot, ApplicationState, WorklistSort } from '../../domain/application';
import { localDateOf } from '../../domain/dates';
import type { Procedure } from '../../domain/procedure';
import type { Page } from '../../ports/page';
import { type WorkingDaysLeft, workingCalendar, workingDaysLeft } from './calendar';
import type { ApplicationDeps } from './deps';
import { listApplications } from './read-applications';

/** Rows a worklist page shows. */
export const WORKLIST_PAGE_SIZE = 50;

/** One row: the application, and the working days left before its running deadline (none without one). */
export interface WorklistRow {
  readonly application: ApplicationSnapshot;
  readonly workingDaysLeft?: WorkingDaysLeft;
}

/** The worklist's filters and order; `overdue` lists by deadline whatever `sort` says (it is a deadline range). */
export interface WorklistInput {
  readonly sort?: WorklistSort;
  readonly state?: ApplicationState;
  readonly procedure?: Procedure;
  readonly overdue?: boolean;
  readonly cursor?: string;
  readonly limit?: number;
}

/**
 * One page of the worklist with working days left.
 *
 * @example
 * await worklist(deps, { overdue: true }); // open applications past their deadline, most overdue first
 */
export async function worklist(deps: ApplicationDeps, input: WorklistInput): Promise<Page<WorklistRow>> {
  const [page, calendar] = await Promise.all([
    listApplications(deps, { ...input, sort: input.sort ?? 'deadline', limit: input.limit ?? WORKLIST_PAGE_SIZE }),
    workingCalendar(deps),
  ]);
  const today = localDateOf(deps.clock.now());
  return {
    items: page.items.map((application) => {
      const left = workingDaysLeft(calendar, application, today);
      return { application, ...(left ? { workingDaysLeft: left } : {}) };
    }),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/**
 * Give every application stored before the worklist its entries; returns how many were written (0 once done).
 *
 * @example
 * await backfillWorklist(deps); // 1024 the first time, 0 after
 */
export async function backfillWorklist(deps: Pick<ApplicationDeps, 'applications' | 'clock'>): Promise<number> {
  if (await deps.applications.worklistBackfilled()) return 0;
  let written = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.applications.list({}, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const listed of page.items) {
      if (listed.state === 'draft') continue;
      // The list item may be older than the head by now: index the head as it is.
      const current = await deps.applications.get(listed.id);
      if (current && (await deps.applications.indexForWorklist(current))) written++;
    }
    cursor = page.cursor;
  } while (cursor);
  await deps.applications.markWorklistBackfilled(deps.clock.now().toISOString());
  return written;
}
