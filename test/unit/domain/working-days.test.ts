import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, parseLocalDate } from '../../../lambdas/domain/dates';
import { WorkingCalendar } from '../../../lambdas/domain/working-days';
import { arbLocalDate } from '../../support/arbitraries';

const d = (s: string) => parseLocalDate(s);
const library = WorkingCalendar.fromLibrary();

describe('PRC working days from chinese-days', () => {
  it('knows National Day 2026 and its adjusted Saturday', () => {
    expect(library.isWorkingDay(d('2026-10-01'))).toBe(false);
    expect(library.isWorkingDay(d('2026-10-07'))).toBe(false);
    expect(library.isWorkingDay(d('2026-10-08'))).toBe(true);
    expect(library.isWorkingDay(d('2026-10-10'))).toBe(true); // a Saturday, 调休
    expect(library.isWorkingDay(d('2026-10-11'))).toBe(false);
    expect(library.isWorkingDay(d('2026-09-20'))).toBe(true); // a Sunday, 调休
  });

  it('9 working days after 2026-09-28 end on 2026-10-15, across National Day', () => {
    // Act
    const deadline = library.addWorkingDays(d('2026-09-28'), 9);

    // Assess
    expect(deadline).toEqual({ date: '2026-10-15', provisional: false, unannouncedYears: [] });
  });

  it('counts across Spring Festival 2026 with both adjusted Saturdays', () => {
    // Prepare: 02-13 Fri, 02-14 Sat (worked), 02-15…02-23 off, 02-24…02-28 (Sat, worked), 03-02, 03-03
    const acceptedOn = d('2026-02-12');

    // Act
    const deadline = library.addWorkingDays(acceptedOn, 9);

    // Assess
    expect(deadline.date).toBe('2026-03-03');
    expect(deadline.provisional).toBe(false);
    expect(library.workingDaysBetween(acceptedOn, d('2026-03-03'))).toEqual({ count: 9, provisional: false });
  });

  it('counts from the day after: 0 working days is the day itself, 1 skips a weekend', () => {
    expect(library.addWorkingDays(d('2026-10-09'), 0).date).toBe('2026-10-09');
    expect(library.addWorkingDays(d('2026-10-16'), 1).date).toBe('2026-10-19');
    expect(library.addWorkingDays(d('2026-09-30'), 1).date).toBe('2026-10-08');
  });

  it('treats 2027 as not announced, and a deadline reaching into it as provisional', () => {
    // Act
    const deadline = library.addWorkingDays(d('2026-12-28'), 9);

    // Assess
    expect(library.isAnnounced(2026)).toBe(true);
    expect(library.isAnnounced(2027)).toBe(false);
    expect(deadline).toEqual({ date: '2027-01-08', provisional: true, unannouncedYears: [2027] });
    expect(library.addWorkingDays(d('2026-12-01'), 9).provisional).toBe(false);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => library.addWorkingDays(d('2026-09-28'), -1)).toThrow(
      expect.objectContaining({ code: 'WORKING_DAYS_INVALID' }),
    );
    expect(() => library.addWorkingDays(d('2026-09-28'), 1.5)).toThrow(
      expect.objectContaining({ code: 'WORKING_DAYS_INVALID' }),
    );
  });

  it("gives the same answers west of UTC, where chinese-days' own functions shift dates by a day", () => {
    // Prepare: a child process, so every module (the library's included) loads in that zone
    const probe = fileURLToPath(new URL('../../support/tz-probe.ts', import.meta.url));
    const env = { ...process.env, TZ: 'America/Los_Angeles' };

    // Act
    const run = spawnSync(process.execPath, ['--import', 'tsx', probe], { env, encoding: 'utf8' });

    // Assess
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      tz: 'America/Los_Angeles',
      '2026-10-01': false,
      '2026-10-08': true,
      '2026-10-10': true,
      '2026-10-11': false,
      deadline: '2026-10-15',
      announced2027: false,
    });
  });
});

describe('admin-loaded schedules', () => {
  // A 2027 schedule as an admin would load it once announced (dates invented for the test).
  const schedule2027 = {
    holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
    workdays: ['2027-02-06', '2027-02-20'],
  };

  it('makes the year announced and overrides the library for it', () => {
    // Act
    const calendar = library.withSchedule(2027, schedule2027);

    // Assess
    expect(calendar.isAnnounced(2027)).toBe(true);
    expect(calendar.isWorkingDay(d('2027-01-01'))).toBe(false);
    expect(calendar.isWorkingDay(d('2027-02-06'))).toBe(true); // a Saturday
    expect(calendar.isWorkingDay(d('2027-02-07'))).toBe(false); // an ordinary Sunday
    expect(calendar.isWorkingDay(d('2027-02-15'))).toBe(true);
    expect(library.isAnnounced(2027)).toBe(false); // the original is untouched
  });

  it('recomputes a provisional deadline into a firm one', () => {
    // Prepare
    const before = library.addWorkingDays(d('2027-02-03'), 5);

    // Act
    const after = library.withSchedule(2027, schedule2027).addWorkingDays(d('2027-02-03'), 5);

    // Assess: 02-04 Thu, 02-05 off, 02-06 Sat worked, 02-08…12 off, 02-15, 02-16, 02-17
    expect(before).toEqual({ date: '2027-02-10', provisional: true, unannouncedYears: [2027] });
    expect(after).toEqual({ date: '2027-02-17', provisional: false, unannouncedYears: [] });
  });

  it('can replace a year the library already has', () => {
    // Act: an (invented) correction making 2026-10-10 a day off after all
    const calendar = library.withSchedule(2026, { holidays: ['2026-10-01', '2026-10-02'], workdays: [] });

    // Assess
    expect(calendar.isWorkingDay(d('2026-10-10'))).toBe(false);
    expect(calendar.isWorkingDay(d('2026-10-05'))).toBe(true);
  });

  it('refuses malformed schedules with every problem listed', () => {
    // Act
    const attempt = () =>
      library.withSchedule(2027, {
        holidays: ['2027-02-30', '2026-12-31', '2027-02-06'],
        workdays: ['2027-02-08', '2027-02-06'],
      });

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: 'WORKING_SCHEDULE_INVALID' }));
    try {
      attempt();
    } catch (e) {
      const fields = (e as { details: { issues: { field: string }[] } }).details.issues.map((i) => i.field);
      expect(fields).toEqual(['holidays.0', 'holidays.1', 'workdays.0', 'workdays']);
    }
  });

  it('weekendsOnly knows nothing until told', () => {
    // Prepare
    const plain = WorkingCalendar.weekendsOnly();

    // Act / Assess
    expect(plain.isAnnounced(2026)).toBe(false);
    expect(plain.isWorkingDay(d('2026-10-01'))).toBe(true);
    expect(plain.withSchedule(2026, { holidays: ['2026-10-01'], workdays: [] }).isWorkingDay(d('2026-10-01'))).toBe(
      false,
    );
  });
});

describe('properties', () => {
  it('the n-th working day is a working day, with exactly n working days counted up to it', () => {
    fc.assert(
      fc.property(arbLocalDate(), fc.integer({ min: 1, max: 30 }), (from, n) => {
        const { date } = library.addWorkingDays(from, n);
        expect(library.isWorkingDay(date)).toBe(true);
        expect(library.workingDaysBetween(from, date).count).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  it('an unannounced year is plain weeks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), (offset) => {
        const date = addDays(d('2027-01-01'), offset);
        expect(library.isWorkingDay(date)).toBe(isoWeekday(date) <= 5);
      }),
    );
  });
});
