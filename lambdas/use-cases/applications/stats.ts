/**
 * getStats — figures for staff, computed from indexes on request (Queries only, never a Scan): certificates by
 * procedure and stored status (gsi3 `CERTS`), licensed enterprises (distinct holders of a valid or suspended
 * licence not past its last valid day on the clock's date), and for issued applications (gsi2 `APPSTATE#issued`) the median working days from acceptance to issue
 * and the share of post-issuance-review applications issued within the 9-working-day limit. Cost grows with the
 * number of certificates and applications (one page per 100); at provincial volumes (thousands) that is a few reads —
 * counters maintained on write would be the next step if that stops being true.
 *
 * @example
 * const stats = await getStats(deps); // { licensedEnterprises: 12, certificates: { … }, applications: { … } }
 */
import { isExpired, type LocalDate, localDateOf } from '../../domain/dates';
import type { Page, PageRequest } from '../../ports/page';
import { ISSUE_WITHIN_WORKING_DAYS, workingCalendar } from './calendar';
import type { ApplicationDeps } from './deps';

export interface Stats {
  readonly licensedEnterprises: number;
  readonly certificates: {
    readonly total: number;
    readonly byProcedure: Record<string, Record<string, number>>;
  };
  readonly applications: {
    readonly issued: number;
    readonly medianWorkingDaysToIssue: number | null;
    readonly postIssuanceReview: {
      readonly issued: number;
      readonly withinLimit: number;
      readonly share: number | null;
    };
    readonly limitWorkingDays: number;
  };
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

export async function getStats(deps: ApplicationDeps): Promise<Stats> {
  const certificates = await all((page) => deps.certificates.listAll(page));
  const byProcedure: Record<string, Record<string, number>> = {};
  const holders = new Set<string>();
  const today = localDateOf(deps.clock.now());
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
  const durations: number[] = [];
  let tracked = 0;
  let withinLimit = 0;
  for (const app of issued) {
    if (!app.acceptedOn || !app.outcome) continue;
    const days = calendar.workingDaysBetween(app.acceptedOn as LocalDate, app.outcome.on as LocalDate).count;
    durations.push(days);
    if (app.deadline) {
      tracked++;
      if (app.outcome.on <= app.deadline.dueOn) withinLimit++;
    }
  }
  return {
    licensedEnterprises: holders.size,
    certificates: { total: certificates.length, byProcedure },
    applications: {
      issued: issued.length,
      medianWorkingDaysToIssue: median(durations),
      postIssuanceReview: { issued: tracked, withinLimit, share: tracked === 0 ? null : withinLimit / tracked },
      limitWorkingDays: ISSUE_WITHIN_WORKING_DAYS,
    },
  };
}
