/** GET /console/licences — 我的许可证: each licence with its status in words and icon, version and end of validity. */
import { readDeps } from '../../composition/storage';
import { consoleMyLicencesRoute } from '../../contracts/console-enterprise';
import { isExpired, localDateOf, parseLocalDate } from '../../domain/dates';
import { myLicencesBody } from '../../presenters/console/licences';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { listCertificates, type ReadDeps } from '../../use-cases/read-certificates';

/**
 * The page: the enterprise's certificates through the API's list use case (its own USCC only).
 *
 * @example
 * await myLicencesPage(readDeps(), request); // { kind: 'page', title: { zh: '我的许可证', … }, body }
 */
export async function myLicencesPage(
  deps: ReadDeps,
  { viewer, query, ctx, nextPage }: ConsoleRequest<typeof consoleMyLicencesRoute>,
): Promise<ConsoleResult> {
  if (viewer.kind !== 'enterprise') throw new Error('the console route admits enterprises only');
  const page = await listCertificates(deps, { uscc: viewer.uscc, ...(query.cursor ? { cursor: query.cursor } : {}) });
  const today = localDateOf(deps.clock.now());
  const next = await nextPage(page.cursor);
  const body = myLicencesBody(
    {
      items: page.items.map((c) => ({
        licenceNo: c.licenceNo.toString(),
        urlSafe: c.licenceNo.toUrlSafe(),
        status: c.status === 'valid' && isExpired(parseLocalDate(c.validUntil), today) ? 'expired' : c.status,
        version: c.version,
        validUntil: c.validUntil,
      })),
      ...(next ? { next } : {}),
    },
    ctx,
  );
  return { kind: 'page', title: { zh: '我的许可证', en: 'My licences' }, body: body.toString() };
}

const deps = readDeps();

export const handler = consoleRoute(consoleMyLicencesRoute, (r) => myLicencesPage(deps, r));
