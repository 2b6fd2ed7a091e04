/**
 * The fuzzer's schema-driven generator understands Permit's own schemas: values it generates from the OpenAPI
 * document (as served) pass the zod contracts they were generated from, so "valid" requests really are valid and
 * reach the use cases.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { isConsoleRoute } from '../../../../lambdas/contracts/route';
import { allRoutes } from '../../../../lambdas/functions';
import { buildOpenApi } from '../../../../lambdas/shared/openapi';
import { schemaArbitrary } from '../../../fuzz/json-schema-arbitrary';
import { operationsOf } from '../../../fuzz/operations';

// The API's routes, as the served document lists them (the console's HTML routes are not API operations).
const routes = allRoutes().filter((r) => !isConsoleRoute(r));
const document = buildOpenApi(routes, { title: 'Permit API', version: 'test' });
const operations = operationsOf(document);

const contractOf = (operationId: string) => routes.find((r) => r.operationId === operationId);

describe('values generated from the OpenAPI schemas pass the route contracts', () => {
  const withBodies = operations.filter((o) => o.body?.['application/json']);
  test.each(withBodies.map((o) => [o.operationId, o] as const))('%s body', (operationId, operation) => {
    // Prepare
    const zodBody = contractOf(operationId)?.request?.body as z.ZodType;
    const arbitrary = schemaArbitrary(operation.body?.['application/json'] ?? {}, { root: document });

    // Act
    const refused = fc
      .sample(arbitrary, { numRuns: 150, seed: 42 })
      .map((value) => ({ value, result: zodBody.safeParse(value) }))
      .filter(({ result }) => !result.success);

    // Assess
    expect(refused.map(({ value, result }) => ({ value, issues: result.error?.issues }))).toEqual([]);
  });

  const parameters = operations.flatMap((o) =>
    o.parameters.map((p) => [`${o.operationId} ${p.in} ${p.name}`, o, p] as const),
  );
  test.each(parameters)('%s', (_name, operation, parameter) => {
    // Prepare
    const request = contractOf(operation.operationId)?.request;
    const object = { path: request?.params, query: request?.query, header: request?.headers }[parameter.in];
    const zodField = object?.shape[parameter.name] as z.ZodType;
    const arbitrary = schemaArbitrary(parameter.schema, { root: document });

    // Act: parameters travel as text
    const refused = fc
      .sample(arbitrary, { numRuns: 100, seed: 7 })
      .map(String)
      .filter((text) => !zodField.safeParse(text).success);

    // Assess
    expect(refused).toEqual([]);
  });
});

describe('schemaArbitrary', () => {
  test('follows $refs, honours bounds and required keys, and mixes in hinted values', () => {
    // Prepare
    const root = {
      components: { schemas: { Key: { type: 'string', pattern: '^\\d{2}-\\d{3}$' } } },
    };
    const schema = {
      type: 'object',
      properties: {
        key: { $ref: '#/components/schemas/Key' },
        count: { type: 'integer', minimum: 3, maximum: 5 },
        note: { type: 'string', maxLength: 4 },
      },
      required: ['key', 'count'],
      additionalProperties: false,
    };
    const hint = (name: string) => (name === 'note' ? fc.constant('real') : undefined);

    // Act
    const values = fc.sample(schemaArbitrary(schema, { root, hint }), { numRuns: 200, seed: 1 }) as Record<
      string,
      unknown
    >[];

    // Assess
    for (const value of values) {
      expect(value.key).toMatch(/^\d{2}-\d{3}$/);
      expect(value.count).toBeGreaterThanOrEqual(3);
      expect(value.count).toBeLessThanOrEqual(5);
      expect(Object.keys(value).every((k) => ['key', 'count', 'note'].includes(k))).toBe(true);
      if (value.note !== undefined) expect(String(value.note).length).toBeLessThanOrEqual(4);
    }
    expect(values.some((v) => v.note === 'real')).toBe(true);
  });

  test('the same seed gives the same values', () => {
    const arbitrary = schemaArbitrary({ type: 'array', items: { type: 'string' }, maxItems: 3 }, { root: {} });
    expect(fc.sample(arbitrary, { numRuns: 20, seed: 9 })).toEqual(fc.sample(arbitrary, { numRuns: 20, seed: 9 }));
  });
});
