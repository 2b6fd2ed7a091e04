/**
 * POST /console/workbench/certificates/{licenceNo}/status/confirm — the confirmed status change (officer), the only
 * POST that changes anything: the API's use case at the revision the person confirmed, once (a double submit of the
 * same change answers as done), then 303 to the licence's page with the change confirmed. The use case audits it;
 * the public verification page shows the new status at once.
 */
import { statusChangeDeps } from '../../composition/storage';
import { consoleWorkbenchStatusConfirmRoute } from '../../contracts/console-workbench';
import { certificateHref } from '../../presenters/console/workbench-certificates';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { changeCertificateStatusOnce, type StatusChangeDeps } from '../../use-cases/change-certificate-status';
import { orNotFound } from '../console/page-support';

/**
 * The change, then the licence's page.
 *
 * @example
 * await statusConfirmPage(statusChangeDeps(), request); // { kind: 'redirect', to: '…/42-XK06-001-00001?changed=suspend' }
 */
export function statusConfirmPage(
  deps: StatusChangeDeps,
  { viewer, params, form, ctx }: ConsoleRequest<typeof consoleWorkbenchStatusConfirmRoute>,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const internalNotes = form.internalNotes?.trim() || undefined;
    await changeCertificateStatusOnce(deps, {
      licenceNo: params.licenceNo,
      action: form.action,
      publicReason: form.publicReason ?? '',
      legalBasis: form.legalBasis ?? '',
      ...(internalNotes ? { internalNotes } : {}),
      expectedRevision: form.revision,
      actor: { type: 'user', id: viewer.id, role: 'officer' },
    });
    return { kind: 'redirect', to: `${certificateHref(params.licenceNo.toUrlSafe())}?changed=${form.action}` };
  });
}

const deps = statusChangeDeps();

export const handler = consoleRoute(consoleWorkbenchStatusConfirmRoute, (r) => statusConfirmPage(deps, r));
