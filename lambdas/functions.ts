/**
 * Every Lambda function Permit runs, with its routes, triggers and the access it needs. The CDK stateless stack
 * creates one function per entry (routes on the HTTP API, queue triggers, schedules, least-privilege grants), and
 * the local runtime (`lib/local/`) mounts the very same handler modules — so the two cannot drift.
 *
 * To add a route: define its contract in `lambdas/contracts/`, write the handler, list it here.
 */
import type { queues } from '../lib/resources';
import {
  checkDocumentRoute,
  decideApplicationRoute,
  fileApplicationRoute,
  getApplicationRoute,
  listApplicationsRoute,
  listMyApplicationsRoute,
  readDocumentContentRoute,
  requestDocumentUploadRoute,
  reviewApplicationRoute,
  statsRoute,
  submitApplicationRoute,
} from './contracts/applications';
import {
  changeStatusRoute,
  downloadCertificateRoute,
  getCertificateRoute,
  issueCertificateRoute,
  listAuditRoute,
  listCertificatesRoute,
  listMyCertificatesRoute,
} from './contracts/certificates';
import {
  carrierEventsRoute,
  listCertificateDispatchesRoute,
  listDispatchesRoute,
  listMyDispatchesRoute,
} from './contracts/dispatches';
import { listInspectionsRoute, putCalendarRoute, recordInspectionResultRoute } from './contracts/inspections';
import { getHealth, getOpenApi } from './contracts/ops';
import type { RouteContract } from './contracts/route';
import { jwksRoute, verifyLookupRoute, verifyQrUrlRoute, verifySubmissionRoute } from './contracts/verification';

export type Grant = 'read' | 'write' | 'readwrite';

/**
 * A bucket grant, optionally limited to the objects under one key prefix (e.g. `certificates/`). `list-delete` —
 * list the keys under the prefix and delete objects there, nothing else — always names its prefix.
 */
export type BucketGrant =
  | Grant
  | { readonly grant: Grant; readonly prefix: string }
  | { readonly grant: 'list-delete'; readonly prefix: string };

export interface FunctionGrants {
  readonly table?: Grant;
  readonly certificatesBucket?: BucketGrant;
  readonly documentsBucket?: BucketGrant;
  /** `send` to produce messages, `consume` for a queue-triggered function. */
  readonly dispatchQueue?: 'send' | 'consume' | 'send-consume';
  /** Redrive / inspect the dead-letter queue. */
  readonly dispatchDlq?: 'consume' | 'send-consume';
  /** `sign` grants kms:Sign + kms:GetPublicKey on the one signing key; `verify` grants kms:GetPublicKey only. */
  readonly signingKey?: 'sign' | 'verify';
  /** ssm:GetParameter (with decryption) on the one carrier app-secret parameter of the stage. */
  readonly carrierSecretParameter?: 'read';
  /**
   * ssm:GetParameter (with decryption) on the stage's list-cursor key set. Not written here: the stateless stack
   * grants it to exactly the functions serving a paginated route (`isPaginated`), which seal and open cursors.
   */
  readonly cursorKeysParameter?: 'read';
}

export interface FunctionDefinition {
  /** Short kebab-case name; CDK derives the construct id from it. */
  readonly name: string;
  /** Module (relative to the repository root) exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly routes?: readonly RouteContract[];
  /** Queue that triggers this function (event source mapping with partial batch failures). */
  readonly queue?: keyof typeof queues;
  /** Run on a schedule (EventBridge Scheduler in the cloud, a timer locally). */
  readonly scheduleMinutes?: number;
  readonly grants: FunctionGrants;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  /** Files (relative to the repository root) the bundle needs at run time, copied next to the handler. */
  readonly assets?: readonly string[];
}

/** The CJK font files the PDF renderer embeds (copied into the bundle; see `lambdas/adapters/pdf/fonts.ts`). */
const CERTIFICATE_FONTS = [
  'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
] as const;

export const functions: readonly FunctionDefinition[] = [
  {
    name: 'health',
    entry: 'lambdas/handlers/health.ts',
    description: 'Reports whether DynamoDB, S3 and SQS answer',
    routes: [getHealth],
    grants: { table: 'read', certificatesBucket: 'read', dispatchQueue: 'send' },
    memoryMb: 256,
  },
  {
    name: 'openapi',
    entry: 'lambdas/handlers/openapi.ts',
    description: 'Serves the OpenAPI 3.1 document generated from the route contracts',
    routes: [getOpenApi],
    grants: {},
    memoryMb: 256,
  },
  {
    name: 'issue-certificate',
    entry: 'lambdas/handlers/issue-certificate.ts',
    description: 'Issues a certificate: signs the QR claims, renders the PDF, stores it and commits atomically',
    routes: [issueCertificateRoute],
    grants: {
      table: 'readwrite',
      certificatesBucket: { grant: 'write', prefix: 'certificates/' },
      signingKey: 'sign',
      // The paper-copy outbox message after the commit (best effort; the relay covers failures).
      dispatchQueue: 'send',
    },
    memoryMb: 1024,
    timeoutSeconds: 29,
    assets: CERTIFICATE_FONTS,
  },
  {
    name: 'get-certificate',
    entry: 'lambdas/handlers/get-certificate.ts',
    description: 'Reads one certificate with its status history',
    routes: [getCertificateRoute],
    grants: { table: 'read' },
  },
  {
    name: 'list-certificates',
    entry: 'lambdas/handlers/list-certificates.ts',
    description: 'Lists certificates for staff by enterprise or status',
    routes: [listCertificatesRoute],
    grants: { table: 'read' },
  },
  {
    name: 'list-my-certificates',
    entry: 'lambdas/handlers/list-my-certificates.ts',
    description: "Lists the calling enterprise's certificates",
    routes: [listMyCertificatesRoute],
    grants: { table: 'read' },
  },
  {
    name: 'download-certificate',
    entry: 'lambdas/handlers/download-certificate.ts',
    description: 'Audits a download and redirects to a presigned PDF URL',
    routes: [downloadCertificateRoute],
    grants: { table: 'readwrite', certificatesBucket: { grant: 'read', prefix: 'certificates/' } },
  },
  {
    name: 'change-certificate-status',
    entry: 'lambdas/handlers/change-certificate-status.ts',
    description: 'Suspends, reinstates, revokes or cancels a licence',
    routes: [changeStatusRoute],
    grants: { table: 'readwrite' },
  },
  {
    name: 'list-certificate-audit',
    entry: 'lambdas/handlers/list-certificate-audit.ts',
    description: 'Lists the audit trail of a licence',
    routes: [listAuditRoute],
    grants: { table: 'read' },
  },
  {
    // Public and read-only: table reads only (the key ring lives in the table, so no KMS grant), no bucket, no PDF
    // library in the bundle (test/integration/verification/bundle.test.ts).
    name: 'verify',
    entry: 'lambdas/handlers/verify-routes.ts',
    description: 'Public verification: the QR URL, lookup by licence number, file and QR checks, the JWKS',
    routes: [verifyQrUrlRoute, verifyLookupRoute, verifySubmissionRoute, jwksRoute],
    grants: { table: 'read' },
    memoryMb: 1024,
  },
  {
    name: 'dispatch-worker',
    entry: 'lambdas/handlers/dispatch-worker.ts',
    description: 'Creates the waybill of each dispatch at the carrier, exactly once (SQS, partial batch failures)',
    queue: 'dispatch',
    grants: { table: 'readwrite', dispatchQueue: 'consume', carrierSecretParameter: 'read' },
    // 5 s carrier timeout per call, a batch of 10 in parallel; the queue's 60 s visibility is six times this.
    timeoutSeconds: 10,
  },
  {
    name: 'dispatch-relay',
    entry: 'lambdas/handlers/dispatch-relay.ts',
    description: 'Re-sends dispatches still pending after their relay time (outbox relay)',
    scheduleMinutes: 1,
    grants: { table: 'readwrite', dispatchQueue: 'send' },
    timeoutSeconds: 50,
  },
  {
    name: 'carrier-events',
    entry: 'lambdas/handlers/carrier-events.ts',
    description: 'Receives signed carrier push notifications and moves dispatches forward',
    routes: [carrierEventsRoute],
    grants: { table: 'readwrite', carrierSecretParameter: 'read' },
  },
  {
    name: 'dispatches',
    entry: 'lambdas/handlers/dispatches.ts',
    description: "Lists parcels: the enterprise's own, a certificate's, and by state and month for staff",
    routes: [listMyDispatchesRoute, listDispatchesRoute, listCertificateDispatchesRoute],
    grants: { table: 'read' },
  },
  // Applications (issue 6). Only `application-decisions` issues, so only it may sign and write certificates.
  {
    name: 'applications',
    entry: 'lambdas/handlers/applications/routes.ts',
    description: 'Enterprise applications: file, presigned uploads and their checks, submit, read, list; staff reads',
    routes: [
      fileApplicationRoute,
      getApplicationRoute,
      listApplicationsRoute,
      listMyApplicationsRoute,
      requestDocumentUploadRoute,
      checkDocumentRoute,
      submitApplicationRoute,
      // Staff-only and audited; already within this role's grants (it reads uploads and writes the audit record).
      readDocumentContentRoute,
    ],
    grants: { table: 'readwrite', documentsBucket: { grant: 'readwrite', prefix: 'applications/' } },
  },
  {
    name: 'application-decisions',
    entry: 'lambdas/handlers/applications/decision-routes.ts',
    description: "Reviewers' steps and officers' decisions on applications; issues through issueCertificate",
    routes: [reviewApplicationRoute, decideApplicationRoute],
    grants: {
      table: 'readwrite',
      certificatesBucket: { grant: 'write', prefix: 'certificates/' },
      signingKey: 'sign',
      dispatchQueue: 'send', // paper copies: best-effort send after the commit (the relay covers failures)
      // Re-verifies the SHA-256 of the kept, checked copies before a step moves an application on: reads those only.
      documentsBucket: { grant: 'read', prefix: 'applications/*/checked/' },
    },
    memoryMb: 1024,
    timeoutSeconds: 29,
    assets: CERTIFICATE_FONTS,
  },
  {
    name: 'inspections',
    entry: 'lambdas/handlers/applications/inspection-routes.ts',
    description: 'Post-issuance reviews: list due/overdue, record results (a failure revokes the licence)',
    routes: [listInspectionsRoute, recordInspectionResultRoute],
    grants: { table: 'readwrite' },
  },
  {
    name: 'inspections-overdue',
    entry: 'lambdas/handlers/applications/inspections-overdue-job.ts',
    description: 'Marks overdue post-issuance reviews (and suspends licences where configured)',
    scheduleMinutes: 60,
    grants: { table: 'readwrite' },
  },
  {
    // Only this function may delete anything in a bucket: objects under `certificates/`, after checking the register.
    name: 'sweep-orphan-pdfs',
    entry: 'lambdas/handlers/sweep-orphan-pdfs.ts',
    description: 'Deletes certificate PDFs older than an hour that no committed issuance registered (crash leftovers)',
    scheduleMinutes: 60,
    grants: { table: 'read', certificatesBucket: { grant: 'list-delete', prefix: 'certificates/' } },
    timeoutSeconds: 300,
  },
  {
    name: 'calendar-admin',
    entry: 'lambdas/handlers/applications/calendar-admin.ts',
    description: "Loads a year's official working-day schedule and recomputes open deadlines",
    routes: [putCalendarRoute],
    grants: { table: 'readwrite' },
  },
  {
    name: 'stats',
    entry: 'lambdas/handlers/applications/stats.ts',
    description: 'Licensing statistics computed from indexes',
    routes: [statsRoute],
    grants: { table: 'read' },
  },
];

/** Every route contract, in registry order. */
export const allRoutes = (): RouteContract[] => functions.flatMap((f) => f.routes ?? []);
