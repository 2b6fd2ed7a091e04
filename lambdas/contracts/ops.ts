/** Operational routes: health and the OpenAPI document. */
import { z } from 'zod';
import { defineRoute } from './route';

const DependencyState = z.enum(['up', 'down']);

export const HealthBody = z
  .object({
    status: DependencyState.describe('`up` only when every dependency is up'),
    checkedAt: z.string().describe('ISO-8601 time of the check'),
    dependencies: z.object({ dynamodb: DependencyState, s3: DependencyState, sqs: DependencyState }),
  })
  .meta({ id: 'Health' });

export const getHealth = defineRoute({
  operationId: 'getHealth',
  method: 'GET',
  path: '/health',
  summary: 'Dependency health',
  description: 'Reports each dependency (DynamoDB, S3, SQS) as up or down. 503 when any is down.',
  tags: ['ops'],
  access: 'public',
  responses: {
    200: {
      description: 'Every dependency is up',
      schema: HealthBody,
      example: {
        status: 'up',
        checkedAt: '2026-11-27T08:00:00.000Z',
        dependencies: { dynamodb: 'up', s3: 'up', sqs: 'up' },
      },
    },
    503: {
      description: 'At least one dependency is down',
      schema: HealthBody,
      example: {
        status: 'down',
        checkedAt: '2026-11-27T08:00:00.000Z',
        dependencies: { dynamodb: 'up', s3: 'down', sqs: 'up' },
      },
    },
  },
});

export const getOpenApi = defineRoute({
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  summary: 'This API described as OpenAPI 3.1',
  tags: ['ops'],
  access: 'public',
  responses: {
    200: {
      description: 'The OpenAPI 3.1 document',
      schema: z.record(z.string(), z.unknown()),
      example: { openapi: '3.1.0' },
    },
  },
});
