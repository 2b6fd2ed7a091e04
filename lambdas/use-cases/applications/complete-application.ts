/**
 * completeApplication — carries out an application whose review is done, on the decision of `decider`:
 * issues through `issueCertificate` (idempotency key `application:{id}`, so a repeated decision never issues twice)
 * with the application's paper copy, and hands it, for the **same transaction**, its own typed parts: the application
 * stored as issued (conditioned on its revision) and the post-issuance inspection scheduled. A cancellation goes
 * through `changeCertificateStatus` instead; a paper reissue (补领) through `reissuePaper` (same version, new paper
 * serial) with the application's part. One clock for the whole decision: this use case's.
 *
 * Error codes: those of `issueCertificate` / `reissuePaper` / `changeCertificateStatus`.
 *
 * @example
 * const issued = await completeApplication(deps, Application.rehydrate(snapshot), { id: 'reviewer-1', role: 'reviewer' });
 */
import type { Application, ApplicationSnapshot } from '../../domain/application';
import { localDateOf } from '../../domain/dates';
import { ConflictError } from '../../domain/errors';
import { Inspection } from '../../domain/inspection';
import type { ReprintRepository } from '../../ports/reprint-repository';
import type { TransactionPart } from '../../ports/transaction-parts';
import { changeCertificateStatus, type StatusChangeDeps } from '../change-certificate-status';
import { type IssuanceChange, type IssuanceDeps, type IssuedRef, issueCertificate } from '../issue-certificate';
import type { ApplicationDeps } from './deps';
import { paperCopyAddress } from './paper-copy';
import { reissuePaper } from './reissue-paper';

export interface DecisionDeps extends ApplicationDeps {
  readonly reprints: ReprintRepository;
  /** Resolved only when a decision issues (the signer and renderer load lazily). */
  readonly issuance: () => Promise<IssuanceDeps>;
  readonly statusChange: StatusChangeDeps;
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

/** The application's paper copy, read back from the application and validated again. */
const paperCopyOf = (app: ApplicationSnapshot) =>
  app.paperCopy ? { paperCopy: { address: paperCopyAddress(app.paperCopy.address) } } : {};

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
  const request = ready.request;
  const actor = { type: 'user' as const, id: decider.id, role: decider.role };
  if (request.kind === 'reissue') return reissueFor(deps, app, decider);
  if (request.kind === 'cancel') {
    const at = deps.clock.now();
    const head = await deps.certificates.get(request.licenceNo);
    if (head && head.certificate.status !== 'cancelled') {
      await changeCertificateStatus(
        { ...deps.statusChange, clock: deps.clock },
        {
          licenceNo: request.licenceNo,
          action: 'cancel',
          actor,
          publicReason: '依申请注销 / Cancelled at the holder’s request',
          legalBasis: `《工业产品生产许可证管理条例》；申请 ${ready.id}`,
        },
      );
    }
    const closed = app
      .complete({ licenceNo: request.licenceNo, on: localDateOf(at) }, { actor: decider, at })
      .toSnapshot();
    await deps.applications.save(closed, ready.revision);
    return closed;
  }
  let completed: ApplicationSnapshot | undefined;
  const result = await issueCertificate(
    { ...(await deps.issuance()), clock: deps.clock },
    {
      change: issuanceChange(ready),
      actor,
      idempotencyKey: `application:${ready.id}`,
      source: `application:${ready.id}`,
      ...paperCopyOf(ready),
      parts: (issued: IssuedRef): TransactionPart[] => {
        const on = localDateOf(issued.at);
        completed = app
          .complete({ licenceNo: issued.licenceNo, version: issued.version, on }, { actor: decider, at: issued.at })
          .toSnapshot();
        const parts: TransactionPart[] = [
          { kind: 'application-saved', application: completed, expectedRevision: ready.revision },
        ];
        const kind = app.inspectionAfterIssue;
        if (kind) {
          const inspection = Inspection.schedule({
            id: `INSP-${ready.id}`,
            kind,
            licenceNo: issued.licenceNo,
            uscc: ready.uscc,
            enterpriseName: ready.enterpriseName,
            applicationId: ready.id,
            issuedOn: on,
            at: issued.at,
          });
          parts.push({ kind: 'inspection-scheduled', inspection: inspection.toSnapshot() });
        }
        return parts;
      },
    },
  );
  return result.replayed || !completed ? storedAfter(deps, ready.id, 'issuance') : completed;
}

async function reissueFor(
  deps: DecisionDeps,
  app: Application,
  decider: { id: string; role: string },
): Promise<ApplicationSnapshot> {
  const ready = app.toSnapshot();
  let completed: ApplicationSnapshot | undefined;
  const result = await reissuePaper(
    { ...(await deps.issuance()), clock: deps.clock, reprints: deps.reprints },
    {
      licenceNo: (ready.request as Extract<ApplicationSnapshot['request'], { kind: 'cancel' | 'reissue' }>).licenceNo,
      actor: { type: 'user', id: decider.id, role: decider.role },
      idempotencyKey: `application:${ready.id}`,
      source: `application:${ready.id}`,
      ...paperCopyOf(ready),
      parts: (reprinted: IssuedRef): TransactionPart[] => {
        completed = app
          .complete(
            {
              licenceNo: reprinted.licenceNo,
              version: reprinted.version,
              paperSerial: reprinted.paperSerial,
              on: localDateOf(reprinted.at),
            },
            { actor: decider, at: reprinted.at },
          )
          .toSnapshot();
        return [{ kind: 'application-saved', application: completed, expectedRevision: ready.revision }];
      },
    },
  );
  return result.replayed || !completed ? storedAfter(deps, ready.id, 'the reissue') : completed;
}

/** The application as stored after a replayed issuance (the first attempt stored it in its transaction). */
async function storedAfter(deps: DecisionDeps, id: string, what: string): Promise<ApplicationSnapshot> {
  const stored = await deps.applications.get(id);
  if (!stored) throw new Error(`application ${id} vanished after ${what}`);
  return stored;
}
