/** The application entity's state machine, with a ManualClock: no network, no waiting. */
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { Application, type ApplicationRequest, receivedAtOf } from '../../../lambdas/domain/application';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { Procedure } from '../../../lambdas/domain/procedure';

const enterprise = { id: 'ent-1', role: 'enterprise' };
const reviewer = { id: 'rev-1', role: 'reviewer' };
const officer = { id: 'off-1', role: 'officer' };
const request: ApplicationRequest = {
  kind: 'new',
  enterprise: { name: '测试企业', uscc: '91420100MA4K2X1R09', domicile: '武汉', productionAddresses: ['武汉'] },
  products: ['06-001'],
};

function draft(procedure: Procedure, clock = new ManualClock('2026-09-28T09:00:00+08:00')) {
  return Application.file({
    id: 'APP-20260928-AAAAAAAAAA',
    kind: 'new',
    uscc: '91420100MA4K2X1R09',
    enterpriseName: '测试企业',
    procedure,
    request,
    actor: enterprise,
    at: clock.now(),
  });
}

describe('Application', () => {
  test('records every step on the timeline with who, when and comment; revision grows by one per step', () => {
    // Prepare
    const clock = new ManualClock('2026-09-28T09:00:00+08:00');
    const deadline = { workingDays: 9, dueOn: '2026-10-15', provisional: false, unannouncedYears: [] };

    // Act
    const submitted = draft('post-issuance-review', clock).submit({ actor: enterprise, at: clock.now() });
    clock.advance({ hours: 2 });
    const accepted = submitted.review('accept', { actor: reviewer, at: clock.now(), deadline, comment: '受理' });

    // Assess
    const s = accepted.toSnapshot();
    expect(s.state).toBe('accepted');
    expect(s.acceptedOn).toBe('2026-09-28');
    expect(s.deadline).toEqual(deadline);
    expect(s.revision).toBe(3);
    expect(s.timeline.map((t) => [t.action, t.from, t.to, t.actor.role])).toEqual([
      ['file', null, 'draft', 'enterprise'],
      ['submit', 'draft', 'submitted', 'enterprise'],
      ['accept', 'submitted', 'accepted', 'reviewer'],
    ]);
    expect(s.timeline.at(-1)).toMatchObject({ at: '2026-09-28T03:00:00.000Z', comment: '受理' });
  });

  test('corrections go back to the enterprise, which submits again', () => {
    const at = new Date('2026-09-28T01:00:00Z');
    const corrected = draft('general')
      .submit({ actor: enterprise, at })
      .review('request-corrections', { actor: reviewer, at, comment: '检测报告缺少签章' })
      .submit({ actor: enterprise, at });
    expect(corrected.state).toBe('submitted');
  });

  test.each(['request-corrections', 'reject'] as const)('%s needs a comment', (action) => {
    const at = new Date();
    const submitted = draft('general').submit({ actor: enterprise, at });
    expect(() => submitted.review(action, { actor: reviewer, at })).toThrow(
      expect.objectContaining({ code: 'APPLICATION_COMMENT_REQUIRED' }),
    );
  });

  test('refuses steps the state does not allow', () => {
    const at = new Date();
    expect(() => draft('general').review('accept', { actor: reviewer, at })).toThrow(
      expect.objectContaining({ code: 'APPLICATION_TRANSITION_INVALID' }),
    );
    const submitted = draft('general').submit({ actor: enterprise, at });
    expect(() => submitted.review('pass-formal-review', { actor: reviewer, at })).toThrow(
      expect.objectContaining({ code: 'APPLICATION_TRANSITION_INVALID' }),
    );
  });

  test('general procedure: not ready to issue until the on-site review passes', () => {
    // Prepare
    const at = new Date('2026-09-28T01:00:00Z');
    const formal = draft('general')
      .submit({ actor: enterprise, at })
      .review('accept', { actor: reviewer, at })
      .review('pass-formal-review', { actor: reviewer, at });

    // Act
    const onSite = formal.review('pass-on-site-review', { actor: reviewer, at });
    const licenceNo = LicenceNumber.parse('(鄂)XK85-901-00001');
    const issued = onSite.complete({ licenceNo, version: 1, on: '2026-09-28' }, { actor: officer, at });

    // Assess
    expect(formal.needsOnSiteReviewFirst).toBe(true);
    expect(formal.isReadyToIssue).toBe(false);
    expect(() => formal.complete({ licenceNo, on: '2026-09-28' }, { actor: officer, at })).toThrow(
      expect.objectContaining({ code: 'APPLICATION_TRANSITION_INVALID' }),
    );
    expect(issued.toSnapshot()).toMatchObject({ state: 'issued', outcome: { licenceNo } });
    expect(issued.toSnapshot().timeline.at(-1)).toMatchObject({ action: 'issue', actor: officer });
  });

  test('on-site steps apply to the general procedure only', () => {
    const at = new Date();
    const formal = draft('post-issuance-review')
      .submit({ actor: enterprise, at })
      .review('accept', { actor: reviewer, at })
      .review('pass-formal-review', { actor: reviewer, at });
    expect(formal.isReadyToIssue).toBe(true);
    expect(formal.inspectionAfterIssue).toBe('on-site-review');
    expect(() => formal.review('pass-on-site-review', { actor: reviewer, at })).toThrow(
      expect.objectContaining({ code: 'APPLICATION_TRANSITION_INVALID' }),
    );
  });

  test('which procedures track a deadline and schedule a review after issue', () => {
    expect(draft('post-issuance-review').tracksDeadline).toBe(true);
    expect(draft('notification-commitment').tracksDeadline).toBe(false);
    expect(draft('notification-commitment').inspectionAfterIssue).toBe('routine-inspection');
    expect(draft('general').inspectionAfterIssue).toBeUndefined();
  });

  test('the steps a state allows: what a page offers each role (the transitions themselves decide)', () => {
    // Prepare
    const at = new Date('2026-09-28T01:00:00Z');
    const submitted = draft('general').submit({ actor: enterprise, at });
    const accepted = submitted.review('accept', { actor: reviewer, at });
    const formal = accepted.review('pass-formal-review', { actor: reviewer, at });
    const onSite = formal.review('pass-on-site-review', { actor: reviewer, at });
    const postFormal = draft('post-issuance-review')
      .submit({ actor: enterprise, at })
      .review('accept', { actor: reviewer, at })
      .review('pass-formal-review', { actor: reviewer, at });

    // Assess
    expect(draft('general').reviewActions).toEqual([]);
    expect(submitted.reviewActions).toEqual(['accept', 'request-corrections', 'reject']);
    expect(accepted.reviewActions).toEqual(['request-corrections', 'reject', 'pass-formal-review']);
    expect(formal.reviewActions).toEqual(['reject', 'pass-on-site-review', 'fail-on-site-review']);
    expect(onSite.reviewActions).toEqual(['reject']);
    expect(onSite.decisions).toEqual(['approve', 'refuse']);
    expect(formal.decisions).toEqual([]);
    // Stuck before issuance (the issuance failed): passing again resumes it.
    expect(postFormal.reviewActions).toEqual(['reject', 'pass-formal-review']);
  });

  test('received: the first submission, not the filing (nor a later submission after corrections)', () => {
    const filedAt = new Date('2026-09-28T01:00:00Z');
    const first = new Date('2026-09-29T01:00:00Z');
    const again = new Date('2026-10-09T01:00:00Z');
    const app = draft('general', new ManualClock(filedAt.toISOString()))
      .submit({ actor: enterprise, at: first })
      .review('request-corrections', { actor: reviewer, at: first, comment: '补正' })
      .submit({ actor: enterprise, at: again });
    expect(receivedAtOf(app.toSnapshot())).toBe(first.toISOString());
    expect(receivedAtOf(draft('general', new ManualClock(filedAt.toISOString())).toSnapshot())).toBe(
      filedAt.toISOString(),
    );
  });
});
