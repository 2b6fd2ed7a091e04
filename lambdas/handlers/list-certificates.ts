/** GET /v1/certificates?uscc=&status=&cursor= — staff list, newest first, served by an index. */

import { listRoute } from '../composition/cursors';
import { readDeps } from '../composition/storage';
import { listCertificatesRoute } from '../contracts/certificates';
import { summaryView } from '../presenters/certificate-view';
import { json } from '../shared/http';
import { listCertificates } from '../use-cases/read-certificates';

const deps = readDeps();

export const handler = listRoute(listCertificatesRoute, async ({ query }) => {
  const page = await listCertificates(deps, query);
  return json(200, { items: page.items.map(summaryView), ...(page.cursor ? { cursor: page.cursor } : {}) });
});
