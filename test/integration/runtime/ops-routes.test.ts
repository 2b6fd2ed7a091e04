/** The production registry mounted by the runtime: `/health` reports every dependency up, `/openapi.json` is valid. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});

afterAll(async () => {
  await runtime?.stop();
});

test('GET /health answers 200 with every dependency up', async () => {
  // Act
  const response = await runtime.request('/health');

  // Assess
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'up', dependencies: { dynamodb: 'up', s3: 'up', sqs: 'up' } });
  expect(response.headers.get('x-correlation-id')).toBeTruthy();
});

test('GET /openapi.json is a valid OpenAPI 3.1 document listing the registry’s routes', async () => {
  // Prepare
  const validator = new Validator();

  // Act
  const response = await runtime.request('/openapi.json');
  const document = (await response.json()) as Record<string, unknown> & { paths: Record<string, unknown> };
  const result = await validator.validate(document);

  // Assess
  expect(response.status).toBe(200);
  expect(result.errors).toBeUndefined();
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/openapi.json']));
});
