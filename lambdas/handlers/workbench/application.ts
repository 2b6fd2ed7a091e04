/**
 * GET /console/workbench/applications/{applicationId} — one application as staff review it (`applicationForReview`:
 * the API's read, working days left, the steps its state allows, and with `?document=` one document opened in the
 * page through the API's audited read). The review and decision forms are offered to the roles their API routes name.
 */
import { applicationDeps } from '../../composition/applications';
import { consoleWorkbenchApplicationRoute } from '../../contracts/console-workbench';
import { receivedAtOf } from '../../domain/application';
import { documentName } from '../../domain/application-documents';
import { applicationHistoryModel } from '../../presenters/console/applications';
import type { ConsoleContext } from '../../presenters/console/context';
import { type ReviewModel, reviewBody } from '../../presenters/console/workbench-applications';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { type ApplicationForReview, applicationForReview } from '../../use-cases/applications/application-review';
import { orNotFound } from '../console/page-support';

type Deps = Parameters<typeof applicationForReview>[0];

/** What is applied for, in words: the products by name with their codes, or the licence number. */
function subjectOf(r: ApplicationForReview, ctx: ConsoleContext, deps: Deps): string {
  const request = r.application.request;
  if (!('products' in request)) return request.licenceNo.toString();
  return request.products
    .map((key) => {
      const p = deps.catalogue.findProduct(key);
      return p ? `${ctx.lang === 'en' ? p.name.en : p.name.zh} (${key})` : key;
    })
    .join(ctx.lang === 'en' ? ', ' : '、');
}

/** A step refused by its use case, drawn again beside its field. */
export interface StepRefusal {
  readonly form: 'review' | 'decision';
  readonly code: string;
  readonly status: number;
  readonly comment?: string;
}

/**
 * The page; a refused step (`refused`) draws it with that status and the reason beside the comment field.
 *
 * @example
 * await workbenchApplicationPage(applicationDeps(), request);
 */
export function workbenchApplicationPage(
  deps: Deps,
  {
    viewer,
    roles,
    params,
    query,
    ctx,
  }: Pick<ConsoleRequest<typeof consoleWorkbenchApplicationRoute>, 'viewer' | 'roles' | 'params' | 'query' | 'ctx'>,
  refused?: StepRefusal,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const r = await applicationForReview(deps, {
      viewer,
      applicationId: params.applicationId,
      ...(query.document ? { openDocumentId: query.document } : {}),
    });
    const a = r.application;
    const nameOf = new Map(r.documents.map((d) => [d.id, documentName(d.type)]));
    const model: ReviewModel = {
      id: a.id,
      kind: a.kind,
      state: a.state,
      procedure: a.procedure,
      enterpriseName: a.enterpriseName,
      uscc: a.uscc,
      subject: subjectOf(r, ctx, deps),
      receivedAt: receivedAtOf(a),
      ...(a.acceptedOn ? { acceptedOn: a.acceptedOn } : {}),
      ...(a.deadline
        ? {
            deadline: {
              dueOn: a.deadline.dueOn,
              workingDays: a.deadline.workingDays,
              provisional: a.deadline.provisional,
            },
          }
        : {}),
      ...(r.workingDaysLeft ? { left: r.workingDaysLeft } : {}),
      documents: r.documents.map((d) => ({
        id: d.id,
        name: documentName(d.type),
        fileName: d.fileName,
        state: d.state,
        ...(d.contentType ? { contentType: d.contentType } : {}),
        ...(d.size ? { size: d.size } : {}),
        ...(d.sha256 ? { sha256: d.sha256 } : {}),
      })),
      ...(r.opened ? { opened: r.opened } : {}),
      reads: r.documentReads.items.map((read) => {
        const name = nameOf.get(read.documentId);
        return {
          at: read.at,
          actorId: read.actor.id,
          role: read.actor.role,
          documentName: name ? (ctx.lang === 'en' ? name.en : name.zh) : read.documentType,
        };
      }),
      moreReads: r.documentReads.more,
      ...applicationHistoryModel(a),
      // Offered to the roles the API's routes name (review: reviewer; decision: officer); the use cases still decide.
      reviewActions: roles.includes('reviewer') ? r.reviewActions : [],
      decisions: roles.includes('officer') ? r.decisions : [],
      ...(query.done ? { done: query.done } : {}),
      ...(refused
        ? {
            refused: {
              form: refused.form,
              code: refused.code,
              ...(refused.comment ? { comment: refused.comment } : {}),
            },
          }
        : {}),
    };
    return {
      kind: 'page',
      ...(refused ? { status: refused.status, returnPath: `/console/workbench/applications/${a.id}` } : {}),
      title: { zh: `申请 ${a.id}`, en: `Application ${a.id}` },
      body: reviewBody(model, ctx).toString(),
    };
  });
}

const deps = applicationDeps();

export const handler = consoleRoute(consoleWorkbenchApplicationRoute, (r) => workbenchApplicationPage(deps, r));
