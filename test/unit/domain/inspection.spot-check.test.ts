/** The spot check (双随机抽查) kind of the inspection entity: results with the day of the check, late flags, publication. */
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import type { LocalDate } from '../../../lambdas/domain/dates';
import { Inspection } from '../../../lambdas/domain/inspection';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { WorkingCalendar } from '../../../lambdas/domain/working-days';

const reviewer = { id: 'rev-1', role: 'reviewer' };
const officer = { id: 'officer-1', role: 'officer' };
const calendar = WorkingCalendar.fromLibrary();

function spotCheck(clock: ManualClock) {
  return Inspection.scheduleSpotCheck({
    id: 'INSP-PLAN-20261205-K3M9Q2ZT7A-00001',
    plan: { id: 'PLAN-20261205-K3M9Q2ZT7A', name: '2026年电线电缆抽查' },
    licenceNo: LicenceNumber.parse('(鄂)XK06-001-00001'),
    uscc: '91420100MA4K2X1R09',
    enterpriseName: '测试企业',
    team: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
    scheduledOn: '2026-09-01' as LocalDate,
    dueOn: '2026-09-30' as LocalDate,
    at: clock.now(),
  });
}

function review(clock: ManualClock) {
  return Inspection.schedule({
    id: 'INSP-APP-20260901-AAAAAAAAAA',
    kind: 'on-site-review',
    licenceNo: LicenceNumber.parse('(鄂)XK06-001-00001'),
    uscc: '91420100MA4K2X1R09',
    enterpriseName: '测试企业',
    applicationId: 'APP-20260901-AAAAAAAAAA',
    issuedOn: '2026-09-01' as LocalDate,
    at: clock.now(),
  });
}

describe('Inspection.scheduleSpotCheck', () => {
  test('is scheduled, due on the window end, with its plan and team and no application', () => {
    // Prepare
    const clock = new ManualClock('2026-08-30T09:00:00+08:00');

    // Act
    const s = spotCheck(clock).toSnapshot();

    // Assess
    expect(s).toMatchObject({
      kind: 'spot-check',
      state: 'scheduled',
      scheduledOn: '2026-09-01',
      dueOn: '2026-09-30',
      plan: { id: 'PLAN-20261205-K3M9Q2ZT7A', name: '2026年电线电缆抽查' },
      team: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
      revision: 1,
    });
    expect(s.applicationId).toBeUndefined();
    expect(s.publication).toBeUndefined();
    expect(spotCheck(clock).isPastDue('2026-10-01' as LocalDate)).toBe(true);
  });
});

describe('Inspection.record on a spot check', () => {
  test('a fail defaults to suspend and stores the day of the check; publication due 20 working days later', () => {
    // Prepare
    const clock = new ManualClock('2026-09-29T09:00:00+08:00');

    // Act
    const failed = spotCheck(clock).record(
      { outcome: 'fail', findings: '导体电阻不合格', inspectors: ['INS-7K2M9QXA'], checkedOn: '2026-09-28' },
      { actor: reviewer, at: clock.now(), calendar },
    );

    // Assess: 2026-09-28 + 20 working days crosses 国庆 (10-01…10-07 off, Saturday 10-10 worked) → 2026-10-30
    expect(failed.state).toBe('failed');
    expect(failed.failAction).toBe('suspend');
    expect(failed.toSnapshot().history.at(-1)).toMatchObject({
      event: 'fail',
      result: { action: 'suspend', checkedOn: '2026-09-28' },
    });
    expect(failed.toSnapshot().history.at(-1)?.late).toBeUndefined();
    expect(failed.toSnapshot().publication).toEqual({
      dueBy: calendar.addWorkingDays('2026-09-28' as LocalDate, 20).date,
    });
    expect(failed.toSnapshot().publication?.dueBy).toBe('2026-10-30');
    expect(failed.publicationPending).toBe(true);
  });

  test('a fail may name revoke', () => {
    // Prepare
    const clock = new ManualClock('2026-09-29T09:00:00+08:00');

    // Act
    const failed = spotCheck(clock).record(
      { outcome: 'fail', findings: 'x', inspectors: ['INS-7K2M9QXA'], action: 'revoke', checkedOn: '2026-09-29' },
      { actor: reviewer, at: clock.now(), calendar },
    );

    // Assess
    expect(failed.failAction).toBe('revoke');
  });

  test.each([
    ['missing', undefined],
    ['after today', '2026-09-30'],
    ['before it was scheduled', '2026-08-31'],
    ['not a date', '2026-02-30'],
  ])('refuses checkedOn %s with INSPECTION_RESULT_INVALID naming checkedOn', (_label, checkedOn) => {
    // Prepare
    const clock = new ManualClock('2026-09-29T09:00:00+08:00');

    // Act
    const act = () =>
      spotCheck(clock).record(
        { outcome: 'pass', ...(checkedOn ? { checkedOn } : {}) },
        { actor: reviewer, at: clock.now(), calendar },
      );

    // Assess
    expect(act).toThrow(
      expect.objectContaining({
        code: 'INSPECTION_RESULT_INVALID',
        details: expect.objectContaining({ issues: [expect.objectContaining({ field: 'checkedOn' })] }),
      }),
    );
  });

  test('a result on an overdue spot check is recorded and marked late', () => {
    // Prepare
    const clock = new ManualClock('2026-10-12T09:00:00+08:00');
    const overdue = spotCheck(clock).markOverdue(clock.now());

    // Act
    const passed = overdue.record(
      { outcome: 'pass', checkedOn: '2026-10-09' },
      { actor: reviewer, at: clock.now(), calendar },
    );

    // Assess
    expect(overdue.state).toBe('overdue');
    expect(passed.state).toBe('passed');
    expect(passed.toSnapshot().history.map((h) => h.event)).toEqual(['scheduled', 'overdue', 'pass']);
    expect(passed.toSnapshot().history.at(-1)?.late).toBe(true);
  });

  test('a check done after the due date is late even before the job marked it', () => {
    // Prepare
    const clock = new ManualClock('2026-10-01T09:00:00+08:00');

    // Act
    const passed = spotCheck(clock).record(
      { outcome: 'pass', checkedOn: '2026-10-01' },
      { actor: reviewer, at: clock.now(), calendar },
    );

    // Assess
    expect(passed.toSnapshot().history.at(-1)?.late).toBe(true);
  });

  test('a later result makes the publication pending again with a new due date; an earlier check day is refused', () => {
    // Prepare
    const clock = new ManualClock('2026-09-10T09:00:00+08:00');
    const rectifying = spotCheck(clock).record(
      { outcome: 'rectify', rectifyBy: '2026-11-30', findings: '标识不全', checkedOn: '2026-09-09' },
      { actor: reviewer, at: clock.now(), calendar },
    );
    const published = rectifying.publish({ actor: officer, at: clock.now() });
    clock.set(new Date('2026-11-20T09:00:00+08:00'));

    // Act
    const tooEarly = () =>
      published.record({ outcome: 'pass', checkedOn: '2026-09-08' }, { actor: reviewer, at: clock.now(), calendar });
    const passed = published.record(
      { outcome: 'pass', checkedOn: '2026-11-19' },
      { actor: reviewer, at: clock.now(), calendar },
    );

    // Assess
    expect(tooEarly).toThrow(expect.objectContaining({ code: 'INSPECTION_RESULT_INVALID' }));
    expect(published.toSnapshot().publication).toMatchObject({ dueBy: '2026-10-13', publishedBy: 'officer-1' });
    expect(published.publicationPending).toBe(false);
    expect(passed.toSnapshot().publication).toEqual({ dueBy: '2026-12-17' });
    expect(passed.publicationPending).toBe(true);
  });
});

describe('Inspection.publish', () => {
  test('publishes a pending result once, recorded in the history; a second publish is refused', () => {
    // Prepare
    const clock = new ManualClock('2026-09-29T09:00:00+08:00');
    const passed = spotCheck(clock).record(
      { outcome: 'pass', checkedOn: '2026-09-29' },
      { actor: reviewer, at: clock.now(), calendar },
    );

    // Act
    const published = passed.publish({ actor: officer, at: clock.now() });

    // Assess
    expect(published.toSnapshot().publication).toEqual({
      dueBy: passed.toSnapshot().publication?.dueBy,
      publishedAt: clock.now().toISOString(),
      publishedBy: 'officer-1',
    });
    expect(published.revision).toBe(passed.revision + 1);
    expect(published.toSnapshot().history.at(-1)).toMatchObject({ event: 'published', actor: officer });
    expect(() => published.publish({ actor: officer, at: clock.now() })).toThrow(
      expect.objectContaining({ code: 'INSPECTION_TRANSITION_INVALID' }),
    );
  });

  test('refuses a spot check without a result and a post-issuance review', () => {
    // Prepare
    const clock = new ManualClock('2026-09-29T09:00:00+08:00');
    const passedReview = review(clock).record({ outcome: 'pass' }, { actor: reviewer, at: clock.now() });

    // Act
    const unrecorded = () => spotCheck(clock).publish({ actor: officer, at: clock.now() });
    const ofReview = () => passedReview.publish({ actor: officer, at: clock.now() });

    // Assess
    expect(unrecorded).toThrow(expect.objectContaining({ code: 'INSPECTION_TRANSITION_INVALID' }));
    expect(ofReview).toThrow(expect.objectContaining({ code: 'INSPECTION_TRANSITION_INVALID' }));
  });
});

describe('Inspection.record on a post-issuance review', () => {
  test('refuses checkedOn and a suspend action; accepts revoke; has no publication', () => {
    // Prepare
    const clock = new ManualClock('2026-09-10T09:00:00+08:00');
    const ctx = { actor: reviewer, at: clock.now() };

    // Act
    const withDay = () => review(clock).record({ outcome: 'pass', checkedOn: '2026-09-09' }, ctx);
    const suspend = () =>
      review(clock).record({ outcome: 'fail', findings: 'x', inspectors: ['张三'], action: 'suspend' }, ctx);
    const revoked = review(clock).record(
      { outcome: 'fail', findings: 'x', inspectors: ['张三'], action: 'revoke' },
      ctx,
    );

    // Assess
    expect(withDay).toThrow(
      expect.objectContaining({
        code: 'INSPECTION_RESULT_INVALID',
        details: expect.objectContaining({ issues: [expect.objectContaining({ field: 'checkedOn' })] }),
      }),
    );
    expect(suspend).toThrow(
      expect.objectContaining({
        code: 'INSPECTION_RESULT_INVALID',
        details: expect.objectContaining({ issues: [expect.objectContaining({ field: 'action' })] }),
      }),
    );
    expect(revoked.failAction).toBe('revoke');
    expect(revoked.toSnapshot().publication).toBeUndefined();
  });
});

describe('a publication due in a year not yet announced', () => {
  test('is provisional, moves when that year is loaded, and stays put once published or when nothing changes', () => {
    // Prepare: checked on Monday 2026-12-21; 2027 unannounced in the library's data
    const clock = new ManualClock('2026-12-21T15:00:00+08:00');
    const recorded = spotCheck(clock).record(
      { outcome: 'pass', checkedOn: '2026-12-21' },
      { actor: reviewer, at: clock.now(), calendar },
    );
    const loaded = calendar.withSchedule(2027, { holidays: ['2027-01-01'], workdays: [] });

    // Act
    const moved = recorded.withPublicationDueOn(loaded);
    const published = moved.publish({ actor: officer, at: clock.now() });

    // Assess
    expect(recorded.toSnapshot().publication).toEqual({ dueBy: '2027-01-18', provisional: true });
    expect(moved.toSnapshot().publication).toEqual({ dueBy: '2027-01-19' });
    expect(moved.revision).toBe(recorded.revision + 1);
    expect(moved.withPublicationDueOn(loaded)).toBe(moved);
    expect(published.withPublicationDueOn(calendar)).toBe(published);
  });
});
