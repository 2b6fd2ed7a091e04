/**
 * GET /console/applications/{applicationId} — follow one application: its state, working days left, the documents
 * step, the corrections asked for and the answer, the timeline, the decision, the licence and its paper copy.
 */

import { consoleDeps } from '../../composition/console';
import { applicationOverviewDeps } from '../../composition/enterprise-service';
import { consoleApplicationRoute } from '../../contracts/console-enterprise';
import { type DocumentType, documentName, requiredDocuments } from '../../domain/application-documents';
import { type ApplicationModel, applicationBody, applicationHistoryModel } from '../../presenters/console/applications';
import type { ConsoleContext } from '../../presenters/console/context';
import { dispatchModel } from '../../presenters/console/licences';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import {
  type ApplicationOverview,
  type ApplicationOverviewDeps,
  applicationOverview,
} from '../../use-cases/enterprise-service/application-overview';
import { orNotFound, plainUploadToken } from './page-support';

function subjectOf(o: ApplicationOverview, ctx: ConsoleContext, deps: ApplicationOverviewDeps): string {
  const r = o.application.request;
  if ('products' in r) {
    return r.products
      .map((key) => {
        const p = deps.catalogue.findProduct(key);
        return p ? `${ctx.lang === 'en' ? p.name.en : p.name.zh} (${key})` : key;
      })
      .join('、');
  }
  return r.licenceNo.toString();
}

/** What a refused submit draws the page with: its code beside the document it concerns, and the comment typed. */
export interface SubmitRefusal {
  readonly code: string;
  readonly documentType?: DocumentType;
  readonly comment?: string;
}

/**
 * The page; another enterprise's application answers as a missing one (404). A refused submit (`refused`) draws it
 * with status 422, the reason beside the document concerned and the comment kept in its field.
 *
 * @example
 * await applicationPage(applicationOverviewDeps(), request);
 */
export function applicationPage(
  deps: ApplicationOverviewDeps,
  {
    viewer,
    params,
    query,
    ctx,
  }: Pick<ConsoleRequest<typeof consoleApplicationRoute>, 'viewer' | 'params' | 'query' | 'ctx'>,
  refused?: SubmitRefusal,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const base = `${consoleDeps().publicBaseUrl}/console/applications/${params.applicationId}/documents`;
    const o = await applicationOverview(deps, {
      viewer,
      applicationId: params.applicationId,
      // Each document's plain form: storage sends the browser back here to check the file (JavaScript off).
      plainUploads: (documentId, type) => {
        const t = plainUploadToken(ctx.csrfToken, { applicationId: params.applicationId, documentId, type });
        return `${base}/${documentId}/uploaded?type=${type}&t=${t}`;
      },
    });
    const a = o.application;
    const model: ApplicationModel = {
      id: a.id,
      kind: a.kind,
      state: a.state,
      procedure: a.procedure,
      enterpriseName: a.enterpriseName,
      subject: subjectOf(o, ctx, deps),
      createdAt: a.createdAt,
      ...(a.acceptedOn ? { acceptedOn: a.acceptedOn } : {}),
      ...(a.deadline
        ? {
            deadline: {
              dueOn: a.deadline.dueOn,
              workingDays: a.deadline.workingDays,
              provisional: a.deadline.provisional || (o.workingDaysLeft?.provisional ?? false),
              overdue: o.workingDaysLeft?.overdue ?? false,
              ...(o.workingDaysLeft ? { left: o.workingDaysLeft.count } : {}),
            },
          }
        : {}),
      editable: a.state === 'draft' || a.state === 'corrections-requested',
      documents: requiredDocuments(a.kind).map((type) => {
        const latest = o.documents.filter((d) => d.type === type).at(-1);
        const plain = o.plainUploads?.[type]?.upload;
        return {
          type,
          name: documentName(type),
          ...(plain ? { plainUpload: { url: plain.url, fields: plain.fields, expiresAt: plain.expiresAt } } : {}),
          ...(latest
            ? {
                latest: {
                  id: latest.id,
                  fileName: latest.fileName,
                  state: latest.state,
                  ...(latest.failure ? { failureCode: latest.failure.code } : {}),
                },
              }
            : {}),
        };
      }),
      ...applicationHistoryModel(a),
      dispatches: o.dispatches.map(dispatchModel),
      ...(refused
        ? {
            submitError: {
              code: refused.code,
              ...(refused.documentType ? { documentType: refused.documentType } : {}),
            },
            ...(refused.comment ? { comment: refused.comment } : {}),
          }
        : query.error
          ? { submitError: { code: query.error, ...(query.document ? { documentType: query.document } : {}) } }
          : {}),
    };
    return {
      kind: 'page',
      // Drawn again after a refused submit (a POST): the shell's switches go to this page's GET address.
      ...(refused ? { status: 422, returnPath: `/console/applications/${a.id}` } : {}),
      title: { zh: `申请 ${a.id}`, en: `Application ${a.id}` },
      body: applicationBody(model, ctx).toString(),
      ...(model.editable ? { scripts: ['upload.js' as const] } : {}),
    };
  });
}

const deps = applicationOverviewDeps();

export const handler = consoleRoute(consoleApplicationRoute, (r) => applicationPage(deps, r));
