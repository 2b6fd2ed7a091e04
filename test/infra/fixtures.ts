/**
 * A fixture function registry exercising every path of the stateless stack (public, signed and role routes, a
 * queue worker, a scheduled relay, signing and verifying), with entries pointing at a handler that exists.
 */
import { z } from 'zod';
import { defineRoute } from '../../lambdas/contracts/route';
import type { FunctionDefinition } from '../../lambdas/functions';

const ENTRY = 'lambdas/handlers/openapi.ts';
const ok = { 200: { description: 'ok', schema: z.object({}), example: {} } };

export const publicRoute = defineRoute({
  operationId: 'fxVerify',
  method: 'GET',
  path: '/v1/verify/{licenceNo}',
  summary: 'fixture',
  tags: ['fx'],
  access: 'public',
  responses: ok,
});
export const signedRoute = defineRoute({
  operationId: 'fxCarrierEvents',
  method: 'POST',
  path: '/v1/carrier/events',
  summary: 'fixture',
  tags: ['fx'],
  access: 'signed',
  responses: ok,
});
export const officerRoute = defineRoute({
  operationId: 'fxIssue',
  method: 'POST',
  path: '/v1/certificates',
  summary: 'fixture',
  tags: ['fx'],
  access: ['officer'],
  responses: ok,
});
export const staffRoute = defineRoute({
  operationId: 'fxGet',
  method: 'GET',
  path: '/v1/certificates/{licenceNo}',
  summary: 'fixture',
  tags: ['fx'],
  access: ['officer', 'reviewer', 'admin', 'enterprise'],
  responses: ok,
});

export const fixtureRegistry: readonly FunctionDefinition[] = [
  {
    name: 'fx-issue',
    entry: ENTRY,
    description: 'fixture: issues (signs, writes PDFs and records)',
    routes: [officerRoute, staffRoute],
    grants: {
      table: 'readwrite',
      buckets: { certificates: 'readwrite' },
      signingKey: 'sign',
      queues: { dispatch: 'send' },
    },
    memoryMb: 1024,
    timeoutSeconds: 20,
  },
  {
    name: 'fx-verify',
    entry: ENTRY,
    description: 'fixture: public verification',
    routes: [publicRoute],
    grants: { table: 'read', signingKey: 'verify' },
  },
  {
    name: 'fx-carrier-events',
    entry: ENTRY,
    description: 'fixture: signed webhook',
    routes: [signedRoute],
    grants: { table: 'readwrite' },
  },
  {
    name: 'fx-dispatch-worker',
    entry: ENTRY,
    description: 'fixture: queue worker',
    queue: 'dispatch',
    grants: { table: 'readwrite', queues: { dispatch: 'consume' } },
    timeoutSeconds: 30,
  },
  {
    name: 'fx-dispatch-relay',
    entry: ENTRY,
    description: 'fixture: scheduled outbox relay',
    scheduleMinutes: 5,
    grants: { table: 'read', queues: { dispatch: 'send' }, buckets: { documents: 'read' } },
  },
];
