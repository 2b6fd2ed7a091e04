/**
 * ISO weeks of calendar dates: Monday to Sunday, a week in the year of its Thursday (so late December can be week 1
 * of the next year and early January week 53 of the last), and periods of whole weeks (at most 53; never backwards).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays, daysBetween, isoWeekday, parseLocalDate } from '../../../lambdas/domain/dates';
import { isoWeekOf, MAX_PERIOD_WEEKS, mondayOf, weeksOf } from '../../../lambdas/domain/iso-week';
import { arbLocalDate } from '../../support/arbitraries';
import { codeOf } from '../../support/thrown';

const d = (s: string) => parseLocalDate(s);

describe('isoWeekOf', () => {
  test.each([
    ['2026-12-04', '2026-W49', '2026-11-30', '2026-12-06'],
    ['2026-01-01', '2026-W01', '2025-12-29', '2026-01-04'],
    ['2027-01-03', '2026-W53', '2026-12-28', '2027-01-03'],
    ['2027-01-04', '2027-W01', '2027-01-04', '2027-01-10'],
    ['2024-12-30', '2025-W01', '2024-12-30', '2025-01-05'],
    ['2021-01-03', '2020-W53', '2020-12-28', '2021-01-03'],
  ])('%s is in %s (%s – %s)', (date, label, monday, sunday) => {
    // Act / Assess
    expect(isoWeekOf(d(date))).toEqual({ label, monday, sunday });
  });

  test('every date lies in its week, which starts on a Monday and holds its Thursday’s year', () => {
    fc.assert(
      fc.property(arbLocalDate(), (date) => {
        const week = isoWeekOf(date);
        expect(isoWeekday(week.monday)).toBe(1);
        expect(daysBetween(week.monday, date)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(date, week.sunday)).toBeGreaterThanOrEqual(0);
        expect(week.label.slice(0, 4)).toBe(addDays(week.monday, 3).slice(0, 4));
        expect(mondayOf(date)).toBe(week.monday);
      }),
    );
  });
});

describe('weeksOf', () => {
  test('whole weeks from the week of `from` to the week of `to`, oldest first', () => {
    // Act
    const weeks = weeksOf(d('2026-12-31'), d('2027-01-12'));

    // Assess
    expect(weeks.map((w) => w.label)).toEqual(['2026-W53', '2027-W01', '2027-W02']);
  });

  test(`one day is one week; ${MAX_PERIOD_WEEKS} weeks is the most; backwards is refused`, () => {
    // Act / Assess
    expect(weeksOf(d('2026-12-02'), d('2026-12-02'))).toHaveLength(1);
    expect(weeksOf(d('2025-12-29'), d('2026-12-31'))).toHaveLength(MAX_PERIOD_WEEKS);
    expect(codeOf(() => weeksOf(d('2025-12-28'), d('2026-12-31')))).toBe('STATS_PERIOD_INVALID');
    expect(codeOf(() => weeksOf(d('2026-12-02'), d('2026-12-01')))).toBe('STATS_PERIOD_INVALID');
  });
});
