/**
 * The OpenAPI document carries the error catalogue — the Problem schema's `code` is the enum of catalogued codes and
 * `x-error-codes` gives each one's status, kind and meaning — and stays a valid OpenAPI 3.1 document.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { expect, test } from 'vitest';
import { isConsoleRoute } from '../../../lambdas/contracts/route';
import { ERROR_CODES, ERROR_MEANINGS, kindOfCode } from '../../../lambdas/domain/error-catalogue';
import { allRoutes } from '../../../lambdas/functions';
import { buildOpenApi, type ErrorCodeDoc } from '../../../lambdas/shared/openapi';
import { statusOf } from '../../../lambdas/shared/problem-status';

// The document the API serves: the console's HTML routes are not API operations (`openapi-document.ts`).
const document = buildOpenApi(
  allRoutes().filter((r) => !isConsoleRoute(r)),
  { title: 'Permit API', version: 'test' },
) as {
  components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } };
  'x-error-codes': ErrorCodeDoc[];
};

test('is a valid OpenAPI 3.1 document', async () => {
  // Act
  const validator = new Validator();
  const result = await validator.validate(document);

  // Assess
  expect(result.errors).toBeUndefined();
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
});

test('the Problem schema’s code is the enum of every catalogued code', () => {
  expect(document.components.schemas.Problem.properties.code.enum).toEqual([...ERROR_CODES]);
});

test('x-error-codes gives every code its status, kind and meaning, ordered by status', () => {
  // Act
  const rows = document['x-error-codes'];

  // Assess
  expect(rows.map((r) => r.code).sort()).toEqual([...ERROR_CODES].sort());
  for (const row of rows) {
    expect(row).toMatchObject({
      status: statusOf(row.code),
      kind: kindOfCode(row.code),
      description: ERROR_MEANINGS[row.code].en,
      'x-zh': ERROR_MEANINGS[row.code].zh,
    });
  }
  expect(rows.map((r) => r.status)).toEqual(rows.map((r) => r.status).sort((a, b) => a - b));
  expect(rows.find((r) => r.code === 'IDEMPOTENCY_KEY_REUSED')).toMatchObject({ status: 409, kind: 'conflict' });
});
