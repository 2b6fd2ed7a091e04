/**
 * Wiring of the application workflow: the application, inspection and calendar repositories on the one table, the
 * documents bucket, and the print check that refuses at filing what issuance would refuse (without the fonts). What
 * issues (the signer and renderer) is in `issuance.ts`; only the decision function imports `decisions.ts`.
 *
 * @example
 * await fileApplication(applicationDeps(), { viewer, request });
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '../adapters/clock/system-clock';
import { DynamoApplicationRepository } from '../adapters/dynamo/application-repository';
import { DynamoCalendarRepository } from '../adapters/dynamo/calendar-repository';
import { DynamoInspectionRepository } from '../adapters/dynamo/inspection-repository';
import { TableCertificatePrintCheck } from '../adapters/pdf/print-check';
import { S3DocumentStore } from '../adapters/s3/document-store';
import { dynamoClient, s3Client } from '../shared/clients';
import { config } from '../shared/config';
import type { ApplicationDeps } from '../use-cases/applications/deps';
import type { InspectionDeps } from '../use-cases/applications/inspections';

/** The inspection deps' type, for handlers that take them as a parameter (tests pass their own). */
export type { InspectionDeps };

import { backfillWorklist } from '../use-cases/applications/worklist';
import { clock } from './clock';
import { once } from './once';
import { catalogue, certificateRepository, statusChangeDeps } from './storage';

const applications = once(() => new DynamoApplicationRepository(dynamoClient(), config().tableName));
const inspections = once(() => new DynamoInspectionRepository(dynamoClient(), config().tableName));
const calendars = once(() => new DynamoCalendarRepository(dynamoClient(), config().tableName));
const documents = once(() => new S3DocumentStore(s3Client(), config().documentsBucket));
const printCheck = once(() => new TableCertificatePrintCheck());

/**
 * Deps of the application use cases; `parts` replace any of them (tests).
 *
 * @example
 * const deps = applicationDeps({ clock: new ManualClock('2026-02-10T09:00:00+08:00') });
 */
export const applicationDeps = (parts: Partial<ApplicationDeps> = {}): ApplicationDeps => ({
  applications: applications(),
  inspections: inspections(),
  calendars: calendars(),
  documents: documents(),
  certificates: certificateRepository(),
  catalogue: catalogue(),
  clock,
  printCheck: printCheck(),
  issuing: { province: config().province, issuingAuthority: config().issuingAuthority },
  ...parts,
});

/**
 * Deps of the inspection use cases (a failed review changes the licence's status).
 *
 * @example
 * await markOverdueInspections(inspectionDeps(), { suspendLicence: false });
 */
export const inspectionDeps = (parts: Partial<InspectionDeps> = {}): InspectionDeps => ({
  inspections: inspections(),
  certificates: certificateRepository(),
  calendars: calendars(),
  clock,
  statusChange: statusChangeDeps(parts.clock ? { clock: parts.clock } : {}),
  ...parts,
});

/**
 * The worklist's backfill on this process's table and clock (the local runtime at start; `npm run backfill:worklist`
 * in the cloud): entries for applications stored before the worklist; one read once it has run to its end.
 *
 * @example
 * const written = await backfillWorklistNow();
 */
export const backfillWorklistNow = (): Promise<number> => backfillWorklist({ applications: applications(), clock });

/**
 * The same backfill from a tool outside the functions (`bin/backfill-worklist.ts`): only the table's name is needed.
 *
 * @example
 * await backfillWorklistIn('permit-prod-table');
 */
export const backfillWorklistIn = (
  tableName: string,
  region = process.env.AWS_REGION ?? 'cn-north-1',
): Promise<number> =>
  backfillWorklist({
    applications: new DynamoApplicationRepository(
      DynamoDBDocumentClient.from(new DynamoDBClient({ region }), { marshallOptions: { removeUndefinedValues: true } }),
      tableName,
    ),
    clock: systemClock,
  });
