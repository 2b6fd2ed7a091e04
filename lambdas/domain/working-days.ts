/**
 * PRC working days (工作日): Monday to Friday, minus statutory holidays, plus the adjusted working days (调休) on
 * which a weekend becomes a working day. The State Council announces each year's schedule late in the year before,
 * so a year may be *unannounced*: it then counts as plain weeks, and any deadline that reaches into it is
 * **provisional** until the schedule is loaded.
 *
 * The base data is the `chinese-days` library's published JSON (`dist/chinese-days.json`: holidays and adjusted
 * working days per date). Its functions (`isWorkday`, …) are not used: they build and read their tables in the host's
 * local time zone, which shifts every date by a day west of UTC. An official schedule loaded by an admin
 * ({@link WorkingCalendar.withSchedule}) replaces the library's data for its year, without a deployment.
 *
 * Error codes: `WORKING_SCHEDULE_INVALID`, `WORKING_DAYS_INVALID`.
 */
import chineseDaysJson from 'chinese-days/dist/chinese-days.json';
import { addDays, compareDates, isLocalDate, isoWeekday, type LocalDate } from './dates';
import { type FieldIssue, ValidationError } from './errors';

/**
 * One year's official schedule: its statutory holidays and its adjusted working days (调休上班日).
 *
 * @example
 * const schedule: YearSchedule = { holidays: ['2027-01-01'], workdays: ['2027-02-06'] };
 */
export interface YearSchedule {
  /** Days off by law or by adjustment that would otherwise be working days (weekend holidays may be listed too). */
  readonly holidays: readonly string[];
  /** Weekend days that are working days by adjustment. */
  readonly workdays: readonly string[];
}

/**
 * A date reached by counting working days, and whether the count crossed a year not yet announced.
 *
 * @example
 * const { date, provisional } = calendar.addWorkingDays(acceptedOn, 9);
 */
export interface WorkingDayResult {
  readonly date: LocalDate;
  /** True when any day counted lies in a year whose schedule is not announced: recompute once it is. */
  readonly provisional: boolean;
  /** The unannounced years the count passed through, ascending. */
  readonly unannouncedYears: readonly number[];
}

/** The source of truth for one day, before admin overrides. */
interface DaySource {
  isAnnounced(year: number): boolean;
  isWorkingDay(date: LocalDate): boolean;
}

const isWeekday = (date: LocalDate): boolean => isoWeekday(date) <= 5;

const weekendsOnly: DaySource = { isAnnounced: () => false, isWorkingDay: isWeekday };

interface LibraryData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

let library: DaySource | undefined;

/** The library's tables, read once per process (they are static data). */
function librarySource(): DaySource {
  if (!library) {
    const { holidays, workdays } = chineseDaysJson as unknown as LibraryData;
    const announced = new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))));
    library = {
      isAnnounced: (year) => announced.has(year),
      isWorkingDay: (date) => Object.hasOwn(workdays, date) || (isWeekday(date) && !Object.hasOwn(holidays, date)),
    };
  }
  return library;
}

interface LoadedSchedule {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

function validateSchedule(year: number, schedule: YearSchedule): LoadedSchedule {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(year) || year < 1900 || year > 9999) issues.push({ field: 'year', message: 'must be a year' });
  const check = (list: readonly string[], field: 'holidays' | 'workdays'): Set<string> => {
    list.forEach((d, i) => {
      if (!isLocalDate(d)) issues.push({ field: `${field}.${i}`, message: `"${d}" is not a date YYYY-MM-DD` });
      else if (Number(d.slice(0, 4)) !== year)
        issues.push({ field: `${field}.${i}`, message: `${d} is not in ${year}` });
      else if (field === 'workdays' && isWeekday(d)) {
        issues.push({
          field: `${field}.${i}`,
          message: `${d} is a weekday already; adjusted working days are weekend days`,
        });
      }
    });
    return new Set(list);
  };
  const holidays = check(schedule.holidays, 'holidays');
  const workdays = check(schedule.workdays, 'workdays');
  for (const d of holidays) {
    if (workdays.has(d))
      issues.push({ field: 'workdays', message: `${d} is listed both as a holiday and a working day` });
  }
  if (issues.length > 0) {
    throw new ValidationError('WORKING_SCHEDULE_INVALID', `the working-day schedule for ${year} is invalid`, issues);
  }
  return { holidays, workdays };
}

/**
 * Working-day arithmetic over the PRC calendar. Immutable: {@link withSchedule} returns a new calendar.
 *
 * @example
 * const calendar = WorkingCalendar.fromLibrary().withSchedule(2027, { holidays: ['2027-01-01'], workdays: [] });
 * calendar.addWorkingDays(parseLocalDate('2026-09-28'), 9); // { date: '2026-10-15', provisional: false, … }
 */
export class WorkingCalendar {
  readonly #base: DaySource;
  readonly #schedules: ReadonlyMap<number, LoadedSchedule>;

  private constructor(base: DaySource, schedules: ReadonlyMap<number, LoadedSchedule>) {
    this.#base = base;
    this.#schedules = schedules;
  }

  /**
   * The calendar carried by the `chinese-days` library (2004 to its last announced year: 2026 in 1.5.7).
   *
   * @example
   * WorkingCalendar.fromLibrary().isWorkingDay(parseLocalDate('2026-10-10')); // true (调休)
   */
  static fromLibrary(): WorkingCalendar {
    return new WorkingCalendar(librarySource(), new Map());
  }

  /**
   * Plain weeks with no statutory data: every year unannounced until a schedule is loaded.
   *
   * @example
   * WorkingCalendar.weekendsOnly().withSchedule(2026, officialSchedule2026);
   */
  static weekendsOnly(): WorkingCalendar {
    return new WorkingCalendar(weekendsOnly, new Map());
  }

  /**
   * A calendar with one year's official schedule replacing whatever the base knew of that year. Throws
   * `WORKING_SCHEDULE_INVALID` for dates outside the year, a weekday listed as an adjusted working day, or a day listed
   * twice.
   *
   * @example
   * const next = calendar.withSchedule(2027, { holidays: ['2027-01-01', …], workdays: ['2027-02-06', …] });
   */
  withSchedule(year: number, schedule: YearSchedule): WorkingCalendar {
    const schedules = new Map(this.#schedules);
    schedules.set(year, validateSchedule(year, schedule));
    return new WorkingCalendar(this.#base, schedules);
  }

  /**
   * Whether the year's schedule is known (from the library or loaded).
   *
   * @example
   * WorkingCalendar.fromLibrary().isAnnounced(2027); // false with chinese-days 1.5.7
   */
  isAnnounced(year: number): boolean {
    return this.#schedules.has(year) || this.#base.isAnnounced(year);
  }

  /**
   * Whether a day is a working day.
   *
   * @example
   * calendar.isWorkingDay(parseLocalDate('2026-10-01')); // false (国庆节)
   */
  isWorkingDay(date: LocalDate): boolean {
    const loaded = this.#schedules.get(Number(date.slice(0, 4)));
    if (!loaded) return this.#base.isWorkingDay(date);
    if (loaded.workdays.has(date)) return true;
    if (loaded.holidays.has(date)) return false;
    return isWeekday(date);
  }

  /**
   * The `n`-th working day after `from`, counting from the day after (`n` = 0 gives `from` itself). Deadlines such as
   * "issue within 9 working days of acceptance" are `addWorkingDays(acceptedOn, 9)`.
   *
   * @example
   * calendar.addWorkingDays(parseLocalDate('2026-09-28'), 9).date; // '2026-10-15'
   */
  addWorkingDays(from: LocalDate, n: number): WorkingDayResult {
    if (!Number.isInteger(n) || n < 0 || n > 3660) {
      throw new ValidationError('WORKING_DAYS_INVALID', 'working days must be a whole number from 0 to 3660', [
        { field: 'workingDays', message: `got ${n}` },
      ]);
    }
    let date = from;
    for (let counted = 0; counted < n; ) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) counted += 1;
    }
    const unannouncedYears = this.#unannouncedYears(addDays(from, 1), date);
    return { date, provisional: unannouncedYears.length > 0, unannouncedYears };
  }

  /**
   * Working days after `from` up to and including `to` (0 when `to` is not after `from`); e.g. how many working days an
   * application took from acceptance to issue.
   *
   * @example
   * calendar.workingDaysBetween(parseLocalDate('2026-09-28'), parseLocalDate('2026-10-15')).count; // 9
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): { readonly count: number; readonly provisional: boolean } {
    let count = 0;
    for (let date = addDays(from, 1); compareDates(date, to) <= 0; date = addDays(date, 1)) {
      if (this.isWorkingDay(date)) count += 1;
    }
    return { count, provisional: this.#unannouncedYears(addDays(from, 1), to).length > 0 };
  }

  /** Unannounced years among the days `first`..`last` (none when `first` is after `last`). */
  #unannouncedYears(first: LocalDate, last: LocalDate): number[] {
    const years: number[] = [];
    if (compareDates(first, last) > 0) return years;
    for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year += 1) {
      if (!this.isAnnounced(year)) years.push(year);
    }
    return years;
  }
}
