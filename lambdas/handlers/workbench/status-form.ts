/**
 * GET /console/workbench/certificates/{licenceNo}/status[?action=] — the status-change form (officer): without an
 * action, the actions the licence's status allows; with one, the public reason and legal basis (common wordings and
 * "other") drawn at the licence's current revision.
 */
import { statusChangeDeps } from '../../composition/storage';
import { consoleWorkbenchStatusFormRoute } from '../../contracts/console-workbench';
import { Certificate } from '../../domain/certificate';
import { localDateOf } from '../../domain/dates';
import { statusFormBody } from '../../presenters/console/workbench-certificates';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { type StatusChangeDeps, statusChangeSubject } from '../../use-cases/change-certificate-status';
import { orNotFound } from '../console/page-support';

export const STATUS_FORM_TITLE = { zh: '变更许可证状态', en: 'Change the licence’s status' };

/**
 * The page (an action the status does not allow shows the choice of those it does).
 *
 * @example
 * await statusFormPage(statusChangeDeps(), request);
 */
export function statusFormPage(
  deps: StatusChangeDeps,
  { params, query, ctx }: ConsoleRequest<typeof consoleWorkbenchStatusFormRoute>,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const { head, allowed } = await statusChangeSubject(deps, params.licenceNo);
    const c = head.certificate;
    const action = query.action && allowed.includes(query.action) ? query.action : undefined;
    const body = statusFormBody(
      {
        licenceNo: c.licenceNumber.toString(),
        urlSafe: c.licenceNumber.toUrlSafe(),
        enterpriseName: c.enterprise.name,
        status: Certificate.rehydrate(c).effectiveStatus(localDateOf(deps.clock.now())),
        revision: c.revision,
        allowed,
        ...(action ? { action } : {}),
      },
      ctx,
    );
    return { kind: 'page', title: STATUS_FORM_TITLE, body: body.toString() };
  });
}

const deps = statusChangeDeps();

export const handler = consoleRoute(consoleWorkbenchStatusFormRoute, (r) => statusFormPage(deps, r));
