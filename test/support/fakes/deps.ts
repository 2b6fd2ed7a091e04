/**
 * One builder per use-case deps type: the ports a use case takes, from a {@link FakeWorld}; `parts` replace any of
 * them (as the composition factories take parts).
 *
 * @example
 * const world = new FakeWorld();
 * await issueCertificate(fakeIssuanceDeps(world), input);
 * await changeCertificateStatus(fakeStatusChangeDeps(world), { licenceNo, action: 'suspend', … });
 */

import type { KeySetProvider } from '../../../lambdas/ports/key-set-provider';
import type { DecisionDeps } from '../../../lambdas/use-cases/applications/complete-application';
import type { ApplicationDeps } from '../../../lambdas/use-cases/applications/deps';
import type { InspectionDeps } from '../../../lambdas/use-cases/applications/inspections';
import type { ReissueDeps } from '../../../lambdas/use-cases/applications/reissue-paper';
import type { StatsDeps } from '../../../lambdas/use-cases/applications/stats';
import type { StatusChangeDeps } from '../../../lambdas/use-cases/change-certificate-status';
import type { HealthDeps } from '../../../lambdas/use-cases/check-health';
import type { WorkerDeps } from '../../../lambdas/use-cases/dispatch/dispatch';
import type { DispatchListDeps } from '../../../lambdas/use-cases/dispatch/list-dispatches';
import type { PlanDeps } from '../../../lambdas/use-cases/issuance-plan';
import type { IssuanceDeps } from '../../../lambdas/use-cases/issue-certificate';
import type { RelayDeps } from '../../../lambdas/use-cases/outbox/relay';
import type { PdfTimestamperDeps } from '../../../lambdas/use-cases/pdf-timestamps/upgrade';
import type { ReadDeps } from '../../../lambdas/use-cases/read-certificates';
import type { StatusListPublisherDeps } from '../../../lambdas/use-cases/status-list/publish';
import type { SweepDeps } from '../../../lambdas/use-cases/sweep-orphan-pdfs';
import type { VerifyDeps } from '../../../lambdas/use-cases/verify-certificate';
import type { FakeWorld } from './world';

/** `issueCertificate`. */
export const fakeIssuanceDeps = (w: FakeWorld, parts: Partial<IssuanceDeps> = {}): IssuanceDeps => ({
  repository: w.certificates,
  pdfs: w.pdfs,
  signer: async () => w.signer,
  renderer: w.renderer,
  sealer: w.sealer,
  catalogue: w.catalogue,
  clock: w.clock,
  settings: w.settings,
  publisher: w.publisher,
  ...parts,
});

/** `planIssuance`. */
export const fakePlanDeps = (w: FakeWorld, parts: Partial<PlanDeps> = {}): PlanDeps => ({
  repository: w.certificates,
  catalogue: w.catalogue,
  settings: w.settings,
  ...parts,
});

/** `changeCertificateStatus`. */
export const fakeStatusChangeDeps = (w: FakeWorld, parts: Partial<StatusChangeDeps> = {}): StatusChangeDeps => ({
  repository: w.certificates,
  clock: w.clock,
  publisher: w.publisher,
  ...parts,
});

/** The status-list publisher (`publishStatusList`), its list at `https://permit.test/status-lists/1`. */
export const fakeStatusListPublisherDeps = (
  w: FakeWorld,
  parts: Partial<StatusListPublisherDeps> = {},
): StatusListPublisherDeps => ({
  store: w.statusLists,
  register: w.certificates,
  signer: async () => w.signer,
  outbox: w.outbox,
  clock: w.clock,
  listUrl: FAKE_STATUS_LIST_URL,
  ...parts,
});

/** The list URL {@link fakeStatusListPublisherDeps} signs into its lists. */
export const FAKE_STATUS_LIST_URL = 'https://permit.test/status-lists/1';

/** The certificate reads (`read-certificates.ts`). */
export const fakeReadDeps = (w: FakeWorld, parts: Partial<ReadDeps> = {}): ReadDeps => ({
  repository: w.certificates,
  pdfs: w.pdfs,
  clock: w.clock,
  ...parts,
});

/** `sweepOrphanPdfs`. */
export const fakeSweepDeps = (w: FakeWorld, parts: Partial<SweepDeps> = {}): SweepDeps => ({
  store: w.sweepStore,
  register: w.pdfDigests,
  clock: w.clock,
  ...parts,
});

/** `verifyCertificate` (a short register budget: a hanging register is given up on quickly). */
export const fakeVerifyDeps = (w: FakeWorld, parts: Partial<VerifyDeps> = {}): VerifyDeps => ({
  keys: w.keys,
  register: w.register,
  clock: w.clock,
  registerTimeoutMs: 50,
  ...parts,
});

/** `checkHealth`. */
export const fakeHealthDeps = (w: FakeWorld, parts: Partial<HealthDeps> = {}): HealthDeps => ({
  probe: w.probe,
  clock: w.clock,
  ...parts,
});

/** `publishedKeySet`. */
export const fakeKeySetDeps = (w: FakeWorld, parts: { keys?: KeySetProvider } = {}): { keys: KeySetProvider } => ({
  keys: w.keys,
  ...parts,
});

/** `relayOutbox`. */
export const fakeRelayDeps = (w: FakeWorld, parts: Partial<RelayDeps> = {}): RelayDeps => ({
  outbox: w.outbox,
  publisher: w.publisher,
  clock: w.clock,
  ...parts,
});

/** The dispatch worker and the carrier events (`dispatch.ts`). */
export const fakeWorkerDeps = (w: FakeWorld, parts: Partial<WorkerDeps> = {}): WorkerDeps => ({
  repository: w.dispatches,
  carrier: w.carrier,
  clock: w.clock,
  outbox: w.outbox,
  retry: w.retry,
  retryBaseSeconds: 15,
  ...parts,
});

/** The parcel lists (`list-dispatches.ts`). */
export const fakeDispatchListDeps = (w: FakeWorld, parts: Partial<DispatchListDeps> = {}): DispatchListDeps => ({
  dispatches: w.dispatches,
  certificates: w.certificates,
  ...parts,
});

/** The application use cases. */
export const fakeApplicationDeps = (w: FakeWorld, parts: Partial<ApplicationDeps> = {}): ApplicationDeps => ({
  applications: w.applications,
  inspections: w.inspections,
  calendars: w.calendars,
  documents: w.documents,
  certificates: w.certificates,
  catalogue: w.catalogue,
  clock: w.clock,
  printCheck: w.renderer,
  issuing: { province: w.settings.province, issuingAuthority: w.settings.issuingAuthority },
  ...parts,
});

/** `getStats`: the application workflow's repositories and the dispatches. */
export const fakeStatsDeps = (w: FakeWorld, parts: Partial<StatsDeps> = {}): StatsDeps => ({
  applications: w.applications,
  inspections: w.inspections,
  calendars: w.calendars,
  certificates: w.certificates,
  clock: w.clock,
  dispatches: w.dispatches,
  ...parts,
});

/** The post-issuance reviews (`inspections.ts`). */
export const fakeInspectionDeps = (w: FakeWorld, parts: Partial<InspectionDeps> = {}): InspectionDeps => ({
  inspections: w.inspections,
  certificates: w.certificates,
  calendars: w.calendars,
  clock: w.clock,
  statusChange: fakeStatusChangeDeps(w),
  ...parts,
});

/** The decisions (`review-application.ts`, `complete-application.ts`). */
export const fakeDecisionDeps = (w: FakeWorld, parts: Partial<DecisionDeps> = {}): DecisionDeps => ({
  ...fakeApplicationDeps(w),
  reprints: w.reprints,
  issuance: async () => fakeIssuanceDeps(w),
  statusChange: fakeStatusChangeDeps(w),
  ...parts,
});

/** `reissuePaper`. */
export const fakeReissueDeps = (w: FakeWorld, parts: Partial<ReissueDeps> = {}): ReissueDeps => ({
  repository: w.certificates,
  pdfs: w.pdfs,
  renderer: w.renderer,
  sealer: w.sealer,
  signer: async () => w.signer,
  clock: w.clock,
  publisher: w.publisher,
  reprints: w.reprints,
  ...parts,
});

/** `timestampPdfs` (the sealer: the world's, whose TSA a test turns up or down). */
export const fakePdfTimestamperDeps = (w: FakeWorld, parts: Partial<PdfTimestamperDeps> = {}): PdfTimestamperDeps => ({
  register: w.certificates,
  reprints: w.reprints,
  pdfs: w.pdfs,
  sealer: () => w.sealer,
  recorder: w.pdfTimestamps,
  outbox: w.outbox,
  clock: w.clock,
  ...parts,
});
