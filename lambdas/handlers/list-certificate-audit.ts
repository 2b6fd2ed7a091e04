/** GET /v1/certificates/{licenceNo}/audit — the audit trail of a licence (staff). */

import { listRoute } from '../composition/cursors';
import { readDeps } from '../composition/storage';
import { listAuditRoute } from '../contracts/certificates';
import { auditPage } from '../presenters/certificate-view';
import { json } from '../shared/http';
import { listAudit } from '../use-cases/read-certificates';

const deps = readDeps();

export const handler = listRoute(listAuditRoute, async ({ params, query }) =>
  json(200, auditPage(await listAudit(deps, { licenceNo: params.licenceNo, ...query }))),
);
