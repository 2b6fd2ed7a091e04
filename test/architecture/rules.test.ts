/**
 * The architecture's rules (`.dependency-cruiser.cjs`, read in README.md "Architecture") over the real import graph of
 * `lambdas/`, `lib/` and `bin/`, plus what a graph rule cannot say: each route handler calls one use case.
 */
import { createRequire } from 'node:module';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const configuration = require('../../.dependency-cruiser.cjs') as IConfiguration;

let result: ICruiseResult;

beforeAll(async () => {
  const out = await cruise(['lambdas', 'lib', 'bin'], {
    ...configuration.options,
    ruleSet: { forbidden: configuration.forbidden ?? [] },
    validate: true,
    outputType: 'json',
  });
  result = (typeof out.output === 'string' ? JSON.parse(out.output) : out.output) as ICruiseResult;
}, 120_000);

describe('the import graph', () => {
  test('breaks none of the rules', () => {
    // Assess
    const violations = (result.summary.violations ?? []).map(
      (v) =>
        `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`,
    );
    expect(violations).toEqual([]);
  });

  test('covers every layer (the rules are not passing on an empty graph)', () => {
    // Assess
    const sources = result.modules.map((m) => m.source);
    for (const layer of [
      'domain',
      'ports',
      'use-cases',
      'adapters',
      'handlers',
      'presenters',
      'contracts',
      'composition',
    ]) {
      expect(sources.filter((s) => s.startsWith(`lambdas/${layer}/`)).length, layer).toBeGreaterThan(2);
    }
  });
});

describe('route handlers', () => {
  test('each imports at most one use-case module (a router imports route handlers, not use cases)', () => {
    // Assess
    const offenders = result.modules
      .filter((m) => m.source.startsWith('lambdas/handlers/'))
      .map((m) => ({
        handler: m.source,
        useCases: [...new Set(m.dependencies.map((d) => d.resolved).filter((r) => r.startsWith('lambdas/use-cases/')))],
      }))
      .filter((h) => h.useCases.length > 1);
    expect(offenders).toEqual([]);
  });
});
