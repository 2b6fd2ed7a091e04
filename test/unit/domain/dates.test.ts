import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  daysBetween,
  formatDateZh,
  isExpired,
  isLocalDate,
  isoWeekday,
  localDateOf,
  parseLocalDate,
  startOfDay,
  today,
  validUntil,
} from '../../../lambdas/domain/dates';
import { arbLocalDate } from '../../support/arbitraries';

const d = (s: string) => parseLocalDate(s);

describe('LocalDate parsing', () => {
  it('accepts real calendar dates and refuses impossible ones', () => {
    // Prepare
    const good = ['2026-09-28', '2028-02-29', '1900-01-01', '9999-12-31'];
    const bad = ['2026-02-29', '2026-13-01', '2026-00-10', '2026-9-28', '20260928', '1899-12-31', ' 2026-09-28'];

    // Act / Assess
    for (const s of good) expect(isLocalDate(s)).toBe(true);
    for (const s of bad) expect(isLocalDate(s)).toBe(false);
  });

  it('names the field in DATE_INVALID', () => {
    // Act
    const attempt = () => parseLocalDate('2026-02-30', 'acceptedOn');

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: 'DATE_INVALID', kind: 'invalid' }));
    try {
      attempt();
    } catch (e) {
      expect((e as { details: { issues: { field: string }[] } }).details.issues[0]?.field).toBe('acceptedOn');
    }
  });
});

describe('Asia/Shanghai calendar dates of instants', () => {
  it('turns the date at 16:00 UTC (midnight in Wuhan)', () => {
    // Act / Assess
    expect(localDateOf(new Date('2026-09-27T15:59:59.999Z'))).toBe('2026-09-27');
    expect(localDateOf(new Date('2026-09-27T16:00:00.000Z'))).toBe('2026-09-28');
  });

  it('reads today from the clock, not the host time zone', () => {
    // Prepare
    const clock = new ManualClock('2026-12-31T23:30:00+08:00');

    // Act
    const first = today(clock);
    clock.advance({ minutes: 45 });

    // Assess
    expect(first).toBe('2026-12-31');
    expect(today(clock)).toBe('2027-01-01');
  });

  it('startOfDay is the inverse of localDateOf at midnight', () => {
    fc.assert(
      fc.property(arbLocalDate(), (date) => {
        const start = startOfDay(date);
        expect(localDateOf(start)).toBe(date);
        expect(localDateOf(new Date(start.getTime() - 1))).toBe(addDays(date, -1));
      }),
    );
  });
});

describe('calendar arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays(d('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(d('2028-02-28'), 1)).toBe('2028-02-29');
    expect(addDays(d('2028-03-01'), -1)).toBe('2028-02-29');
    expect(daysBetween(d('2026-09-28'), d('2026-10-15'))).toBe(17);
  });

  it('adds months clamping to the month end (民法典 第二百零二条)', () => {
    expect(addMonths(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(d('2028-01-31'), 1)).toBe('2028-02-29');
    expect(addMonths(d('2026-09-28'), 1)).toBe('2026-10-28');
    expect(addMonths(d('2026-11-30'), 3)).toBe('2027-02-28');
    expect(addMonths(d('2031-09-27'), -6)).toBe('2031-03-27');
    expect(addYears(d('2028-02-29'), 5)).toBe('2033-02-28');
    expect(addYears(d('2028-02-29'), 4)).toBe('2032-02-29');
  });

  it('addDays and daysBetween agree, and compareDates orders like the strings', () => {
    fc.assert(
      fc.property(arbLocalDate(), fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        const later = addDays(date, n);
        expect(daysBetween(date, later)).toBe(n);
        expect(isLocalDate(later)).toBe(true);
        expect(Math.sign(compareDates(date, later)) + 0).toBe(Math.sign(-n) + 0);
      }),
    );
  });

  it('knows the day of the week', () => {
    expect(isoWeekday(d('2026-10-10'))).toBe(6);
    expect(isoWeekday(d('2026-10-11'))).toBe(7);
    expect(isoWeekday(d('2026-09-28'))).toBe(1);
    expect(isoWeekday(d('1970-01-01'))).toBe(4);
  });
});

describe('licence validity', () => {
  it('ends the day before the fifth anniversary', () => {
    expect(validUntil(d('2026-09-28'))).toBe('2031-09-27');
    expect(validUntil(d('2026-01-01'))).toBe('2030-12-31');
    expect(validUntil(d('2026-03-01'))).toBe('2031-02-28');
    expect(validUntil(d('2027-03-01'))).toBe('2032-02-29');
  });

  it('for an issue on 29 February, the anniversary is 28 February, so validity ends on the 27th', () => {
    // Act
    const last = validUntil(d('2028-02-29'));

    // Assess
    expect(last).toBe('2033-02-27');
  });

  it('is at least 5·365 and at most 5·366 days, for any issue date', () => {
    fc.assert(
      fc.property(arbLocalDate(), (issue) => {
        const days = daysBetween(issue, validUntil(issue)) + 1;
        expect(days).toBeGreaterThanOrEqual(1825);
        expect(days).toBeLessThanOrEqual(1827);
      }),
    );
  });

  it('is expired only after the last valid day', () => {
    expect(isExpired(d('2031-09-27'), d('2031-09-27'))).toBe(false);
    expect(isExpired(d('2031-09-27'), d('2031-09-28'))).toBe(true);
    expect(isExpired(d('2031-09-27'), d('2026-09-28'))).toBe(false);
  });
});

describe('formatDateZh', () => {
  it('prints dates the Chinese way', () => {
    expect(formatDateZh(d('2026-09-08'))).toBe('2026年9月8日');
    expect(formatDateZh(d('2031-12-31'))).toBe('2031年12月31日');
  });
});
