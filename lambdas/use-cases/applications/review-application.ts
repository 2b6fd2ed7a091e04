/**
 * reviewApplication — a reviewer's step: accept (受理; starts the 9-working-day clock of a post-issuance-review
 * application), request corrections or reject (with a comment), pass the formal review, pass or fail the on-site
 * review (general procedure). Passing the formal review of an issue-at-once application (notification–commitment,
 * post-issuance review, amendments, cancellations) carries it out at once, recorded on that reviewer's decision.
 *
 * decideApplication — the officer's decision on a general-procedure application whose on-site review passed:
 * `approve` issues, `refuse` rejects (with a comment).
 *
 * A repeated `pass-formal-review` / `approve` on an application stuck before issuance (e.g. the issuance failed)
 * resumes the issuance; the idempotency key makes a duplicate harmless.
 *
 * @example
 * await reviewApplication(deps, { viewer, applicationId, action: 'accept' });
 * await reviewApplication(deps, { viewer, applicationId, action: 'pass-formal-review', comment: '材料齐全' });
 */
import { Application, type ApplicationSnapshot, type ReviewAction } from '../../domain/application';
import { localDateOf } from '../../domain/dates';
import { ForbiddenError } from '../../domain/errors';
import { deadlineFrom, workingCalendar } from './calendar';
import { completeApplication, type DecisionDeps } from './complete-application';
import { type ApplicationViewer, actorOf } from './deps';
import { loadVisible } from './documents';

export async function reviewApplication(
  deps: DecisionDeps,
  input: { viewer: ApplicationViewer; applicationId: string; action: ReviewAction; comment?: string },
): Promise<ApplicationSnapshot> {
  if (input.viewer.kind !== 'staff') throw new ForbiddenError('FORBIDDEN', 'reviews are done by reviewers');
  const { application } = await loadVisible(deps, input.applicationId, input.viewer);
  const current = Application.rehydrate(application);
  const actor = actorOf(input.viewer);
  if (input.action === 'pass-formal-review' && current.state === 'formal-review-passed' && current.isReadyToIssue) {
    return completeApplication(deps, current, actor); // resume an interrupted issuance
  }
  const at = deps.clock.now();
  const deadline =
    input.action === 'accept' && current.tracksDeadline
      ? deadlineFrom(await workingCalendar(deps), localDateOf(at))
      : undefined;
  const next = current.review(input.action, {
    actor,
    at,
    ...(input.comment ? { comment: input.comment } : {}),
    ...(deadline ? { deadline } : {}),
  });
  await deps.applications.save(next.toSnapshot(), application.revision);
  if (input.action === 'pass-formal-review' && next.isReadyToIssue) return completeApplication(deps, next, actor);
  return next.toSnapshot();
}

export async function decideApplication(
  deps: DecisionDeps,
  input: { viewer: ApplicationViewer; applicationId: string; decision: 'approve' | 'refuse'; comment?: string },
): Promise<ApplicationSnapshot> {
  if (input.viewer.kind !== 'staff') throw new ForbiddenError('FORBIDDEN', 'decisions are made by officers');
  const { application } = await loadVisible(deps, input.applicationId, input.viewer);
  const current = Application.rehydrate(application);
  const actor = actorOf(input.viewer);
  if (input.decision === 'refuse') {
    const next = current.refuse({ actor, at: deps.clock.now(), ...(input.comment ? { comment: input.comment } : {}) });
    await deps.applications.save(next.toSnapshot(), application.revision);
    return next.toSnapshot();
  }
  return completeApplication(deps, current, actor);
}
