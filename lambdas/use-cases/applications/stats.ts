/**
 * getStats — figures for staff, computed from indexes on request (Queries only, never a Scan). `GET /v1/stats` and the
 * workbench's statistics page (统计) call this one use case, so the two always agree.
 *
 * Over the whole register (the API's first fields): certificates by procedure and stored status (gsi3 `CERTS`),
 * licensed enterprises (distinct holders of a valid or suspended licence not past its last valid day on the clock's
 * date), and for issued applications (gsi2 `APPSTATE#issued`) the median working days from acceptance to issue and the
 * share of post-issuance-review applications issued within the 9-working-day limit.
 *
 * For a period of whole ISO weeks (Asia/Shanghai dates; by default the 12 weeks ending with this week):
 * - applications per week by procedure — filed in that week and submitted (a draft never submitted is not an
 *   application received): one range Query on the filing-time index (gsi3 `APPS`);
 * - of the applications issued in the period (from the issued list above): how many, the median working days from
 *   acceptance to issue (overall and by procedure) and the share of post-issuance-review ones issued by their deadline;
 * - overdue inspections today (marked overdue, or past their date and not yet marked by the nightly job), by the
 *   ISO week they fell due (gsi2 `INSPSTATE#…`);
 * - dispatches requested in the period by current state and month of request (gsi3 `DISPATCHES#{state}#{month}`: one
 *   Query per state and month).
 *
 * Cost grows with the number of certificates and applications (one page per 100); at provincial volumes (thousands)
 * that is a few reads — counters maintained on write would be the next step if that stops being true.
 *
 * Error codes: `DATE_INVALID` (a period bound that is not a date), `STATS_PERIOD_INVALID` (it ends before it starts,
 * or spans more than 53 weeks).
 *
 * @example
 * const stats = await getStats(deps, { from: '2026-09-14', to: '2026-12-04' });
 * stats.period.applicationsByWeek[0]; // { week: '2026-W38', monday: '2026-09-14', byProcedure: { … }, total: 3 }
 */
import type { ApplicationSnapshot } from '../../domain/application';
import { addDays, isExpired, type LocalDate, localDateOf, parseLocalDate, startOfDay } from '../../domain/dates';
import { DISPATCH_STATES, type DispatchState } from '../../domain/dispatch';
import { Inspection, type InspectionSnapshot } from '../../domain/inspection';
import { DEFAULT_PERIOD_WEEKS, type IsoWeek, isoWeekOf, mondayOf, weeksOf } from '../../domain/iso-week';
import { PROCEDURES, type Procedure } from '../../domain/procedure';
import type { WorkingCalendar } from '../../domain/working-days';
import type { DispatchRepository } from '../../ports/dispatch-repository';
import type { Page, PageRequest } from '../../ports/page';
import { ISSUE_WITHIN_WORKING_DAYS, workingCalendar } from './calendar';
import type { ApplicationDeps } from './deps';

/** What the figures are read from. */
export type StatsDeps = Pick<
  ApplicationDeps,
  'applications' | 'inspections' | 'calendars' | 'certificates' | 'clock'
> & {
  readonly dispatches: Pick<DispatchRepository, 'listByStateAndMonth'>;
};

/** The period asked for: any two dates, widened to whole ISO weeks; either may be left out. */
export interface StatsPeriodInput {
  readonly from?: string;
  readonly to?: string;
}

/** How many of something, by procedure (every procedure present, zero included). */
export type ByProcedure = Readonly<Record<Procedure, number>>;

/** Share issued within the limit: `share` is null when nothing was tracked. */
export interface WithinLimit {
  readonly issued: number;
  readonly withinLimit: number;
  readonly share: number | null;
}

export interface PeriodStats {
  /** Monday of the first week and Sunday of the last. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly applicationsByWeek: readonly {
    readonly week: string;
    readonly monday: LocalDate;
    readonly byProcedure: ByProcedure;
    readonly total: number;
  }[];
  readonly issued: {
    readonly total: number;
    readonly medianWorkingDaysToIssue: number | null;
    readonly byProcedure: Readonly<
      Record<Procedure, { readonly issued: number; readonly medianWorkingDaysToIssue: number | null }>
    >;
    readonly postIssuanceReview: WithinLimit;
  };
  /** Overdue today, by the week they fell due: the period's weeks, and those due before or after it. */
  readonly overdueInspections: {
    readonly total: number;
    readonly byDueWeek: readonly { readonly week: string; readonly monday: LocalDate; readonly count: number }[];
    readonly dueBefore: number;
    readonly dueAfter: number;
  };
  /** Dispatches requested in the period, by their current state, per month of request and in all. */
  readonly dispatches: {
    readonly total: number;
    readonly byState: Readonly<Record<DispatchState, number>>;
    readonly byMonth: readonly {
      readonly month: string;
      readonly byState: Readonly<Record<DispatchState, number>>;
      readonly total: number;
    }[];
  };
}

export interface Stats {
  /** The clock's date (Asia/Shanghai) the figures were computed on. */
  readonly today: LocalDate;
  readonly licensedEnterprises: number;
  readonly certificates: {
    readonly total: number;
    readonly byProcedure: Record<string, Record<string, number>>;
  };
  readonly applications: {
    readonly issued: number;
    readonly medianWorkingDaysToIssue: number | null;
    readonly postIssuanceReview: WithinLimit;
    readonly limitWorkingDays: number;
  };
  readonly period: PeriodStats;
}

async function all<T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

/**
 * The median of some numbers, or null for none.
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The weeks of the period asked for: both bounds widened to whole ISO weeks; without `from`, the
 * {@link DEFAULT_PERIOD_WEEKS} weeks ending with the week of `to` (default: today).
 *
 * @example
 * periodWeeks({}, parseLocalDate('2026-12-04')).length; // 12
 */
export function periodWeeks(input: StatsPeriodInput, today: LocalDate): IsoWeek[] {
  const to = input.to === undefined ? today : parseLocalDate(input.to, 'to');
  const from =
    input.from === undefined
      ? addDays(mondayOf(to), -7 * (DEFAULT_PERIOD_WEEKS - 1))
      : parseLocalDate(input.from, 'from');
  return weeksOf(from, to);
}

const zeroByProcedure = (): Record<Procedure, number> =>
  Object.fromEntries(PROCEDURES.map((p) => [p, 0])) as Record<Procedure, number>;
const zeroByState = (): Record<DispatchState, number> =>
  Object.fromEntries(DISPATCH_STATES.map((s) => [s, 0])) as Record<DispatchState, number>;

/** Working days from acceptance to issue, for an issued application that records both. */
function daysToIssue(calendar: WorkingCalendar, app: ApplicationSnapshot): number | undefined {
  if (!app.acceptedOn || !app.outcome) return undefined;
  return calendar.workingDaysBetween(app.acceptedOn as LocalDate, app.outcome.on as LocalDate).count;
}

/** How many were issued, how long they took, and the share of deadline-tracked ones issued by their deadline. */
function issuedFigures(calendar: WorkingCalendar, issued: readonly ApplicationSnapshot[]) {
  const durations: number[] = [];
  const byProcedure = new Map<Procedure, number[]>(PROCEDURES.map((p) => [p, []]));
  let tracked = 0;
  let withinLimit = 0;
  for (const app of issued) {
    const days = daysToIssue(calendar, app);
    if (days === undefined) continue;
    durations.push(days);
    byProcedure.get(app.procedure)?.push(days);
    if (app.deadline && app.outcome) {
      tracked++;
      if (app.outcome.on <= app.deadline.dueOn) withinLimit++;
    }
  }
  return {
    durations,
    byProcedure,
    postIssuanceReview: { issued: tracked, withinLimit, share: tracked === 0 ? null : withinLimit / tracked },
  };
}

/** Months (`YYYY-MM`) from the month of `from` to the month of `to`. */
function monthsOf(from: LocalDate, to: LocalDate): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  // A period spans at most 53 weeks, so 14 months at most: the bound also stops a date past year 9999 looping.
  for (let i = 0; i < 14; i++) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    months.push(label);
    if (label >= last) return months;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return months;
}

/** Inspections overdue today: marked so, or past their date while the nightly job has not marked them yet. */
async function overdueInspections(deps: StatsDeps, today: LocalDate): Promise<InspectionSnapshot[]> {
  const marked = await all((page) => deps.inspections.list({ state: 'overdue' }, page));
  const yesterday = addDays(today, -1);
  const unmarked: InspectionSnapshot[] = [];
  for (const state of ['scheduled', 'rectifying'] as const) {
    const candidates = await all((page) => deps.inspections.list({ state, before: yesterday }, page));
    unmarked.push(...candidates.filter((i) => Inspection.rehydrate(i).isPastDue(today)));
  }
  return [...marked, ...unmarked];
}

async function periodFigures(
  deps: StatsDeps,
  weeks: readonly IsoWeek[],
  today: LocalDate,
  calendar: WorkingCalendar,
  issued: readonly ApplicationSnapshot[],
): Promise<PeriodStats> {
  const from = (weeks[0] as IsoWeek).monday;
  const to = (weeks.at(-1) as IsoWeek).sunday;
  const inPeriod = (date: string) => date >= from && date <= to;

  // Applications received per week: filed in the period (its Shanghai days as instants), never-submitted drafts aside.
  const filed = await all((page) =>
    deps.applications.listCreated(
      { from: startOfDay(from).toISOString(), before: startOfDay(addDays(to, 1)).toISOString() },
      page,
    ),
  );
  const perWeek = new Map(weeks.map((w) => [w.label, zeroByProcedure()]));
  for (const app of filed) {
    if (app.state === 'draft') continue;
    const row = perWeek.get(isoWeekOf(localDateOf(new Date(app.createdAt))).label);
    if (row) row[app.procedure]++;
  }

  const issuedInPeriod = issued.filter((a) => a.outcome && inPeriod(a.outcome.on));
  const figures = issuedFigures(calendar, issuedInPeriod);

  const overdue = await overdueInspections(deps, today);
  const dueWeeks = new Map(weeks.map((w) => [w.label, 0]));
  let dueBefore = 0;
  let dueAfter = 0;
  for (const inspection of overdue) {
    const due = Inspection.rehydrate(inspection).overdueAfter as LocalDate;
    if (due < from) dueBefore++;
    else if (due > to) dueAfter++;
    else {
      const label = isoWeekOf(due).label;
      dueWeeks.set(label, (dueWeeks.get(label) ?? 0) + 1);
    }
  }

  const byMonth = [];
  const byState = zeroByState();
  for (const month of monthsOf(from, to)) {
    const counts = zeroByState();
    for (const state of DISPATCH_STATES) {
      const parcels = await all((page) => deps.dispatches.listByStateAndMonth(state, month, page));
      counts[state] = parcels.filter((d) => inPeriod(localDateOf(new Date(d.requestedAt)))).length;
      byState[state] += counts[state];
    }
    byMonth.push({ month, byState: counts, total: DISPATCH_STATES.reduce((n, s) => n + counts[s], 0) });
  }

  return {
    from,
    to,
    applicationsByWeek: weeks.map((w) => {
      const byProcedure = perWeek.get(w.label) ?? zeroByProcedure();
      return {
        week: w.label,
        monday: w.monday,
        byProcedure,
        total: PROCEDURES.reduce((n, p) => n + byProcedure[p], 0),
      };
    }),
    issued: {
      total: issuedInPeriod.length,
      medianWorkingDaysToIssue: median(figures.durations),
      byProcedure: Object.fromEntries(
        PROCEDURES.map((p) => {
          const days = figures.byProcedure.get(p) ?? [];
          return [p, { issued: days.length, medianWorkingDaysToIssue: median(days) }];
        }),
      ) as PeriodStats['issued']['byProcedure'],
      postIssuanceReview: figures.postIssuanceReview,
    },
    overdueInspections: {
      total: overdue.length,
      byDueWeek: weeks.map((w) => ({ week: w.label, monday: w.monday, count: dueWeeks.get(w.label) ?? 0 })),
      dueBefore,
      dueAfter,
    },
    dispatches: { total: DISPATCH_STATES.reduce((n, s) => n + byState[s], 0), byState, byMonth },
  };
}

/**
 * The figures, for the period asked for (default: the last 12 ISO weeks). Throws `DATE_INVALID` or
 * `STATS_PERIOD_INVALID` for a period it cannot take, before reading anything.
 *
 * @example
 * await getStats(deps); // { today, licensedEnterprises, certificates, applications, period }
 */
export async function getStats(deps: StatsDeps, input: StatsPeriodInput = {}): Promise<Stats> {
  const today = localDateOf(deps.clock.now());
  const weeks = periodWeeks(input, today);

  const certificates = await all((page) => deps.certificates.listAll(page));
  const byProcedure: Record<string, Record<string, number>> = {};
  const holders = new Set<string>();
  for (const c of certificates) {
    const row = byProcedure[c.procedure] ?? {};
    row[c.status] = (row[c.status] ?? 0) + 1;
    byProcedure[c.procedure] = row;
    // An expired licence keeps its stored status (`valid`), but its holder is no longer licensed.
    const live = (c.status === 'valid' || c.status === 'suspended') && !isExpired(c.validUntil as LocalDate, today);
    if (live) holders.add(c.uscc);
  }
  const issued = await all((page) => deps.applications.list({ state: 'issued' }, page));
  const calendar = await workingCalendar(deps);
  const overall = issuedFigures(calendar, issued);
  return {
    today,
    licensedEnterprises: holders.size,
    certificates: { total: certificates.length, byProcedure },
    applications: {
      issued: issued.length,
      medianWorkingDaysToIssue: median(overall.durations),
      postIssuanceReview: overall.postIssuanceReview,
      limitWorkingDays: ISSUE_WITHIN_WORKING_DAYS,
    },
    period: await periodFigures(deps, weeks, today, calendar, issued),
  };
}
