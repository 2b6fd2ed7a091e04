/**
 * Issuance deadlines in PRC working days: Spring Festival, National Day, unannounced years, loaded schedules; the
 * preview of a schedule (changed days, moved deadlines, nothing written) and the years in use.
 */
import { describe, expect, test } from 'vitest';
import { Application } from '../../../../lambdas/domain/application';
import { WorkingCalendar } from '../../../../lambdas/domain/working-days';
import {
  calendarYears,
  deadlineFrom,
  previewYearSchedule,
  recomputeDeadlines,
} from '../../../../lambdas/use-cases/applications/calendar';
import { FakeApplicationRepository } from '../../../support/fakes/application-repository';
import { FakeCalendarRepository } from '../../../support/fakes/calendar-repository';

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

describe('previewYearSchedule (what loading a schedule would change, nothing written)', () => {
  /** An application accepted on 2026-12-28, its deadline computed from the library's calendar (2027 unannounced). */
  async function acceptedOn2026_12_28(applications: FakeApplicationRepository): Promise<string> {
    const at = new Date('2026-12-28T10:00:00+08:00');
    const actor = { id: 'ent', role: 'enterprise' };
    const filed = Application.file({
      id: 'APP-20261228-AAAAAAAAAA',
      kind: 'new',
      uscc: '91420100MA4K2X1R09',
      enterpriseName: '湖北长江线缆股份有限公司',
      procedure: 'post-issuance-review',
      request: {
        kind: 'new',
        enterprise: {
          name: '湖北长江线缆股份有限公司',
          uscc: '91420100MA4K2X1R09',
          domicile: '武汉',
          productionAddresses: ['武汉'],
        },
        products: ['06-001'],
      },
      actor,
      at,
    }).submit({ actor, at });
    await applications.create(filed.toSnapshot());
    const accepted = filed.review('accept', {
      actor: { id: 'reviewer-1', role: 'reviewer' },
      at,
      deadline: deadlineFrom(library, '2026-12-28'),
    });
    await applications.save(accepted.toSnapshot(), filed.toSnapshot().revision);
    return filed.id;
  }

  test('lists exactly the days that change status and the deadlines that move, and stores nothing', async () => {
    // Prepare
    const calendars = new FakeCalendarRepository();
    const applications = new FakeApplicationRepository();
    const id = await acceptedOn2026_12_28(applications);

    // Act: New Year's Day off, a weekday off, a Saturday worked
    const preview = await previewYearSchedule(
      { calendars, applications },
      { year: 2027, schedule: { holidays: ['2027-01-01', '2027-01-04'], workdays: ['2027-01-09'] } },
    );

    // Assess
    expect(preview.days).toEqual([
      { date: '2027-01-01', workingBefore: true, workingAfter: false },
      { date: '2027-01-04', workingBefore: true, workingAfter: false },
      { date: '2027-01-09', workingBefore: false, workingAfter: true },
    ]);
    expect(preview.moves).toEqual([
      {
        applicationId: id,
        enterpriseName: '湖北长江线缆股份有限公司',
        acceptedOn: '2026-12-28',
        from: { workingDays: 9, dueOn: '2027-01-08', provisional: true, unannouncedYears: [2027] },
        to: { workingDays: 9, dueOn: '2027-01-11', provisional: false, unannouncedYears: [] },
      },
    ]);
    expect(preview.replaces).toBeUndefined();
    expect(await calendars.list()).toEqual([]);
    expect((await applications.get(id))?.deadline?.dueOn).toBe('2027-01-08');
  });

  test('against a year loaded before: only what differs from it, naming what it replaces', async () => {
    // Prepare
    const calendars = new FakeCalendarRepository();
    const stored = {
      year: 2027,
      schedule: { holidays: ['2027-01-01'], workdays: [] },
      loadedBy: 'admin-1',
      loadedAt: '2026-12-01T02:00:00.000Z',
    };
    await calendars.put(stored);

    // Act
    const preview = await previewYearSchedule(
      { calendars, applications: new FakeApplicationRepository() },
      { year: 2027, schedule: { holidays: ['2027-01-01', '2027-10-08'], workdays: [] } },
    );

    // Assess
    expect(preview.days).toEqual([{ date: '2027-10-08', workingBefore: true, workingAfter: false }]);
    expect(preview.moves).toEqual([]);
    expect(preview.replaces).toEqual(stored);
  });

  test('a schedule the calendar refuses is refused before anything is read (WORKING_SCHEDULE_INVALID)', async () => {
    await expect(
      previewYearSchedule(
        { calendars: new FakeCalendarRepository(), applications: new FakeApplicationRepository() },
        { year: 2027, schedule: { holidays: ['2026-01-01'], workdays: [] } },
      ),
    ).rejects.toMatchObject({ code: 'WORKING_SCHEDULE_INVALID' });
  });

  test('recomputeDeadlines after a load moves the same deadlines the preview listed', async () => {
    // Prepare
    const calendars = new FakeCalendarRepository();
    const applications = new FakeApplicationRepository();
    const id = await acceptedOn2026_12_28(applications);
    const schedule = { holidays: ['2027-01-01'], workdays: [] };
    const preview = await previewYearSchedule({ calendars, applications }, { year: 2027, schedule });
    await calendars.put({ year: 2027, schedule, loadedBy: 'admin-1', loadedAt: '2026-12-01T02:00:00.000Z' });

    // Act
    const changed = await recomputeDeadlines({ calendars, applications });

    // Assess
    expect(changed).toBe(preview.moves.length);
    expect((await applications.get(id))?.deadline).toEqual(preview.moves[0]?.to);
  });
});

describe('calendarYears', () => {
  test('the years around today and every loaded one, each with where its days come from', async () => {
    // Prepare
    const calendars = new FakeCalendarRepository();
    await calendars.put({
      year: 2030,
      schedule: { holidays: ['2030-01-01'], workdays: [] },
      loadedBy: 'admin-1',
      loadedAt: '2026-12-01T02:00:00.000Z',
    });

    // Act
    const years = await calendarYears({ calendars }, '2026-12-04');

    // Assess
    expect(years.map((y) => [y.year, y.source])).toEqual([
      [2025, 'library'],
      [2026, 'library'],
      [2027, 'unannounced'],
      [2030, 'loaded'],
    ]);
  });
});
