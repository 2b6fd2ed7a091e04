/**
 * The working-day calendar in use: the `chinese-days` library, with every year an admin loaded replacing the
 * library's data for that year (no deployment). Deadlines are **stored** on open applications (so overdue lists are
 * one indexed Query) and **recomputed** when a schedule is loaded: every open application with a deadline gets it
 * recomputed from its acceptance date.
 *
 * @example
 * const calendar = await workingCalendar(deps);
 * deadlineFrom(calendar, '2026-09-28'); // { workingDays: 9, dueOn: '2026-10-15', provisional: false, … }
 */
import {
  Application,
  type ApplicationDeadline,
  type ApplicationSnapshot,
  FINAL_APPLICATION_STATES,
} from '../../domain/application';
import { addDays, compareDates, type LocalDate, parseLocalDate } from '../../domain/dates';
import { Inspection, type InspectionSnapshot } from '../../domain/inspection';
import { WorkingCalendar, type YearSchedule } from '../../domain/working-days';
import type { CalendarRepository, StoredSchedule } from '../../ports/calendar-repository';
import type { ApplicationDeps } from './deps';

/** Post-issuance review: issue within this many working days of acceptance. */
export const ISSUE_WITHIN_WORKING_DAYS = 9;

/**
 * The library calendar with the stored schedules applied.
 *
 * @example
 * const calendar = await workingCalendar({ calendars });
 */
export async function workingCalendar(deps: { calendars: CalendarRepository }): Promise<WorkingCalendar> {
  const stored = await deps.calendars.list();
  return stored.reduce((calendar, s) => calendar.withSchedule(s.year, s.schedule), WorkingCalendar.fromLibrary());
}

/**
 * The issuance deadline of an application accepted on `acceptedOn`.
 *
 * @example
 * deadlineFrom(calendar, '2026-12-28').provisional; // true until 2027 is loaded
 */
export function deadlineFrom(calendar: WorkingCalendar, acceptedOn: string): ApplicationDeadline {
  const result = calendar.addWorkingDays(acceptedOn as LocalDate, ISSUE_WITHIN_WORKING_DAYS);
  return {
    workingDays: ISSUE_WITHIN_WORKING_DAYS,
    dueOn: result.date,
    provisional: result.provisional,
    unannouncedYears: [...result.unannouncedYears],
  };
}

/** Working days from today to an open application's deadline (0 on or after it), and whether it has passed. */
export interface WorkingDaysLeft {
  readonly count: number;
  readonly provisional: boolean;
  readonly overdue: boolean;
}

/**
 * The working days left before an application's deadline on `today`, on this calendar; undefined when it has no
 * running deadline (none yet, or finished). The enterprise's page and the staff worklist both count with this.
 *
 * @example
 * workingDaysLeft(calendar, application, '2026-10-09' as LocalDate); // { count: 4, provisional: false, overdue: false }
 */
export function workingDaysLeft(
  calendar: WorkingCalendar,
  application: Pick<ApplicationSnapshot, 'deadline' | 'state'>,
  today: LocalDate,
): WorkingDaysLeft | undefined {
  if (!application.deadline || FINAL_APPLICATION_STATES.includes(application.state)) return undefined;
  const due = parseLocalDate(application.deadline.dueOn);
  return { ...calendar.workingDaysBetween(today, due), overdue: compareDates(today, due) > 0 };
}

/**
 * An admin loads a year's official schedule; deadlines of open applications and the due dates of pending spot-check
 * publications are recomputed. Throws
 * `WORKING_SCHEDULE_INVALID` (400) for a bad schedule.
 *
 * @example
 * await loadYearSchedule(deps, { year: 2027, schedule, actor: { id: 'admin-1', role: 'admin' } });
 */
export async function loadYearSchedule(
  deps: ApplicationDeps,
  input: { year: number; schedule: YearSchedule; actor: { id: string; role: string } },
): Promise<{ stored: StoredSchedule; recomputed: number; recomputedPublications: number }> {
  WorkingCalendar.fromLibrary().withSchedule(input.year, input.schedule); // validates, throws 400
  const stored: StoredSchedule = {
    year: input.year,
    schedule: { holidays: [...input.schedule.holidays].sort(), workdays: [...input.schedule.workdays].sort() },
    loadedBy: input.actor.id,
    loadedAt: deps.clock.now().toISOString(),
  };
  await deps.calendars.put(stored);
  return {
    stored,
    recomputed: await recomputeDeadlines(deps),
    recomputedPublications: await recomputePublicationDues(deps),
  };
}

/**
 * Recompute the due date of every pending spot-check publication (一公开: 20 working days after the check) on the
 * calendar now in use; returns how many moved. The pending list is read whole before anything is written, since a
 * moved date moves the item within the very index being read.
 *
 * @example
 * await recomputePublicationDues(deps); // 1
 */
export async function recomputePublicationDues(
  deps: Pick<ApplicationDeps, 'inspections' | 'calendars'>,
): Promise<number> {
  const calendar = await workingCalendar(deps);
  const pending: InspectionSnapshot[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.inspections.listPublications({}, { limit: 100, ...(cursor ? { cursor } : {}) });
    pending.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  let moved = 0;
  for (const snapshot of pending) {
    const next = Inspection.rehydrate(snapshot).withPublicationDueOn(calendar);
    if (next.revision === snapshot.revision) continue;
    await deps.inspections.save(next.toSnapshot(), snapshot.revision);
    moved++;
  }
  return moved;
}

/** One open application whose stored deadline differs from what a calendar gives. */
export interface DeadlineMove {
  readonly applicationId: string;
  readonly enterpriseName: string;
  readonly acceptedOn: string;
  readonly from: ApplicationDeadline;
  readonly to: ApplicationDeadline;
}

/**
 * Every open application whose stored deadline `calendar` would move, page by page (one Query a page). Both the
 * recomputation after a load and the preview before it walk the same list with the same rule.
 *
 * @example
 * for await (const move of deadlineMoves(deps, calendar)) console.log(move.from.dueOn, '→', move.to.dueOn);
 */
export async function* deadlineMoves(
  deps: Pick<ApplicationDeps, 'applications'>,
  calendar: WorkingCalendar,
): AsyncGenerator<DeadlineMove & { readonly snapshot: ApplicationSnapshot }> {
  let cursor: string | undefined;
  do {
    const page = await deps.applications.listOpenDeadlines({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const snapshot of page.items) {
      if (!snapshot.acceptedOn || !snapshot.deadline) continue;
      const next = deadlineFrom(calendar, snapshot.acceptedOn);
      if (next.dueOn === snapshot.deadline.dueOn && next.provisional === snapshot.deadline.provisional) continue;
      yield {
        applicationId: snapshot.id,
        enterpriseName: snapshot.enterpriseName,
        acceptedOn: snapshot.acceptedOn,
        from: snapshot.deadline,
        to: next,
        snapshot,
      };
    }
    cursor = page.cursor;
  } while (cursor);
}

/**
 * Recompute the stored deadline of every open application; returns how many changed.
 *
 * @example
 * await recomputeDeadlines(deps); // 3
 */
export async function recomputeDeadlines(deps: Pick<ApplicationDeps, 'applications' | 'calendars'>): Promise<number> {
  const calendar = await workingCalendar(deps);
  let changed = 0;
  for await (const move of deadlineMoves(deps, calendar)) {
    const current = await deps.applications.get(move.snapshot.id);
    if (!current?.deadline) continue;
    await deps.applications.save(Application.rehydrate(current).withDeadline(move.to).toSnapshot(), current.revision);
    changed++;
  }
  return changed;
}

/** A day whose status a schedule would change: a working day before, a day off after (or the reverse). */
export interface DayChange {
  readonly date: string;
  readonly workingBefore: boolean;
  readonly workingAfter: boolean;
}

/**
 * What loading `schedule` for `year` would change, computed without writing: the days whose status changes (against
 * the calendar in use: the library's data or the schedule loaded before) and the open applications whose deadlines
 * move from → to. Throws `WORKING_SCHEDULE_INVALID` (400) for a bad schedule, as the load does.
 *
 * @example
 * const { days, moves } = await previewYearSchedule(deps, { year: 2027, schedule });
 */
export async function previewYearSchedule(
  deps: Pick<ApplicationDeps, 'applications' | 'calendars'>,
  input: { year: number; schedule: YearSchedule },
): Promise<{ days: DayChange[]; moves: DeadlineMove[]; replaces?: StoredSchedule }> {
  WorkingCalendar.fromLibrary().withSchedule(input.year, input.schedule); // validates, throws 400
  const stored = await deps.calendars.list();
  const before = stored.reduce((c, s) => c.withSchedule(s.year, s.schedule), WorkingCalendar.fromLibrary());
  const after = before.withSchedule(input.year, input.schedule);
  const days: DayChange[] = [];
  for (let d = `${input.year}-01-01` as LocalDate; d.startsWith(String(input.year)); d = addDays(d, 1)) {
    const workingBefore = before.isWorkingDay(d);
    const workingAfter = after.isWorkingDay(d);
    if (workingBefore !== workingAfter) days.push({ date: d, workingBefore, workingAfter });
  }
  const moves: DeadlineMove[] = [];
  for await (const { snapshot: _s, ...move } of deadlineMoves(deps, after)) moves.push(move);
  const replaces = stored.find((s) => s.year === input.year);
  return { days, moves, ...(replaces ? { replaces } : {}) };
}

/**
 * Where each year's working days come from, for the years around `today` and every loaded year: a loaded schedule
 * (who, when), the library's data, or nothing announced (plain weeks; deadlines provisional).
 *
 * @example
 * await calendarYears(deps, '2026-12-04'); // [{ year: 2025, source: 'library' }, …, { year: 2027, source: 'unannounced' }]
 */
export async function calendarYears(
  deps: Pick<ApplicationDeps, 'calendars'>,
  today: string,
): Promise<{ year: number; source: 'loaded' | 'library' | 'unannounced'; stored?: StoredSchedule }[]> {
  const stored = await deps.calendars.list();
  const library = WorkingCalendar.fromLibrary();
  const thisYear = Number(today.slice(0, 4));
  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, ...stored.map((s) => s.year)])].sort(
    (a, b) => a - b,
  );
  return years.map((year) => {
    const loaded = stored.find((s) => s.year === year);
    if (loaded) return { year, source: 'loaded' as const, stored: loaded };
    return { year, source: library.isAnnounced(year) ? ('library' as const) : ('unannounced' as const) };
  });
}
