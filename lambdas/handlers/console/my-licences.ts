/** GET /console/licences — the enterprise's certificates, through the same use case as GET /v1/me/certificates. */
import { readDeps } from '../../composition/storage';
import { myLicencesPage } from '../../contracts/console';
import { ForbiddenError } from '../../domain/errors';
import { licencesBody } from '../../presenters/console/licences';
import { consoleRoute } from '../../shared/console-route';
import { listCertificates } from '../../use-cases/read-certificates';

const deps = readDeps();

export const handler = consoleRoute(myLicencesPage, async ({ viewer, ctx }) => {
  if (viewer.kind !== 'enterprise')
    throw new ForbiddenError('FORBIDDEN', 'only enterprises have their own certificates');
  const page = await listCertificates(deps, { uscc: viewer.uscc, limit: 100 });
  return { kind: 'page', title: { zh: '我的许可证', en: 'My licences' }, body: licencesBody(page.items, ctx) };
});
