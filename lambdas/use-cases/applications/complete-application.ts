/**
 * completeApplication — carries out an application whose review is done, on the decision of `decider`:
 * issues through `issueCertificate` (idempotency key `application:{id}`, so a repeated decision never issues twice),
 * and in the **same transaction** stores the application as issued (conditioned on its revision), schedules the
 * post-issuance inspection, and writes the paper-copy dispatch outbox record when one was asked for. A cancellation
 * goes through `changeCertificateStatus` instead.
 *
 * A paper reissue (补领) goes through `reissuePaper` (same version, new paper serial) with the same extra writes.
 *
 * Error codes: those of `issueCertificate` / `reissuePaper` / `changeCertificateStatus`.
 *
 * @example
 * const issued = await completeApplication(deps, Application.rehydrate(snapshot), { id: 'reviewer-1', role: 'reviewer' });
 */
import type { Application, ApplicationSnapshot } from '../../domain/application';
import { localDateOf } from '../../domain/dates';
import { dispatchIdOf } from '../../domain/dispatch';
import { ConflictError } from '../../domain/errors';
import { Inspection } from '../../domain/inspection';
import type { ExtraWrite } from '../../ports/certificate-repository';
import type { ReprintRepository } from '../../ports/reprint-repository';
import { changeCertificateStatus, type StatusChangeDeps } from '../change-certificate-status';
import { dispatchOutboxWrites } from '../dispatch/outbox';
import { type IssuanceChange, type IssuanceDeps, issueCertificate } from '../issue-certificate';
import type { ApplicationDeps } from './deps';
import { paperCopyAddress } from './paper-copy';
import { reissuePaper } from './reissue-paper';

export interface DecisionDeps extends ApplicationDeps {
  readonly reprints: ReprintRepository;
  /** Resolved only when a decision issues (the signer and renderer load lazily). */
  readonly issuance: () => Promise<IssuanceDeps>;
  readonly statusChange: StatusChangeDeps;
  /** Best-effort queue send for dispatch records just committed (never throws; the relay re-sends what is left). */
  readonly notifyDispatches?: (dispatchIds: readonly string[]) => Promise<void>;
}

function issuanceChange(app: ApplicationSnapshot): IssuanceChange {
  const r = app.request;
  switch (r.kind) {
    case 'new':
    case 'add-products':
      return { kind: 'licence', enterprise: r.enterprise, products: r.products };
    case 'amend':
      return { kind: 'amend', licenceNo: r.licenceNo, changes: r.changes };
    case 'renew':
      return { kind: 'renew', licenceNo: r.licenceNo };
    default:
      throw new Error(`no issuance for ${r.kind}`);
  }
}

export async function completeApplication(
  deps: DecisionDeps,
  app: Application,
  decider: { id: string; role: string },
): Promise<ApplicationSnapshot> {
  const ready = app.toSnapshot();
  if (!app.isReadyToIssue) {
    throw new ConflictError(
      'APPLICATION_TRANSITION_INVALID',
      app.needsOnSiteReviewFirst
        ? `the on-site review of ${ready.id} has not passed (it is ${ready.state})`
        : `application ${ready.id} is ${ready.state}, not ready to be carried out`,
      { state: ready.state },
    );
  }
  const at = deps.clock.now();
  const on = localDateOf(at);
  const ctx = { actor: decider, at };
  const request = ready.request;
  if (request.kind === 'reissue') return reissueFor(deps, app, ctx);
  if (request.kind === 'cancel') {
    const head = await deps.certificates.get(request.licenceNo);
    if (head && head.certificate.status !== 'cancelled') {
      await changeCertificateStatus(deps.statusChange, {
        licenceNo: request.licenceNo,
        action: 'cancel',
        actor: { type: 'user', id: decider.id, role: decider.role },
        publicReason: '依申请注销 / Cancelled at the holder’s request',
        legalBasis: `《工业产品生产许可证管理条例》；申请 ${ready.id}`,
      });
    }
    const closed = app.complete({ licenceNo: request.licenceNo, on }, ctx).toSnapshot();
    await deps.applications.save(closed, ready.revision);
    return closed;
  }
  let completed: ApplicationSnapshot | undefined;
  const result = await issueCertificate(await deps.issuance(), {
    change: issuanceChange(ready),
    actor: { type: 'user', id: decider.id, role: decider.role },
    idempotencyKey: `application:${ready.id}`,
    source: `application:${ready.id}`,
    extraWrites: ({ licenceNo, version, paperSerial }) => {
      completed = app.complete({ licenceNo, version, on }, ctx).toSnapshot();
      const writes: ExtraWrite[] = [...deps.applications.saveWrites(completed, ready.revision)];
      const kind = app.inspectionAfterIssue;
      if (kind) {
        const inspection = Inspection.schedule({
          id: `INSP-${ready.id}`,
          kind,
          licenceNo,
          uscc: ready.uscc,
          enterpriseName: ready.enterpriseName,
          applicationId: ready.id,
          issuedOn: on,
          at,
        });
        writes.push(deps.inspections.createWrite(inspection.toSnapshot()));
      }
      if (ready.paperCopy) {
        writes.push(
          ...dispatchOutboxWrites({
            licenceNo,
            version,
            paperSerial,
            uscc: ready.uscc,
            address: paperCopyAddress(ready.paperCopy.address),
            reason: version === 1 ? 'issue' : 'new-version',
            requestedBy: decider.id,
            at,
          }),
        );
      }
      return writes;
    },
  });
  if (ready.paperCopy) await deps.notifyDispatches?.([dispatchIdOf(result.version.paperSerial)]);
  if (result.replayed || !completed) {
    const stored = await deps.applications.get(ready.id);
    if (!stored) throw new Error(`application ${ready.id} vanished after issuance`);
    return stored;
  }
  return completed;
}

async function reissueFor(
  deps: DecisionDeps,
  app: Application,
  ctx: { actor: { id: string; role: string }; at: Date },
): Promise<ApplicationSnapshot> {
  const ready = app.toSnapshot();
  const on = localDateOf(ctx.at);
  let completed: ApplicationSnapshot | undefined;
  const result = await reissuePaper(
    { ...(await deps.issuance()), reprints: deps.reprints },
    {
      licenceNo: (ready.request as { licenceNo: string }).licenceNo,
      actor: { type: 'user', id: ctx.actor.id, role: ctx.actor.role },
      idempotencyKey: `application:${ready.id}`,
      source: `application:${ready.id}`,
      extraWrites: (print) => {
        completed = app
          .complete({ licenceNo: print.licenceNo, version: print.version, paperSerial: print.paperSerial, on }, ctx)
          .toSnapshot();
        const writes: ExtraWrite[] = [...deps.applications.saveWrites(completed, ready.revision)];
        if (ready.paperCopy) {
          writes.push(
            ...dispatchOutboxWrites({
              licenceNo: print.licenceNo,
              version: print.version,
              paperSerial: print.paperSerial,
              uscc: ready.uscc,
              address: paperCopyAddress(ready.paperCopy.address),
              reason: 'reissue',
              requestedBy: ctx.actor.id,
              at: ctx.at,
            }),
          );
        }
        return writes;
      },
    },
  );
  if (ready.paperCopy) await deps.notifyDispatches?.([dispatchIdOf(result.print.paperSerial)]);
  if (result.replayed || !completed) {
    const stored = await deps.applications.get(ready.id);
    if (!stored) throw new Error(`application ${ready.id} vanished after the reissue`);
    return stored;
  }
  return completed;
}
