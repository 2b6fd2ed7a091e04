/**
 * A function's entry must serve exactly the routes `lambdas/functions.ts` lists for it: the local runtime refuses to
 * start otherwise (the cloud would route requests the entry does not serve, or the other way round).
 */
import { describe, expect, test } from 'vitest';
import { getHealth, getOpenApi } from '../../../../lambdas/contracts/ops';
import type { FunctionDefinition } from '../../../../lambdas/functions';
import { loadHandler } from '../../../../lib/local/handlers';
import { REPO_ROOT } from '../../../../lib/local/runtime';

const definition = (routes: FunctionDefinition['routes']): FunctionDefinition => ({
  name: 'health-router',
  entry: 'test/support/fixtures/health-router.ts',
  description: 'fixture',
  routes,
  grants: {},
});

describe('loading a function', () => {
  test('accepts an entry that routes exactly its listed routes', async () => {
    // Act
    const handler = await loadHandler(definition([getHealth]), REPO_ROOT);

    // Assess
    expect(typeof handler).toBe('function');
  });

  test('refuses an entry whose routes differ from the listed ones, naming both', async () => {
    // Act
    const loading = loadHandler(definition([getHealth, getOpenApi]), REPO_ROOT);

    // Assess
    await expect(loading).rejects.toMatchObject({
      code: 'HANDLER_ROUTES_MISMATCH',
      message: expect.stringContaining('GET /openapi.json'),
    });
  });
});
