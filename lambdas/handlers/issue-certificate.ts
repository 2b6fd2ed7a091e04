/**
 * POST /v1/certificates — an officer issues a certificate (idempotent on the Idempotency-Key header). Records
 * `IssuanceLatency` (handler entry → response) for each certificate issued, not for a replay.
 */
import { issuanceDeps } from '../composition/issuance';
import { invocationMetrics } from '../composition/metrics';
import { issueCertificateRoute } from '../contracts/certificates';
import { parsePostalAddress } from '../domain/postal-address';
import { certificateView } from '../presenters/certificate-view';
import { httpRoute, json } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { issueCertificate } from '../use-cases/issue-certificate';

const deps = issuanceDeps();
const metrics = invocationMetrics();

export const handler = httpRoute(
  issueCertificateRoute,
  async ({ body, headers, identity }) => {
    const startedAt = performance.now();
    const viewer = viewerOf(identity);
    // Validated before anything is reserved: a bad address is a 400 naming the field, not a half-done issuance.
    const address = body.paperCopy ? parsePostalAddress(body.paperCopy.address, 'body.paperCopy.address') : undefined;
    const issuance = await deps;
    const result = await issueCertificate(issuance, {
      change: { kind: 'licence', enterprise: body.enterprise, products: body.products },
      ...(body.decision ? { decision: body.decision } : {}),
      actor: { type: 'user', id: viewer.id, role: 'officer' },
      idempotencyKey: `api:${headers['idempotency-key']}`,
      source: 'api',
      ...(address ? { paperCopy: { address } } : {}),
      // The request as received, so a retried key hashes as it always has.
      requestExtras: { paperCopy: body.paperCopy ?? null },
    });
    const view = certificateView(result.certificate, result.version, viewer, issuance.clock.now());
    const response = json(201, view, {
      location: view.links.self,
      ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
    // Once per issued certificate: a replayed key issued nothing (docs/metrics.md).
    if (!result.replayed) metrics.duration('IssuanceLatency', performance.now() - startedAt);
    return response;
  },
  { metrics },
);
