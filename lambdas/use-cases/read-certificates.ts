/**
 * Reading certificates: one, a list, the audit trail, and the audited PDF download. Staff see every certificate; an
 * enterprise sees only its own, and anything else answers exactly like a licence that does not exist.
 *
 * @example
 * const { head, version } = await getCertificate(deps, { licenceNo, viewer });
 */
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../domain/audit-event';
import type { CertificateStatus } from '../domain/certificate-status';
import { enterpriseNameKey } from '../domain/enterprise-name-key';
import { NotFoundError, ValidationError } from '../domain/errors';
import type { IssuedVersion } from '../domain/issued-version';
import type { LicenceNumber } from '../domain/licence-number';
import { parseUscc } from '../domain/uscc';
import type { Viewer } from '../domain/viewer';
import type { CertificateHead, CertificateRepository, CertificateSummary } from '../ports/certificate-repository';
import type { Clock } from '../ports/clock';
import type { Page, PageRequest } from '../ports/page';
import type { PdfStore } from '../ports/pdf-store';

export interface ReadDeps {
  readonly repository: CertificateRepository;
  readonly pdfs: PdfStore;
  readonly clock: Clock;
}

const notFound = (licenceNo: LicenceNumber) =>
  new NotFoundError('CERTIFICATE_NOT_FOUND', `no certificate ${licenceNo}`);

async function visibleHead(deps: ReadDeps, licenceNo: LicenceNumber, viewer: Viewer): Promise<CertificateHead> {
  const head = await deps.repository.get(licenceNo);
  if (!head) throw notFound(licenceNo);
  if (viewer.kind === 'enterprise' && head.certificate.enterprise.uscc !== viewer.uscc) throw notFound(licenceNo);
  return head;
}

export async function getCertificate(
  deps: ReadDeps,
  input: { readonly licenceNo: LicenceNumber; readonly viewer: Viewer },
): Promise<{ head: CertificateHead; version: IssuedVersion }> {
  const head = await visibleHead(deps, input.licenceNo, input.viewer);
  const version = await deps.repository.getVersion(input.licenceNo, head.currentVersion);
  if (!version) throw notFound(input.licenceNo);
  return { head, version };
}

/**
 * Certificates by enterprise (exact USCC), by stored status, by enterprise-name prefix (normalised as the name index
 * writes names: `domain/enterprise-name-key.ts`; in name order), or all, newest first — one filter at a time, each
 * through an index.
 *
 * @example
 * await listCertificates(deps, { namePrefix: '湖北 长江', limit: 50 });
 */
export function listCertificates(
  deps: ReadDeps,
  input: { readonly uscc?: string; readonly status?: CertificateStatus; readonly namePrefix?: string } & PageRequest,
): Promise<Page<CertificateSummary>> {
  const page = { ...(input.limit ? { limit: input.limit } : {}), ...(input.cursor ? { cursor: input.cursor } : {}) };
  const filters = (['uscc', 'status', 'namePrefix'] as const).filter((f) => input[f] !== undefined);
  if (filters.length > 1) {
    const [first, second] = filters;
    throw new ValidationError('FILTER_COMBINATION', 'filter by one of uscc, status or namePrefix', [
      { field: `query.${second}`, message: `cannot be combined with ${first}` },
    ]);
  }
  if (input.namePrefix !== undefined) {
    const key = enterpriseNameKey(input.namePrefix);
    if (key === '') {
      throw new ValidationError('INVALID_FIELDS', 'the name prefix is empty', [
        { field: 'query.namePrefix', message: 'type at least one character of the name' },
      ]);
    }
    return deps.repository.findByNamePrefix(key, page);
  }
  if (input.uscc) return deps.repository.listByUscc(parseUscc(input.uscc, 'query.uscc'), page);
  if (input.status) return deps.repository.listByStatus(input.status, page);
  return deps.repository.listAll(page);
}

export async function listAudit(
  deps: ReadDeps,
  input: { readonly licenceNo: LicenceNumber } & PageRequest,
): Promise<Page<AuditEvent>> {
  if (!(await deps.repository.get(input.licenceNo))) throw notFound(input.licenceNo);
  return deps.repository.listAudit(input.licenceNo, input);
}

/**
 * A presigned download of a version's PDF (≤ 5 minutes), recorded in the audit trail before the link is handed out.
 */
export async function downloadCertificate(
  deps: ReadDeps,
  input: { readonly licenceNo: LicenceNumber; readonly version?: number; readonly viewer: Viewer },
): Promise<{ url: string; version: IssuedVersion }> {
  const head = await visibleHead(deps, input.licenceNo, input.viewer);
  const number = input.version ?? head.currentVersion;
  const version = number <= head.currentVersion ? await deps.repository.getVersion(input.licenceNo, number) : undefined;
  if (!version) throw new NotFoundError('VERSION_NOT_FOUND', `no version ${number} of ${input.licenceNo}`);
  await deps.repository.recordAudit({
    id: randomUUID(),
    at: deps.clock.now().toISOString(),
    licenceNo: version.licenceNo,
    action: 'certificate.downloaded',
    actor: {
      type: 'user',
      id: input.viewer.id,
      role: input.viewer.kind === 'staff' ? input.viewer.role : 'enterprise',
    },
    details: { version: version.version, sha256: version.pdf.sha256 },
  });
  const fileName = `生产许可证-${version.licenceNo.toUrlSafe()}-v${version.version}.pdf`;
  return { url: await deps.pdfs.presignDownload(version.pdf.key, fileName), version };
}
