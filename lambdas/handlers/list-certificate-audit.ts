/** GET /v1/certificates/{licenceNo}/audit — the audit trail of a licence (staff). */

import { listRoute } from '../composition/cursors';
import { readDeps } from '../composition/storage';
import { listAuditRoute, parseLicenceParam } from '../contracts/certificates';
import { json } from '../shared/http';
import { listAudit } from '../use-cases/read-certificates';

const deps = readDeps();

export const handler = listRoute(listAuditRoute, async ({ params, query }) => {
  const page = await listAudit(deps, { licenceNo: parseLicenceParam(params.licenceNo), ...query });
  return json(200, { items: [...page.items], ...(page.cursor ? { cursor: page.cursor } : {}) });
});
