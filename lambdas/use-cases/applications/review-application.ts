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
 * Every step that moves an application on (`accept`, `pass-formal-review`, `pass-on-site-review`, `approve`, and a
 * resumed issuance) first re-reads the kept copy of each required document and compares its SHA-256 with the one
 * recorded by the check: 409 `DOCUMENT_DIGEST_MISMATCH`, nothing written, when one no longer matches. Steps that turn
 * an application down (`reject`, `request-corrections`, `fail-on-site-review`, `refuse`) stay possible whatever
 * happened to its documents.
 *
 * @example
 * await reviewApplication(deps, { viewer, applicationId, action: 'accept' });
 * await reviewApplication(deps, { viewer, applicationId, action: 'pass-formal-review', comment: '材料齐全' });
 */
import { Application, type ApplicationSnapshot, type ReviewAction } from '../../domain/application';
import { localDateOf } from '../../domain/dates';
import { ForbiddenError } from '../../domain/errors';
import { actorOf, type Viewer } from '../../domain/viewer';
import { deadlineFrom, workingCalendar } from './calendar';
import { completeApplication, type DecisionDeps } from './complete-application';
import { loadVisible, verifyApplicationDocuments } from './documents';

/** The steps that rely on the documents: they re-verify the kept copies first. */
const MOVES_ON: ReadonlySet<ReviewAction> = new Set(['accept', 'pass-formal-review', 'pass-on-site-review']);

export async function reviewApplication(
  deps: DecisionDeps,
  input: { viewer: Viewer; applicationId: string; action: ReviewAction; comment?: string },
): Promise<ApplicationSnapshot> {
  if (input.viewer.kind !== 'staff') throw new ForbiddenError('FORBIDDEN', 'reviews are done by reviewers');
  const { application, documents } = await loadVisible(deps, input.applicationId, input.viewer);
  const current = Application.rehydrate(application);
  const actor = actorOf(input.viewer);
  if (input.action === 'pass-formal-review' && current.state === 'formal-review-passed' && current.isReadyToIssue) {
    await verifyApplicationDocuments(deps, application, documents);
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
  if (MOVES_ON.has(input.action)) await verifyApplicationDocuments(deps, application, documents);
  await deps.applications.save(next.toSnapshot(), application.revision);
  if (input.action === 'pass-formal-review' && next.isReadyToIssue) return completeApplication(deps, next, actor);
  return next.toSnapshot();
}

export async function decideApplication(
  deps: DecisionDeps,
  input: { viewer: Viewer; applicationId: string; decision: 'approve' | 'refuse'; comment?: string },
): Promise<ApplicationSnapshot> {
  if (input.viewer.kind !== 'staff') throw new ForbiddenError('FORBIDDEN', 'decisions are made by officers');
  const { application, documents } = await loadVisible(deps, input.applicationId, input.viewer);
  const current = Application.rehydrate(application);
  const actor = actorOf(input.viewer);
  if (input.decision === 'refuse') {
    const next = current.refuse({ actor, at: deps.clock.now(), ...(input.comment ? { comment: input.comment } : {}) });
    await deps.applications.save(next.toSnapshot(), application.revision);
    return next.toSnapshot();
  }
  if (current.isReadyToIssue) await verifyApplicationDocuments(deps, application, documents);
  return completeApplication(deps, current, actor);
}
