/**
 * GET /console/workbench/certificates/{licenceNo} — one licence's dossier (staff): particulars, products, versions
 * with their (audited) PDFs, status history, the audit trail 50 a page (sealed cursors), paper copies, the public
 * verification page, and for an officer the status changes its status allows.
 */
import { licenceOverviewDeps } from '../../composition/enterprise-service';
import { consoleWorkbenchCertificateRoute, WORKBENCH_PAGE_SIZE } from '../../contracts/console-workbench';
import { Certificate } from '../../domain/certificate';
import { allowedActions, nextStatus, type StatusAction, type StatusChange } from '../../domain/certificate-status';
import { localDateOf } from '../../domain/dates';
import { dispatchModel, licenceParticularsOf } from '../../presenters/console/licences';
import { certificateDossierBody } from '../../presenters/console/workbench-certificates';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { certificateDossier, type DossierDeps } from '../../use-cases/certificate-dossier';
import { orNotFound } from '../console/page-support';

const latestChangeIs = (change: StatusChange | undefined, action: StatusAction): boolean =>
  change?.from != null && allowedActions(change.from).includes(action) && nextStatus(change.from, action) === change.to;

/**
 * The page; a licence that does not exist is the 404 page.
 *
 * @example
 * await certificatePage(licenceOverviewDeps(), request);
 */
export function certificatePage(
  deps: DossierDeps,
  request: ConsoleRequest<typeof consoleWorkbenchCertificateRoute>,
): Promise<ConsoleResult> {
  const { viewer, params, query, roles, ctx, nextPage } = request;
  return orNotFound(ctx, async () => {
    const cursor = query.cursor;
    const { head, dispatches, audit } = await certificateDossier(deps, {
      licenceNo: params.licenceNo,
      viewer,
      limit: WORKBENCH_PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    const c = head.certificate;
    const licenceNo = c.licenceNumber.toString();
    const urlSafe = c.licenceNumber.toUrlSafe();
    const auditNext = await nextPage(audit.cursor);
    const body = certificateDossierBody(
      {
        licenceNo,
        urlSafe,
        status: Certificate.rehydrate(c).effectiveStatus(localDateOf(deps.clock.now())),
        ...licenceParticularsOf(c, head.currentVersion, ctx),
        history: c.history,
        earlierChanges: c.earlierChanges ?? 0,
        audit: audit.items,
        ...(auditNext ? { auditNext: `${auditNext}#audit` } : {}),
        auditLater: cursor !== undefined,
        dispatches: dispatches.map(dispatchModel),
        verifyHref: `/v1/verify/${encodeURIComponent(urlSafe)}`,
        // Offered to an officer only (the API's role for status changes); the use case still decides.
        actions: roles.includes('officer') ? allowedActions(c.status) : [],
        // The confirmation only when the record's latest change is that action (a hand-typed `?changed=` says nothing).
        ...(query.changed && latestChangeIs(c.history.at(-1), query.changed) ? { changed: query.changed } : {}),
      },
      ctx,
    );
    return { kind: 'page', title: { zh: `许可证 ${licenceNo}`, en: `Licence ${licenceNo}` }, body: body.toString() };
  });
}

const deps = licenceOverviewDeps();

export const handler = consoleRoute(consoleWorkbenchCertificateRoute, (r) => certificatePage(deps, r), {
  // `changed` only shows the confirmation of a change just made: the audit trail's pages depend on the licence alone.
  displayOnly: ['changed'],
});
