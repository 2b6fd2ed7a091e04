/**
 * Every Lambda function Permit runs, with its routes, triggers and the access it needs. The CDK stateless stack
 * creates one function per entry (routes on the HTTP API, queue triggers, schedules, least-privilege grants), and
 * the local runtime (`lib/local/`) mounts the very same handler modules — so the two cannot drift.
 *
 * To add a route: define its contract in `lambdas/contracts/`, write the handler, list it here.
 */
import { type BucketName, outboxTopics, type ParameterName, type QueueName, queues } from '../lib/resources';
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
  consoleAssetRoute,
  consoleCallbackRoute,
  consoleHomePage,
  consoleNotFoundRoute,
  consoleSignedOutPage,
  consoleSignInRoute,
  consoleSignOutRoute,
} from './contracts/console';
import {
  consoleApplicationRoute,
  consoleCheckDocumentRoute,
  consoleDocumentUploadedRoute,
  consoleFileApplicationRoute,
  consoleLicencePdfRoute,
  consoleLicenceRoute,
  consoleMyApplicationsRoute,
  consoleMyLicencesRoute,
  consoleNewApplicationRoute,
  consoleRequestUploadRoute,
  consoleSubmitApplicationRoute,
} from './contracts/console-enterprise';
import {
  consoleWorkbenchAdminRoute,
  consoleWorkbenchApplicationRoute,
  consoleWorkbenchCalendarLoadRoute,
  consoleWorkbenchCalendarPreviewRoute,
  consoleWorkbenchCalendarRoute,
  consoleWorkbenchCertificatePdfRoute,
  consoleWorkbenchCertificateRoute,
  consoleWorkbenchCertificatesRoute,
  consoleWorkbenchCompromiseKeyPageRoute,
  consoleWorkbenchCompromiseKeyRoute,
  consoleWorkbenchDecisionRoute,
  consoleWorkbenchDispatchesRoute,
  consoleWorkbenchDocumentRoute,
  consoleWorkbenchHomeRoute,
  consoleWorkbenchInspectionRoute,
  consoleWorkbenchInspectionsRoute,
  consoleWorkbenchKeysRoute,
  consoleWorkbenchRecordInspectionRoute,
  consoleWorkbenchReviewRoute,
  consoleWorkbenchStatisticsRoute,
  consoleWorkbenchStatusConfirmRoute,
  consoleWorkbenchStatusFormRoute,
  consoleWorkbenchStatusReviewRoute,
  consoleWorklistRoute,
} from './contracts/console-workbench';
import {
  consoleWorkbenchChangeInspectorRoute,
  consoleWorkbenchInspectorFormRoute,
  consoleWorkbenchInspectorLeaveRoute,
  consoleWorkbenchInspectorRecusalRoute,
  consoleWorkbenchInspectorRoute,
  consoleWorkbenchInspectorsRoute,
  consoleWorkbenchRegisterInspectorRoute,
  consoleWorkbenchReinstateInspectorRoute,
  consoleWorkbenchRetireInspectorPageRoute,
  consoleWorkbenchRetireInspectorRoute,
} from './contracts/console-workbench-inspectors';
import {
  consoleWorkbenchCreatePlanRoute,
  consoleWorkbenchDrawPlanRoute,
  consoleWorkbenchDrawReviewRoute,
  consoleWorkbenchFreezePlanPageRoute,
  consoleWorkbenchFreezePlanRoute,
  consoleWorkbenchPlanFormRoute,
  consoleWorkbenchPlanRoute,
  consoleWorkbenchPlansRoute,
  consoleWorkbenchPublicationsRoute,
  consoleWorkbenchPublishSpotCheckRoute,
} from './contracts/console-workbench-plans';
import {
  carrierEventsRoute,
  listCertificateDispatchesRoute,
  listDispatchesRoute,
  listMyDispatchesRoute,
} from './contracts/dispatches';
import {
  getImportReportCsvRoute,
  getImportReportRoute,
  getImportRoute,
  requestImportUploadRoute,
  startImportRoute,
} from './contracts/imports';
import {
  listInspectionsRoute,
  listPublicationsRoute,
  publishSpotCheckResultRoute,
  putCalendarRoute,
  recordInspectionResultRoute,
} from './contracts/inspections';
import { getHealth, getOpenApi } from './contracts/ops';
import type { RouteContract } from './contracts/route';
import { statusListEntryRoute, statusListRoute } from './contracts/status-list';
import {
  addInspectorLeaveRoute,
  addInspectorRecusalRoute,
  changeInspectorRoute,
  createPlanRoute,
  drawPlanRoute,
  freezePlanRoute,
  getDrawRecordRoute,
  getInspectorRoute,
  getPlanRoute,
  getPublicPlanRoute,
  listInspectionObjectsRoute,
  listInspectorsRoute,
  listPlansRoute,
  listPublicPlansRoute,
  registerInspectorRoute,
} from './contracts/supervision';
import { publicPlanPageRoute, publicPlansPageRoute } from './contracts/supervision-pages';
import { logKeyRoute, logResourceRoute } from './contracts/transparency-log';
import { jwksRoute, verifyLookupRoute, verifyQrUrlRoute, verifySubmissionRoute } from './contracts/verification';
import {
  changeSubscriptionStateRoute,
  getSubscriptionRoute,
  listDeliveriesRoute,
  listSubscriptionsRoute,
  registerSubscriptionRoute,
  rotateSubscriptionSecretRoute,
  sendTestEventRoute,
} from './contracts/webhooks';

export type Grant = 'read' | 'write' | 'readwrite';

/**
 * A bucket grant, optionally limited to the objects under one key prefix (e.g. `certificates/`). `list-delete` —
 * list the keys under the prefix and delete objects there, nothing else — always names its prefix.
 */
export type BucketGrant =
  | Grant
  | { readonly grant: Grant; readonly prefix: string }
  | { readonly grant: 'list-delete'; readonly prefix: string };

/** `send` to produce messages, `consume` for a queue-triggered function. */
export type QueueGrant = 'send' | 'consume' | 'send-consume';

/** A dead-letter queue: `consume` / `send-consume` to inspect and redrive its letters, `inspect` to read its depth only. */
export type DeadLetterGrant = 'consume' | 'send-consume' | 'inspect';

/**
 * What a function may do, on resources named as `lib/resources.ts` names them — a new queue, bucket or parameter
 * there needs no new kind of grant here.
 *
 * @example
 * grants: { table: 'readwrite', buckets: { certificates: { grant: 'write', prefix: 'certificates/' } },
 *   queues: { dispatch: 'send' }, parameters: { carrierSecret: 'read' } }
 */
export interface FunctionGrants {
  readonly table?: Grant;
  /** Buckets by name. */
  readonly buckets?: Readonly<Partial<Record<BucketName, BucketGrant>>>;
  /** Queues by name. */
  readonly queues?: Readonly<Partial<Record<QueueName, QueueGrant>>>;
  /** Dead-letter queues, by the name of their queue (redrive / inspect). */
  readonly deadLetterQueues?: Readonly<Partial<Record<QueueName, DeadLetterGrant>>>;
  /** `sign` grants kms:Sign + kms:GetPublicKey on the one signing key; `verify` grants kms:GetPublicKey only. */
  readonly signingKey?: 'sign' | 'verify';
  /** `sign` grants kms:Sign + kms:GetPublicKey on the transparency log's checkpoint key (`logKey`). */
  readonly logKey?: 'sign';
  /**
   * The key that seals webhook signing secrets (`webhookSecretsKey`): `seal` grants kms:Encrypt, `open` kms:Decrypt,
   * `seal-open` both — on that key alone, and only with its encryption-context purpose.
   */
  readonly webhookSecrets?: 'seal' | 'open' | 'seal-open';
  /**
   * ssm:GetParameter (with decryption) on parameters by name. `cursorKeys` is not written here: the stateless stack
   * grants it to exactly the functions serving a paginated route (`isPaginated`), which seal and open cursors.
   */
  readonly parameters?: Readonly<Partial<Record<ParameterName, 'read'>>>;
}

/**
 * `send` on the queue of every outbox topic (`outboxTopics` in `lib/resources.ts`): what a function that publishes
 * outbox messages — after its commits, or as the relay — needs, and no more; a new topic's queue comes with it.
 *
 * @example
 * grants: { table: 'readwrite', queues: publishesOutbox() } // { dispatch: 'send' }
 */
export function publishesOutbox(): Readonly<Partial<Record<QueueName, QueueGrant>>> {
  return Object.fromEntries(Object.values(outboxTopics).map((topic) => [topic.queue, 'send' as const]));
}

/**
 * `inspect` (sqs:GetQueueAttributes only) on the dead-letter queue of every queue of `lib/resources.ts`: what the
 * `ops-gauges` function needs to read their depths, and no more; a new queue's DLQ comes with it.
 *
 * @example
 * grants: { table: 'read', deadLetterQueues: inspectsDeadLetters() } // { dispatch: 'inspect', log: 'inspect', … }
 */
export function inspectsDeadLetters(): Readonly<Partial<Record<QueueName, DeadLetterGrant>>> {
  return Object.fromEntries(Object.keys(queues).map((name) => [name, 'inspect' as const]));
}

export interface FunctionDefinition {
  /** Short kebab-case name; CDK derives the construct id from it. */
  readonly name: string;
  /** Module (relative to the repository root) exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly routes?: readonly RouteContract[];
  /** Queue that triggers this function (event source mapping with partial batch failures). */
  readonly queue?: QueueName;
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
    grants: { table: 'read', buckets: { certificates: 'read' }, queues: { dispatch: 'send' } },
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
      buckets: { certificates: { grant: 'write', prefix: 'certificates/' } },
      signingKey: 'sign',
      // The paper-copy outbox message after the commit (best effort; the relay covers failures).
      queues: publishesOutbox(),
      // The signing key's certificate chain for the PDF signature (PAdES).
      parameters: { padesCertificates: 'read' },
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
    grants: { table: 'readwrite', buckets: { certificates: { grant: 'read', prefix: 'certificates/' } } },
  },
  {
    name: 'change-certificate-status',
    entry: 'lambdas/handlers/change-certificate-status.ts',
    description: 'Suspends, reinstates, revokes or cancels a licence',
    routes: [changeStatusRoute],
    // The change's transparency-log message after the commit (best effort; the relay covers failures).
    grants: { table: 'readwrite', queues: publishesOutbox() },
  },
  {
    name: 'list-certificate-audit',
    entry: 'lambdas/handlers/list-certificate-audit.ts',
    description: 'Lists the audit trail of a licence',
    routes: [listAuditRoute],
    grants: { table: 'read' },
  },
  {
    // Public and read-only: table reads only (the key ring lives in the table, so no KMS grant), no bucket, no PDF,
    // CMS or ASN.1 library in the bundle (test/integration/verification/bundle.test.ts).
    name: 'verify',
    entry: 'lambdas/handlers/verify-routes.ts',
    description: 'Public verification: the QR URL, lookup by licence number, the JWKS, the log key, the status list',
    routes: [verifyQrUrlRoute, verifyLookupRoute, jwksRoute, logKeyRoute, statusListRoute, statusListEntryRoute],
    grants: { table: 'read' },
    memoryMb: 1024,
    // Its bundle stays ≤ 500 KiB where the stage does not trace with Powertools, as prod (test/infra/verify-bundle.test.ts).
  },
  {
    // Public and read-only like `verify` (table reads only), but its own function: checking an uploaded PDF's own
    // signature brings the PAdES check and its CMS / ASN.1 libraries, which the QR verifier must not carry.
    name: 'verify-file',
    entry: 'lambdas/handlers/verify-submission.ts',
    description: 'Public verification of an uploaded certificate PDF (its bytes and its PDF signature) or a QR text',
    routes: [verifySubmissionRoute],
    // The trust anchors a PDF signature must chain to (PAdES).
    grants: { table: 'read', parameters: { padesTrustAnchors: 'read' } },
    memoryMb: 1024,
  },
  {
    name: 'dispatch-worker',
    entry: 'lambdas/handlers/dispatch-worker.ts',
    description: 'Creates the waybill of each dispatch at the carrier, exactly once (SQS, partial batch failures)',
    queue: 'dispatch',
    // Table writes include completing the dispatch's outbox message once its waybill is recorded.
    grants: { table: 'readwrite', queues: { dispatch: 'consume' }, parameters: { carrierSecret: 'read' } },
    // 5 s carrier timeout per call, a batch of 10 in parallel; the queue's 60 s visibility is six times this.
    timeoutSeconds: 10,
  },
  {
    name: 'outbox-relay',
    entry: 'lambdas/handlers/outbox-relay.ts',
    description: 'Re-sends outbox messages of every topic still pending after their relay time',
    scheduleMinutes: 1,
    grants: { table: 'readwrite', queues: publishesOutbox() },
    timeoutSeconds: 50,
  },
  {
    name: 'log-sequencer',
    entry: 'lambdas/handlers/log-sequencer.ts',
    description:
      'Integrates pending transparency-log entries in order, exactly once, and publishes a signed checkpoint',
    queue: 'log',
    // Also every minute: a run that died between sequencing and publishing is finished by the next one.
    scheduleMinutes: 1,
    // Table: the log's state and completing its outbox messages; the bucket: the public copy under log/.
    grants: { table: 'readwrite', buckets: { log: { grant: 'write', prefix: 'log/' } }, logKey: 'sign' },
    timeoutSeconds: 60,
  },
  {
    name: 'status-list-publisher',
    entry: 'lambdas/handlers/status-list-publisher.ts',
    description: 'Writes changed licence statuses into the signed status list and publishes it at the next version',
    queue: 'statusList',
    // Also every 5 minutes: the first list of a new table, and the list signed again once an hour old.
    scheduleMinutes: 5,
    // Table: the list, the heads it reads and completing its outbox messages; the certificate key signs the list.
    grants: { table: 'readwrite', signingKey: 'sign' },
    timeoutSeconds: 30,
  },
  {
    name: 'pdf-timestamper',
    entry: 'lambdas/handlers/pdf-timestamper.ts',
    description:
      'Adds the document timestamp a certificate PDF missed while the TSA was down (PAdES B-B → B-T, a second file)',
    queue: 'pdfTimestamps',
    grants: {
      // Table: the version or reprint, the new digest, the audit event and completing its outbox message.
      table: 'readwrite',
      // Reads the B-B file and writes the B-T file beside it (a new key: nothing is overwritten).
      buckets: { certificates: { grant: 'readwrite', prefix: 'certificates/' } },
    },
    // A batch of 10 in parallel, each a PDF read, one TSA call and a write; the queue's 60 s visibility is six times this.
    timeoutSeconds: 10,
  },
  {
    name: 'imports',
    entry: 'lambdas/handlers/imports.ts',
    description: 'Licence imports (admins): the file upload, a check or run of it, its progress and its report',
    routes: [requestImportUploadRoute, startImportRoute, getImportRoute, getImportReportRoute, getImportReportCsvRoute],
    grants: {
      // Table: the jobs and their plan messages; the bucket: presigned uploads, and the reports' kept findings.
      table: 'readwrite',
      buckets: { documents: { grant: 'readwrite', prefix: 'imports/' } },
      queues: publishesOutbox(),
    },
  },
  {
    name: 'import-worker',
    entry: 'lambdas/handlers/import-worker.ts',
    description:
      'Checks licence import files and imports their licences in chunks through issueCertificate, each row once',
    queue: 'imports',
    grants: {
      table: 'readwrite',
      buckets: {
        certificates: { grant: 'write', prefix: 'certificates/' },
        // Reads the uploaded file; keeps the check's findings for the report.
        documents: { grant: 'readwrite', prefix: 'imports/' },
      },
      signingKey: 'sign',
      // The chunks' messages after the check; each issuance's log, status-list and paper-copy messages.
      queues: publishesOutbox(),
      parameters: { padesCertificates: 'read' },
    },
    memoryMb: 2048,
    // A batch of four chunks side by side, 25 issuances each (seconds); a check of 100,000 rows within it. The queue's
    // visibility (900 s) is six times this.
    timeoutSeconds: 150,
    assets: CERTIFICATE_FONTS,
  },
  {
    name: 'webhooks-admin',
    entry: 'lambdas/handlers/webhooks/routes.ts',
    description: 'Webhook subscriptions (admins): register, read, rotate the secret, enable, the delivery log, tests',
    routes: [
      registerSubscriptionRoute,
      listSubscriptionsRoute,
      getSubscriptionRoute,
      rotateSubscriptionSecretRoute,
      changeSubscriptionStateRoute,
      listDeliveriesRoute,
      sendTestEventRoute,
    ],
    // Secrets are sealed before they are stored, and opened only to answer an idempotent retry of a registration;
    // a test event's delivery message is published at once.
    grants: { table: 'readwrite', webhookSecrets: 'seal-open', queues: publishesOutbox() },
  },
  {
    name: 'webhook-worker',
    entry: 'lambdas/handlers/webhook-worker.ts',
    description: 'Fans licence events out to webhook subscribers and attempts each delivery, signed, SSRF-safe',
    queue: 'webhooks',
    grants: {
      // Table: events, deliveries, subscriptions (disabling) and their outbox messages.
      table: 'readwrite',
      // Delivery messages published after their creation; exhausted deliveries parked in the DLQ.
      queues: publishesOutbox(),
      deadLetterQueues: { webhooks: 'send-consume' },
      webhookSecrets: 'open',
    },
    // A batch of 10 in parallel, 5 s per delivery at most; the queue's 60 s visibility is three times this.
    timeoutSeconds: 20,
  },
  {
    // Public and read-only: the log's resources from its private bucket.
    name: 'transparency-log',
    entry: 'lambdas/handlers/transparency-log.ts',
    description: 'Serves the public transparency log: checkpoint, tiles and entry bundles (C2SP tlog-tiles)',
    routes: [logResourceRoute],
    grants: { buckets: { log: { grant: 'read', prefix: 'log/' } } },
    memoryMb: 256,
  },
  {
    name: 'carrier-events',
    entry: 'lambdas/handlers/carrier-events.ts',
    description: 'Receives signed carrier push notifications and moves dispatches forward',
    routes: [carrierEventsRoute],
    grants: { table: 'readwrite', parameters: { carrierSecret: 'read' } },
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
    grants: { table: 'readwrite', buckets: { documents: { grant: 'readwrite', prefix: 'applications/' } } },
  },
  {
    name: 'application-decisions',
    entry: 'lambdas/handlers/applications/decision-routes.ts',
    description: "Reviewers' steps and officers' decisions on applications; issues through issueCertificate",
    routes: [reviewApplicationRoute, decideApplicationRoute],
    grants: {
      table: 'readwrite',
      buckets: {
        certificates: { grant: 'write', prefix: 'certificates/' },
        // Re-verifies the SHA-256 of the kept, checked copies before a step moves an application on: reads those only.
        documents: { grant: 'read', prefix: 'applications/*/checked/' },
      },
      signingKey: 'sign',
      queues: publishesOutbox(), // paper copies: best-effort publish after the commit (the relay covers failures)
      parameters: { padesCertificates: 'read' }, // the PDF signature's certificate chain (PAdES)
    },
    memoryMb: 1024,
    timeoutSeconds: 29,
    assets: CERTIFICATE_FONTS,
  },
  {
    name: 'inspections',
    entry: 'lambdas/handlers/applications/inspection-routes.ts',
    description:
      'Inspections (post-issuance reviews, spot checks): list due/overdue, record results (a failure revokes or suspends the licence), publish spot check results',
    routes: [listInspectionsRoute, recordInspectionResultRoute, publishSpotCheckResultRoute, listPublicationsRoute],
    // A failed review suspends or revokes: the change's log message after the commit.
    grants: { table: 'readwrite', queues: publishesOutbox() },
  },
  {
    name: 'supervision',
    entry: 'lambdas/handlers/supervision/routes.ts',
    description: '双随机: the inspectors’ registry, inspection objects, spot-check plans (create, freeze, draw)',
    routes: [
      registerInspectorRoute,
      listInspectorsRoute,
      getInspectorRoute,
      changeInspectorRoute,
      addInspectorLeaveRoute,
      addInspectorRecusalRoute,
      listInspectionObjectsRoute,
      createPlanRoute,
      listPlansRoute,
      getPlanRoute,
      freezePlanRoute,
      drawPlanRoute,
    ],
    grants: { table: 'readwrite' },
    // Freezing reads the whole register and drawing schedules every check: seconds for thousands of enterprises.
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  {
    name: 'supervision-public',
    entry: 'lambdas/handlers/supervision/public-routes.ts',
    description:
      '一公开: published spot-check plans, their checks and results, the draw records (no sign-in), JSON and pages',
    routes: [listPublicPlansRoute, getPublicPlanRoute, getDrawRecordRoute, publicPlansPageRoute, publicPlanPageRoute],
    grants: { table: 'read' },
    memoryMb: 1024,
  },
  {
    name: 'inspections-overdue',
    entry: 'lambdas/handlers/applications/inspections-overdue-job.ts',
    description:
      'Marks overdue inspections (and suspends licences of overdue reviews where configured; never of spot checks)',
    scheduleMinutes: 60,
    // An overdue review may suspend: the change's log message after the commit.
    grants: { table: 'readwrite', queues: publishesOutbox() },
  },
  {
    // The operational gauges (issue 21, docs/metrics.md): reads only — indexes of the table and the DLQs' depths.
    name: 'ops-gauges',
    entry: 'lambdas/handlers/ops-gauges.ts',
    description:
      'Publishes the operational gauges: overdue inspections and publications, undispatched paper, log lag, DLQ depths',
    scheduleMinutes: 5,
    grants: { table: 'read', deadLetterQueues: inspectsDeadLetters() },
    timeoutSeconds: 30,
  },
  {
    // Only this function may delete anything in a bucket: objects under `certificates/`, after checking the register.
    name: 'sweep-orphan-pdfs',
    entry: 'lambdas/handlers/sweep-orphan-pdfs.ts',
    description: 'Deletes certificate PDFs older than an hour that no committed issuance registered (crash leftovers)',
    scheduleMinutes: 60,
    grants: { table: 'read', buckets: { certificates: { grant: 'list-delete', prefix: 'certificates/' } } },
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
  {
    // The web console (HTML under /console, behind its session cookie, not the JWT authorizer): one function, so one
    // warm process serves a person's pages. Its grants are the enterprise pages' use cases' — those of the API's
    // `applications` function (table writes: filing, checks, submit; documents under `applications/`: presigning the
    // uploads, reading them for the check, writing the kept copy) and of `download-certificate` (the download's audit
    // record; reading certificate PDFs to presign them) — and the session key set.
    name: 'console',
    entry: 'lambdas/handlers/console/routes.ts',
    description: 'The web console: OIDC sign-in, sessions, the enterprise pages',
    routes: [
      consoleHomePage,
      consoleSignInRoute,
      consoleCallbackRoute,
      consoleSignOutRoute,
      consoleSignedOutPage,
      consoleAssetRoute,
      // The enterprise service (企业服务): the same use cases as the API's certificate and application routes.
      consoleMyLicencesRoute,
      consoleLicenceRoute,
      consoleLicencePdfRoute,
      consoleNewApplicationRoute,
      consoleFileApplicationRoute,
      consoleMyApplicationsRoute,
      consoleApplicationRoute,
      consoleRequestUploadRoute,
      consoleCheckDocumentRoute,
      consoleDocumentUploadedRoute,
      consoleSubmitApplicationRoute,
      consoleNotFoundRoute,
    ],
    grants: {
      table: 'readwrite',
      buckets: {
        certificates: { grant: 'read', prefix: 'certificates/' },
        documents: { grant: 'readwrite', prefix: 'applications/' },
      },
      parameters: { consoleSessionKeys: 'read' },
    },
    memoryMb: 1024,
  },
  {
    // The authority's workbench (审批工作台: staff pages under /console/workbench, behind the console's session): its
    // own function, so the enterprise pages keep their narrower grants. Its grants are those of the API functions
    // whose use cases its pages call — reviews and decisions that issue (table, certificate PDFs written, checked
    // documents read and presigned, the signing key, the outbox's queues), status changes, inspections, the calendar,
    // lists and statistics — and the session key set.
    name: 'workbench',
    entry: 'lambdas/handlers/workbench/routes.ts',
    description: 'The authority’s workbench: worklist, reviews and decisions, certificates, inspections, statistics',
    routes: [
      consoleWorkbenchHomeRoute,
      // Worklist and applications: the API's listApplications, getApplication, readDocumentContent, review, decision.
      consoleWorklistRoute,
      consoleWorkbenchApplicationRoute,
      consoleWorkbenchDocumentRoute,
      consoleWorkbenchReviewRoute,
      consoleWorkbenchDecisionRoute,
      // Certificates: find, the dossier, the audited download, status changes (changeCertificateStatus).
      consoleWorkbenchCertificatesRoute,
      consoleWorkbenchCertificateRoute,
      consoleWorkbenchCertificatePdfRoute,
      consoleWorkbenchStatusFormRoute,
      consoleWorkbenchStatusReviewRoute,
      consoleWorkbenchStatusConfirmRoute,
      consoleWorkbenchStatisticsRoute,
      // Inspections and dispatches: the API's listInspections, recordInspectionResult, listDispatches.
      consoleWorkbenchInspectionsRoute,
      consoleWorkbenchInspectionRoute,
      consoleWorkbenchRecordInspectionRoute,
      // Spot checks' publication (一公开): publishSpotCheckResult and listSpotCheckPublications.
      consoleWorkbenchPublishSpotCheckRoute,
      consoleWorkbenchPublicationsRoute,
      consoleWorkbenchDispatchesRoute,
      // Supervision (双随机抽查): the API's listSupervisionPlans, createSupervisionPlan, getSupervisionPlan,
      // freezeSupervisionPlan (and its check), drawSupervisionPlan (and checkDraw, its check without writing).
      consoleWorkbenchPlansRoute,
      consoleWorkbenchPlanFormRoute,
      consoleWorkbenchCreatePlanRoute,
      consoleWorkbenchPlanRoute,
      consoleWorkbenchFreezePlanPageRoute,
      consoleWorkbenchFreezePlanRoute,
      consoleWorkbenchDrawReviewRoute,
      consoleWorkbenchDrawPlanRoute,
      // The inspectors' registry (执法检查人员名录库): the API's listInspectors and getInspector (officer, admin),
      // registerInspector, changeInspector, addInspectorLeave, addInspectorRecusal (admin).
      consoleWorkbenchInspectorsRoute,
      consoleWorkbenchInspectorFormRoute,
      consoleWorkbenchRegisterInspectorRoute,
      consoleWorkbenchInspectorRoute,
      consoleWorkbenchChangeInspectorRoute,
      consoleWorkbenchRetireInspectorPageRoute,
      consoleWorkbenchRetireInspectorRoute,
      consoleWorkbenchReinstateInspectorRoute,
      consoleWorkbenchInspectorLeaveRoute,
      consoleWorkbenchInspectorRecusalRoute,
      // Administration (admin): the calendar (putWorkingCalendar's use case, and its preview) and the signing keys.
      consoleWorkbenchAdminRoute,
      consoleWorkbenchCalendarRoute,
      consoleWorkbenchCalendarPreviewRoute,
      consoleWorkbenchCalendarLoadRoute,
      consoleWorkbenchKeysRoute,
      consoleWorkbenchCompromiseKeyPageRoute,
      consoleWorkbenchCompromiseKeyRoute,
    ],
    grants: {
      table: 'readwrite',
      buckets: {
        certificates: { grant: 'readwrite', prefix: 'certificates/' },
        documents: { grant: 'read', prefix: 'applications/*/checked/' },
      },
      signingKey: 'sign',
      queues: publishesOutbox(),
      parameters: { consoleSessionKeys: 'read' },
    },
    memoryMb: 1024,
    timeoutSeconds: 29,
    assets: CERTIFICATE_FONTS,
  },
];

/** Every route contract, in registry order. */
export const allRoutes = (): RouteContract[] => functions.flatMap((f) => f.routes ?? []);
