/**
 * ISO 8601 weeks (周, Monday to Sunday) of Asia/Shanghai calendar dates, as the statistics count them: a week belongs
 * to the year of its Thursday, so 2026-12-28 … 2027-01-03 is `2026-W53` and 2027-01-04 starts `2027-W01`.
 *
 * Error codes: `STATS_PERIOD_INVALID` (a period that ends before it starts, or is longer than
 * {@link MAX_PERIOD_WEEKS}).
 *
 * @example
 * isoWeekOf(parseLocalDate('2026-12-31')); // { label: '2026-W53', monday: '2026-12-28', sunday: '2027-01-03' }
 */
import { addDays, compareDates, daysBetween, isoWeekday, type LocalDate } from './dates';
import { ValidationError } from './errors';

/**
 * One ISO week: its label (`2026-W49`) and first and last days.
 *
 * @example
 * const week: IsoWeek = { label: '2026-W49', monday: d('2026-11-30'), sunday: d('2026-12-06') };
 */
export interface IsoWeek {
  readonly label: string;
  readonly monday: LocalDate;
  readonly sunday: LocalDate;
}

/** Weeks a period may span: a year of weeks (53 in a long ISO year) keeps the reads and the page bounded. */
export const MAX_PERIOD_WEEKS = 53;

/** Weeks in the default period: the current week and the eleven before it. */
export const DEFAULT_PERIOD_WEEKS = 12;

/**
 * The Monday that starts the ISO week of a date.
 *
 * @example
 * mondayOf(parseLocalDate('2026-10-10')); // '2026-10-05'
 */
export const mondayOf = (date: LocalDate): LocalDate => addDays(date, 1 - isoWeekday(date));

/**
 * The ISO week a date falls in.
 *
 * @example
 * isoWeekOf(parseLocalDate('2027-01-03')).label; // '2026-W53'
 */
export function isoWeekOf(date: LocalDate): IsoWeek {
  const monday = mondayOf(date);
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(mondayOf(`${thursday.slice(0, 4)}-01-04` as LocalDate), 3);
  const week = daysBetween(firstThursday, thursday) / 7 + 1;
  return { label: `${year}-W${String(week).padStart(2, '0')}`, monday, sunday: addDays(monday, 6) };
}

/**
 * A period of whole ISO weeks: from the week of `from` to the week of `to`, oldest first.
 *
 * @example
 * weeksOf(parseLocalDate('2026-11-30'), parseLocalDate('2026-12-09')).map((w) => w.label); // ['2026-W49', '2026-W50']
 */
export function weeksOf(from: LocalDate, to: LocalDate): IsoWeek[] {
  if (compareDates(from, to) > 0) {
    throw new ValidationError('STATS_PERIOD_INVALID', 'the period ends before it starts', [
      { field: 'to', message: 'must be on or after the start' },
    ]);
  }
  const first = mondayOf(from);
  const count = daysBetween(first, mondayOf(to)) / 7 + 1;
  if (count > MAX_PERIOD_WEEKS) {
    throw new ValidationError('STATS_PERIOD_INVALID', `a period spans at most ${MAX_PERIOD_WEEKS} weeks`, [
      { field: 'from', message: `at most ${MAX_PERIOD_WEEKS} weeks before the end` },
    ]);
  }
  return Array.from({ length: count }, (_, i) => isoWeekOf(addDays(first, 7 * i)));
}
