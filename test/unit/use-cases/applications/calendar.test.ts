/** Issuance deadlines in PRC working days: Spring Festival, National Day, unannounced years, loaded schedules. */
import { describe, expect, test } from 'vitest';
import { WorkingCalendar } from '../../../../lambdas/domain/working-days';
import { deadlineFrom } from '../../../../lambdas/use-cases/applications/calendar';

const library = WorkingCalendar.fromLibrary();

describe('deadlineFrom (9 working days of acceptance)', () => {
  test('across Spring Festival 2026: the holiday is skipped, the adjusted Saturdays count', () => {
    // 2/14 (Sat, 调休上班) = 1; 2/15–2/23 off; 2/24–2/27 = 2…5; 2/28 (Sat, 调休上班) = 6; 3/2–3/4 = 7…9
    expect(deadlineFrom(library, '2026-02-13')).toEqual({
      workingDays: 9,
      dueOn: '2026-03-04',
      provisional: false,
      unannouncedYears: [],
    });
  });

  test('across National Day 2026 (2026-10-10, a Saturday, is a working day)', () => {
    expect(deadlineFrom(library, '2026-09-28').dueOn).toBe('2026-10-15');
    expect(deadlineFrom(library, '2026-09-30').dueOn).toBe('2026-10-19');
  });

  test('into 2027: provisional until the official schedule is loaded, then final', () => {
    // Act
    const before = deadlineFrom(library, '2026-12-28');
    const after = deadlineFrom(library.withSchedule(2027, { holidays: ['2027-01-01'], workdays: [] }), '2026-12-28');

    // Assess
    expect(before).toEqual({ workingDays: 9, dueOn: '2027-01-08', provisional: true, unannouncedYears: [2027] });
    expect(after).toEqual({ workingDays: 9, dueOn: '2027-01-11', provisional: false, unannouncedYears: [] });
  });
});
