/**
 * Every Lambda function Permit runs, with its routes, triggers and the access it needs. The CDK stateless stack
 * creates one function per entry (routes on the HTTP API, queue triggers, schedules, least-privilege grants), and
 * the local runtime (`lib/local/`) mounts the very same handler modules — so the two cannot drift.
 *
 * To add a route: define its contract in `lambdas/contracts/`, write the handler, list it here.
 */
import type { queues } from '../lib/resources';
import { getHealth, getOpenApi } from './contracts/ops';
import type { RouteContract } from './contracts/route';

export type Grant = 'read' | 'write' | 'readwrite';

export interface FunctionGrants {
  readonly table?: Grant;
  readonly certificatesBucket?: Grant;
  readonly documentsBucket?: Grant;
  /** `send` to produce messages, `consume` for a queue-triggered function. */
  readonly dispatchQueue?: 'send' | 'consume' | 'send-consume';
  /** Redrive / inspect the dead-letter queue. */
  readonly dispatchDlq?: 'consume' | 'send-consume';
  /** `sign` grants kms:Sign + kms:GetPublicKey on the one signing key; `verify` grants kms:GetPublicKey only. */
  readonly signingKey?: 'sign' | 'verify';
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
];

/** Every route contract, in registry order. */
export const allRoutes = (): RouteContract[] => functions.flatMap((f) => f.routes ?? []);
