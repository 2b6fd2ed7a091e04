import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../../lambdas/functions';
import { buildPermit } from '../../lib/stacks/permit-app';
import { selectStage } from '../../lib/stage-config';

describe('bundling (real esbuild run)', () => {
  it('bundles an ESM handler with the AWS SDK inside, the require banner and the registry assets', () => {
    // Prepare: one function that uses the AWS SDK, with one asset to copy.
    const registry: FunctionDefinition[] = [
      {
        name: 'bundle-probe',
        entry: 'lambdas/handlers/health.ts',
        description: 'bundling probe',
        grants: {},
        assets: ['lambdas/contracts/route.ts'],
      },
    ];
    // The stateless stack only: the stateful one bundles its own custom-resource provider.
    const app = new App({ context: { 'aws:cdk:bundling-stacks': ['Permit-dev-Stateless'] } });
    buildPermit(app, selectStage('dev'), { registry });

    // Act
    const assembly = app.synth();

    // Assess
    const assetDirs = readdirSync(assembly.directory)
      .filter((d) => d.startsWith('asset.'))
      .map((d) => join(assembly.directory, d))
      .filter((d) => existsSync(join(d, 'index.mjs')));
    expect(assetDirs).toHaveLength(1);
    const dir = assetDirs[0] as string;
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __permitCreateRequire } from 'node:module';")).toBe(true);
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(code).toContain('DescribeTable');
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    expect(existsSync(join(dir, 'route.ts'))).toBe(true);
  });
});
