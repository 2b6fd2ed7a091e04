/**
 * States a use-case test starts from, reached through the real use cases on a {@link FakeWorld} (so a test never
 * builds a record the code would not write): an issued certificate, an application filed with its documents
 * uploaded, and review steps. Seeds give each enterprise its own USCC.
 *
 * @example
 * const world = new FakeWorld();
 * const { certificate } = await issued(world, { seed: 3 });
 * const app = await submitted(world, { seed: 4, request: newLicence(4, ['16-204']) });
 * await reviewed(world, app.id, ['accept', 'pass-formal-review']);
 */
import type { ApplicationRequest, ApplicationSnapshot, ReviewAction } from '../../../lambdas/domain/application';
import type { ApplicationDocument } from '../../../lambdas/domain/application-document';
import { type DocumentType, requiredDocuments } from '../../../lambdas/domain/application-documents';
import type { CertificateSnapshot } from '../../../lambdas/domain/certificate-snapshot';
import type { Actor, StatusAction } from '../../../lambdas/domain/certificate-status';
import type { EnterpriseInput } from '../../../lambdas/domain/enterprise';
import type { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { parsePostalAddress } from '../../../lambdas/domain/postal-address';
import { usccWithCheck } from '../../../lambdas/domain/uscc';
import type { Viewer } from '../../../lambdas/domain/viewer';
import { requestDocumentUpload } from '../../../lambdas/use-cases/applications/documents';
import { fileApplication } from '../../../lambdas/use-cases/applications/file-application';
import { reviewApplication } from '../../../lambdas/use-cases/applications/review-application';
import { submitApplication } from '../../../lambdas/use-cases/applications/submit-application';
import { changeCertificateStatus } from '../../../lambdas/use-cases/change-certificate-status';
import {
  type IssuanceResult,
  type IssueCertificateInput,
  issueCertificate,
} from '../../../lambdas/use-cases/issue-certificate';
import { tinyPdf } from '../applications';
import { fakeApplicationDeps, fakeDecisionDeps, fakeIssuanceDeps, fakeStatusChangeDeps } from './deps';
import type { FakeWorld } from './world';

/** The USCC of enterprise `seed`. @example usccFor(3); // '91420100MA4K00003' + its check character */
export const usccFor = (seed: number): string => usccWithCheck(`91420100MA4K${String(seed).padStart(5, '0')}`);

/** A valid enterprise (a wires-and-cables maker in Wuhan) with the USCC of `seed`. */
export const enterpriseFor = (seed = 1, overrides: Partial<EnterpriseInput> = {}): EnterpriseInput => ({
  name: '武汉长江线缆有限公司',
  uscc: usccFor(seed),
  domicile: '湖北省武汉市东湖新技术开发区光谷大道1号',
  productionAddresses: ['湖北省武汉市东湖新技术开发区光谷大道1号A栋'],
  ...overrides,
});

export const officer: Actor = { type: 'user', id: 'officer-7', role: 'officer' };

/** A staff member of `role` (reviewer, officer, admin). */
export const staff = (role = 'reviewer', id = `${role}-1`): Viewer => ({ kind: 'staff', id, role });

/** The user of enterprise `seed`. */
export const enterpriseViewer = (seed = 1): Viewer => ({ kind: 'enterprise', id: `ent-${seed}`, uscc: usccFor(seed) });

/** A postal address in Wuhan, validated. */
export const postalAddress = parsePostalAddress(
  { recipient: '张三', phone: '138 1234 5678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' },
  'paperCopy.address',
);

let keys = 0;

/**
 * A certificate issued through `issueCertificate` (default: wires and cables for enterprise 1, by an officer).
 *
 * @example
 * const { certificate, version } = await issued(world, { seed: 2, products: ['16-204'] });
 */
export function issued(
  world: FakeWorld,
  options: { seed?: number; products?: readonly string[] } & Partial<IssueCertificateInput> = {},
): Promise<IssuanceResult> {
  const { seed = 1, products = ['06-001'], ...input } = options;
  return issueCertificate(fakeIssuanceDeps(world), {
    change: { kind: 'licence', enterprise: enterpriseFor(seed), products },
    actor: officer,
    idempotencyKey: `test:issue:${++keys}`,
    source: 'api',
    ...input,
  });
}

/**
 * A status change by an officer through `changeCertificateStatus`, with a public reason and legal basis.
 *
 * @example
 * const snapshot = await statusChanged(world, certificate.licenceNumber, 'suspend');
 */
export function statusChanged(
  world: FakeWorld,
  licenceNo: LicenceNumber,
  action: StatusAction,
): Promise<CertificateSnapshot> {
  return changeCertificateStatus(fakeStatusChangeDeps(world), {
    licenceNo,
    action,
    actor: officer,
    publicReason: '监督抽查不合格',
    legalBasis: '《工业产品生产许可证管理条例》第四十五条',
  });
}

/**
 * Turn a licence into one issued before the status list: its slot given back and gone from its head (what the slot
 * backfill finds).
 *
 * @example
 * const { certificate } = await issued(world);
 * withoutStatusSlot(world, certificate.licenceNumber);
 */
export function withoutStatusSlot(world: FakeWorld, licenceNo: LicenceNumber): void {
  const key = licenceNo.toUrlSafe();
  const head = world.table.heads.get(key);
  if (!head) throw new Error(`no certificate ${licenceNo}`);
  const { statusListIndex, ...older } = head.certificate;
  if (statusListIndex !== undefined) world.table.statusSlots.delete(statusListIndex);
  world.table.heads.set(key, { ...head, certificate: older });
}

/** A new-licence application's request for enterprise `seed`. */
export const newLicence = (seed: number, products: readonly string[] = ['06-001']): ApplicationRequest => ({
  kind: 'new',
  enterprise: { ...enterpriseFor(seed) },
  products,
});

/**
 * Ask for an upload of one document and upload a small well-formed PDF through the presigned POST, as the browser
 * does (not yet checked).
 *
 * @example
 * await uploaded(world, enterpriseViewer(3), app.id, 'test-report');
 */
export async function uploaded(
  world: FakeWorld,
  viewer: Viewer,
  applicationId: string,
  type: DocumentType,
  bytes: Uint8Array = tinyPdf(type),
): Promise<ApplicationDocument> {
  const { document, upload } = await requestDocumentUpload(fakeApplicationDeps(world), {
    viewer,
    applicationId,
    type,
    fileName: `${type}.pdf`,
    contentType: 'application/pdf',
    size: bytes.byteLength,
  });
  const status = world.documents.post(upload, bytes);
  if (status !== 204) throw new Error(`upload refused: ${status}`);
  return document;
}

/**
 * An application filed by enterprise `seed` with every required document uploaded (a draft).
 *
 * @example
 * const draft = await filed(world, { seed: 3, request: newLicence(3) });
 */
export async function filed(
  world: FakeWorld,
  options: { seed?: number; request?: ApplicationRequest; paperCopy?: { address: unknown } } = {},
): Promise<ApplicationSnapshot> {
  const seed = options.seed ?? 1;
  const viewer = enterpriseViewer(seed);
  const { application } = await fileApplication(fakeApplicationDeps(world), {
    viewer,
    request: options.request ?? newLicence(seed),
    ...(options.paperCopy ? { paperCopy: options.paperCopy } : {}),
  });
  for (const type of requiredDocuments(application.kind)) await uploaded(world, viewer, application.id, type);
  return application;
}

/** An application {@link filed} and submitted (its documents checked and kept). */
export async function submitted(
  world: FakeWorld,
  options: { seed?: number; request?: ApplicationRequest; paperCopy?: { address: unknown } } = {},
): Promise<ApplicationSnapshot> {
  const draft = await filed(world, options);
  return submitApplication(fakeApplicationDeps(world), {
    viewer: enterpriseViewer(options.seed ?? 1),
    applicationId: draft.id,
  });
}

/**
 * Review steps by a reviewer, in order (a comment on each, for the steps that need one).
 *
 * @example
 * await reviewed(world, app.id, ['accept', 'pass-formal-review']); // issued, for an issue-at-once application
 */
export async function reviewed(
  world: FakeWorld,
  applicationId: string,
  actions: readonly ReviewAction[],
): Promise<ApplicationSnapshot> {
  let last: ApplicationSnapshot | undefined;
  for (const action of actions) {
    last = await reviewApplication(fakeDecisionDeps(world), {
      viewer: staff('reviewer'),
      applicationId,
      action,
      comment: `${action}：审查意见`,
    });
  }
  if (!last) throw new Error('no review step');
  return last;
}
