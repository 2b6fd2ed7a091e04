/**
 * A year's official working-day schedule as a person types it (工作日日历的文本形式): the State Council's notice lists
 * holidays as ranges ("2月5日至11日放假") and adjusted working days one by one, so a line may hold single dates or a
 * range `2027-02-05~2027-02-11` (also `～`, `..` or `至`, spaces around it or not), separated by lines, spaces, commas or 、. The result is the API's
 * `YearSchedule` (`putWorkingCalendar`'s body): the calendar's own rules (in the year, weekend working days, no day
 * twice) are still checked by `WorkingCalendar.withSchedule`.
 *
 * Error code: `WORKING_SCHEDULE_INVALID` (a token that is not a date or a range, a range backwards or over 31 days, a
 * year that is not one), with the field it concerns.
 *
 * @example
 * scheduleFromText({ year: '2027', holidays: '2027-01-01\n2027-02-05~2027-02-07', workdays: '2027-02-06' });
 * // { year: 2027, schedule: { holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07'], workdays: ['2027-02-06'] } }
 */
import { addDays, compareDates, isLocalDate, type LocalDate } from './dates';
import { type FieldIssue, ValidationError } from './errors';
import type { YearSchedule } from './working-days';

/** A range longer than this is a typing mistake (the longest official break is 8–9 days). */
const MAX_RANGE_DAYS = 31;

function datesOf(text: string, field: 'holidays' | 'workdays', issues: FieldIssue[]): string[] {
  const out = new Set<string>();
  // A range's separator may stand between spaces ("2027-02-05 至 2027-02-11"): one token either way.
  const tokens = text.replace(/\s*(?:~|～|\.\.|至)\s*/g, '~').split(/[\s,，、;；]+/);
  for (const token of tokens.filter(Boolean)) {
    const [first, last, ...more] = token.split('~');
    if (more.length > 0 || !isLocalDate(first) || (last !== undefined && !isLocalDate(last))) {
      issues.push({ field, message: `"${token.slice(0, 40)}" is not a date YYYY-MM-DD or a range of them` });
      continue;
    }
    const end = (last ?? first) as LocalDate;
    let day = first as LocalDate;
    if (compareDates(day, end) > 0 || compareDates(addDays(day, MAX_RANGE_DAYS), end) < 0) {
      issues.push({ field, message: `${token} is not a range of at most ${MAX_RANGE_DAYS} days` });
      continue;
    }
    for (; compareDates(day, end) <= 0; day = addDays(day, 1)) out.add(day);
  }
  return [...out].sort();
}

/**
 * The typed schedule as the API's body, or `WORKING_SCHEDULE_INVALID` naming each field at fault.
 *
 * @example
 * scheduleFromText({ year: '2027', holidays: '2027-01-01', workdays: '' }).schedule.holidays; // ['2027-01-01']
 */
export function scheduleFromText(input: {
  readonly year?: string | undefined;
  readonly holidays?: string | undefined;
  readonly workdays?: string | undefined;
}): { year: number; schedule: YearSchedule } {
  const issues: FieldIssue[] = [];
  const yearText = (input.year ?? '').trim();
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  if (Number.isNaN(year) || year < 2000 || year > 2100) {
    issues.push({ field: 'year', message: 'a year from 2000 to 2100' });
  }
  const holidays = datesOf(input.holidays ?? '', 'holidays', issues);
  const workdays = datesOf(input.workdays ?? '', 'workdays', issues);
  if (issues.length > 0) throw new ValidationError('WORKING_SCHEDULE_INVALID', 'the schedule cannot be read', issues);
  return { year, schedule: { holidays, workdays } };
}

/**
 * A schedule written back as text, ranges folded (`2027-02-05~2027-02-07`), one range or date a line — what the form
 * shows again.
 *
 * @example
 * scheduleText(['2027-02-05', '2027-02-06', '2027-02-07', '2027-05-01']); // '2027-02-05~2027-02-07\n2027-05-01'
 */
export function scheduleText(dates: readonly string[]): string {
  const lines: string[] = [];
  const sorted = [...new Set(dates)].filter(isLocalDate).sort();
  let start: LocalDate | undefined;
  let prev: LocalDate | undefined;
  const flush = () => {
    if (start && prev) lines.push(start === prev ? start : `${start}~${prev}`);
  };
  for (const d of sorted) {
    if (prev && addDays(prev, 1) === d) {
      prev = d;
      continue;
    }
    flush();
    start = d;
    prev = d;
  }
  flush();
  return lines.join('\n');
}
