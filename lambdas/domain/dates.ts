import { ValidationError } from './errors';

declare const localDateBrand: unique symbol;

/**
 * A calendar date `YYYY-MM-DD` (years 1900–9999), already validated. Compare with {@link compareDates}; two equal
 * dates are equal strings, so `===` works too.
 *
 * @example
 * const d: LocalDate = parseLocalDate('2026-09-28');
 */
export type LocalDate = string & { readonly [localDateBrand]: true };

/**
 * Years a licence stays valid (工业产品生产许可证有效期为5年).
 *
 * @example
 * addYears(issueDate, VALIDITY_YEARS);
 */
export const VALIDITY_YEARS = 5;

/** Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset is exact for every instant we handle. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const fromParts = (year: number, month: number, day: number): LocalDate =>
  `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate;

function parts(date: LocalDate): [year: number, month: number, day: number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Days since 1970-01-01 (UTC-based, so free of the host's time zone). */
function epochDay(date: LocalDate): number {
  const [y, m, d] = parts(date);
  const utc = new Date(0);
  utc.setUTCFullYear(y, m - 1, d);
  return Math.floor(utc.getTime() / DAY_MS);
}

function fromEpochDay(day: number): LocalDate {
  const utc = new Date(day * DAY_MS);
  return fromParts(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

/**
 * Whether a value is a real calendar date written `YYYY-MM-DD` (1900–9999).
 *
 * @example
 * isLocalDate('2026-02-29'); // false: 2026 is not a leap year
 */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Validate a `YYYY-MM-DD` string; throws `ValidationError` `DATE_INVALID` naming the field otherwise.
 *
 * @example
 * const acceptedOn = parseLocalDate(body.acceptedOn, 'acceptedOn');
 */
export function parseLocalDate(value: string, field = 'date'): LocalDate {
  if (isLocalDate(value)) return value;
  throw new ValidationError('DATE_INVALID', `${field} must be a calendar date written YYYY-MM-DD`, [
    { field, message: `"${String(value)}" is not a calendar date YYYY-MM-DD` },
  ]);
}

/**
 * The Asia/Shanghai calendar date of an instant.
 *
 * @example
 * localDateOf(new Date('2026-09-27T16:30:00Z')); // '2026-09-28' (00:30 in Wuhan)
 */
export function localDateOf(instant: Date): LocalDate {
  return fromEpochDay(Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/**
 * Today in Asia/Shanghai, by the given clock.
 *
 * @example
 * today(new ManualClock('2026-09-28T09:00:00+08:00')); // '2026-09-28'
 */
export function today(clock: { now(): Date }): LocalDate {
  return localDateOf(clock.now());
}

/**
 * The instant a Shanghai calendar day starts (00:00 +08:00).
 *
 * @example
 * startOfDay(parseLocalDate('2026-09-28')).toISOString(); // '2026-09-27T16:00:00.000Z'
 */
export function startOfDay(date: LocalDate): Date {
  return new Date(epochDay(date) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/**
 * Add (or, with a negative `days`, subtract) calendar days.
 *
 * @example
 * addDays(parseLocalDate('2026-12-31'), 1); // '2027-01-01'
 */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(epochDay(date) + Math.trunc(days));
}

/**
 * Add calendar months; a day the target month lacks becomes that month's last day (民法典 第二百零二条).
 *
 * @example
 * addMonths(parseLocalDate('2026-01-31'), 1); // '2026-02-28'
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + Math.trunc(months);
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return fromParts(year, month, Math.min(d, daysInMonth(year, month)));
}

/**
 * Add calendar years; 29 February becomes 28 February in a common year.
 *
 * @example
 * addYears(parseLocalDate('2028-02-29'), 5); // '2033-02-28'
 */
export function addYears(date: LocalDate, years: number): LocalDate {
  return addMonths(date, 12 * Math.trunc(years));
}

/**
 * Order two dates: negative when `a` is earlier, 0 when equal, positive when later.
 *
 * @example
 * [b, a].sort(compareDates);
 */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Calendar days from `from` to `to` (negative when `to` is earlier).
 *
 * @example
 * daysBetween(parseLocalDate('2026-09-28'), parseLocalDate('2026-10-15')); // 17
 */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDay(to) - epochDay(from);
}

/**
 * ISO day of the week: 1 = Monday … 7 = Sunday.
 *
 * @example
 * isoWeekday(parseLocalDate('2026-10-10')); // 6 (a Saturday)
 */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/**
 * The last day of a licence's validity: the same calendar day five years later, minus one day (the issue date is the
 * first day of validity). For an issue on 29 February the "same day" is 28 February (民法典 第二百零二条), so
 * 2028-02-29 → 2033-02-27.
 *
 * @example
 * validUntil(parseLocalDate('2026-09-28')); // '2031-09-27'
 */
export function validUntil(validFrom: LocalDate): LocalDate {
  return addDays(addYears(validFrom, VALIDITY_YEARS), -1);
}

/**
 * A licence is expired once `today` is after its last day of validity.
 *
 * @example
 * isExpired(parseLocalDate('2031-09-27'), parseLocalDate('2031-09-28')); // true
 */
export function isExpired(lastValidDay: LocalDate, todayDate: LocalDate): boolean {
  return compareDates(todayDate, lastValidDay) > 0;
}

/**
 * A date as printed on Chinese documents: `2026年9月28日`.
 *
 * @example
 * formatDateZh(parseLocalDate('2026-09-08')); // '2026年9月8日'
 */
export function formatDateZh(date: LocalDate): string {
  const [y, m, d] = parts(date);
  return `${y}年${m}月${d}日`;
}
