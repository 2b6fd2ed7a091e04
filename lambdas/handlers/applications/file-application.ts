/** POST /v1/applications — an enterprise files an application for its own USCC or licence. */
import { applicationDeps } from '../../composition/applications';
import { fileApplicationRoute } from '../../contracts/applications';
import type { ApplicationRequest } from '../../domain/application';
import { applicationView } from '../../presenters/application-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { fileApplication } from '../../use-cases/applications/file-application';

const deps = applicationDeps();

export const handler = httpRoute(fileApplicationRoute, async ({ body, headers, identity }) => {
  const { paperCopy, ...request } = body as typeof body & { paperCopy?: { address: unknown } };
  const key = headers['idempotency-key'];
  const { application, replayed } = await fileApplication(deps, {
    viewer: viewerOf(identity),
    request: request as ApplicationRequest,
    ...(paperCopy ? { paperCopy } : {}),
    ...(key ? { idempotencyKey: key } : {}),
  });
  const view = applicationView(application, [], deps.clock.now());
  return json(201, view, { location: view.links.self, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) });
});
