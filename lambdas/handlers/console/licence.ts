/** GET /console/licences/{licenceNo} — one licence: status, products, versions, verification QR, paper copies. */
import { licenceOverviewDeps } from '../../composition/enterprise-service';
import { consoleLicenceRoute } from '../../contracts/console-enterprise';
import { Certificate } from '../../domain/certificate';
import { localDateOf } from '../../domain/dates';
import { dispatchModel, licenceDetailBody, licenceParticularsOf } from '../../presenters/console/licences';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { type LicenceOverviewDeps, licenceOverview } from '../../use-cases/enterprise-service/licence-overview';
import { orNotFound } from './page-support';

/**
 * The page; another enterprise's licence answers as a missing one (404).
 *
 * @example
 * await licencePage(licenceOverviewDeps(), request);
 */
export function licencePage(
  deps: LicenceOverviewDeps,
  { viewer, params, ctx }: ConsoleRequest<typeof consoleLicenceRoute>,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const { head, version, dispatches } = await licenceOverview(deps, { licenceNo: params.licenceNo, viewer });
    const c = head.certificate;
    const licenceNo = c.licenceNumber.toString();
    const body = licenceDetailBody(
      {
        licenceNo,
        urlSafe: c.licenceNumber.toUrlSafe(),
        status: Certificate.rehydrate(c).effectiveStatus(localDateOf(deps.clock.now())),
        ...licenceParticularsOf(c, head.currentVersion, ctx),
        verificationUrl: version.qrText,
        dispatches: dispatches.map(dispatchModel),
      },
      ctx,
    );
    return { kind: 'page', title: { zh: `许可证 ${licenceNo}`, en: `Licence ${licenceNo}` }, body: body.toString() };
  });
}

const deps = licenceOverviewDeps();

export const handler = consoleRoute(consoleLicenceRoute, (r) => licencePage(deps, r));
