/** The post-issuance review entity, with a ManualClock. */
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import type { LocalDate } from '../../../lambdas/domain/dates';
import { Inspection } from '../../../lambdas/domain/inspection';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';

const reviewer = { id: 'rev-1', role: 'reviewer' };

function scheduled(clock: ManualClock) {
  return Inspection.schedule({
    id: 'INSP-APP-20261127-AAAAAAAAAA',
    kind: 'on-site-review',
    licenceNo: LicenceNumber.parse('(鄂)XK06-001-00001'),
    uscc: '91420100MA4K2X1R09',
    enterpriseName: '测试企业',
    applicationId: 'APP-20261127-AAAAAAAAAA',
    issuedOn: '2026-01-31' as LocalDate,
    at: clock.now(),
  });
}

describe('Inspection', () => {
  test('is due one month after issue (end of month clamps)', () => {
    expect(scheduled(new ManualClock()).toSnapshot().dueOn).toBe('2026-02-28');
  });

  test('past due the day after its due date, not on it', () => {
    const inspection = scheduled(new ManualClock());
    expect(inspection.isPastDue('2026-02-28' as LocalDate)).toBe(false);
    expect(inspection.isPastDue('2026-03-01' as LocalDate)).toBe(true);
  });

  test('marked overdue once; a second mark is refused', () => {
    const clock = new ManualClock('2026-03-02T09:00:00+08:00');
    const overdue = scheduled(clock).markOverdue(clock.now());
    expect(overdue.state).toBe('overdue');
    expect(() => overdue.markOverdue(clock.now())).toThrow(
      expect.objectContaining({ code: 'INSPECTION_TRANSITION_INVALID' }),
    );
  });

  test('rectify then pass; a closed review takes no more results', () => {
    const clock = new ManualClock('2026-02-10T09:00:00+08:00');
    const rectifying = scheduled(clock).record(
      { outcome: 'rectify', rectifyBy: '2026-03-10', findings: '标识' },
      { actor: reviewer, at: clock.now() },
    );
    expect(rectifying.overdueAfter).toBe('2026-03-10');
    const passed = rectifying.record({ outcome: 'pass' }, { actor: reviewer, at: clock.now() });
    expect(passed.state).toBe('passed');
    expect(() =>
      passed.record({ outcome: 'fail', findings: 'x', inspectors: ['a'] }, { actor: reviewer, at: clock.now() }),
    ).toThrow(expect.objectContaining({ code: 'INSPECTION_TRANSITION_INVALID' }));
  });
});
