/** GET /v1/me/certificates — the calling enterprise's certificates. */

import { listRoute } from '../composition/cursors';
import { readDeps } from '../composition/storage';
import { listMyCertificatesRoute } from '../contracts/certificates';
import { ForbiddenError } from '../domain/errors';
import { summaryView } from '../presenters/certificate-view';
import { json } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { listCertificates } from '../use-cases/read-certificates';

const deps = readDeps();

export const handler = listRoute(listMyCertificatesRoute, async ({ query, identity }) => {
  const viewer = viewerOf(identity);
  if (viewer.kind !== 'enterprise')
    throw new ForbiddenError('FORBIDDEN', 'only enterprises have their own certificates');
  const page = await listCertificates(deps, { ...query, uscc: viewer.uscc });
  return json(200, { items: page.items.map(summaryView), ...(page.cursor ? { cursor: page.cursor } : {}) });
});
