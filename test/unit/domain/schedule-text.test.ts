/** A year's schedule as typed: dates and ranges in, the API's YearSchedule out; refusals name their field. */
import { describe, expect, test } from 'vitest';
import { scheduleFromText, scheduleText } from '../../../lambdas/domain/schedule-text';
import { issuesOf } from '../../support/thrown';

describe('scheduleFromText', () => {
  test('reads dates and ranges separated by lines, spaces, commas and 、, sorted and without repeats', () => {
    // Act
    const read = scheduleFromText({
      year: ' 2027 ',
      holidays: '2027-02-05~2027-02-07\n2027-01-01，2027-10-01..2027-10-02、2027-01-01',
      workdays: '2027-02-20 至 2027-02-20',
    });

    // Assess
    expect(read).toEqual({
      year: 2027,
      schedule: {
        holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-10-01', '2027-10-02'],
        workdays: ['2027-02-20'],
      },
    });
  });

  test('a range written with 至 between dates reads as one token', () => {
    expect(scheduleFromText({ year: '2027', holidays: '2027-05-01至2027-05-03' }).schedule.holidays).toEqual([
      '2027-05-01',
      '2027-05-02',
      '2027-05-03',
    ]);
  });

  test('refuses with WORKING_SCHEDULE_INVALID, naming each field at fault', () => {
    // Act
    const refused = issuesOf(() =>
      scheduleFromText({ year: '27', holidays: 'banana 2027-02-07~2027-02-05', workdays: '2027-01-01~2027-03-01' }),
    );

    // Assess
    expect(refused).toEqual({ code: 'WORKING_SCHEDULE_INVALID', fields: ['year', 'holidays', 'holidays', 'workdays'] });
  });

  test('empty lists are an empty schedule (a year with no holidays is the calendar’s call, not the parser’s)', () => {
    expect(scheduleFromText({ year: '2027' }).schedule).toEqual({ holidays: [], workdays: [] });
  });
});

describe('scheduleText', () => {
  test('folds consecutive days into ranges, one a line', () => {
    expect(scheduleText(['2027-02-07', '2027-02-05', '2027-02-06', '2027-05-01', '2027-12-31'])).toBe(
      '2027-02-05~2027-02-07\n2027-05-01\n2027-12-31',
    );
  });

  test('reads back as it was written', () => {
    const holidays = ['2027-01-01', '2027-02-05', '2027-02-06', '2027-04-05'];
    expect(scheduleFromText({ year: '2027', holidays: scheduleText(holidays) }).schedule.holidays).toEqual(holidays);
  });
});
