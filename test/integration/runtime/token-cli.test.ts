/** `npm run token` prints a token that the gateway (sharing the data directory) accepts. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fixtureRegistry } from '../../support/fixtures/registry';
import { spawnScript } from '../../support/processes';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let dataDir: string;
let runtime: TestRuntime | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'permit-token-cli-'));
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function token(...args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawnScript('bin/token.ts', { PERMIT_DATA_DIR: dataDir }, args);
  const code = await child.exited;
  return { code, stdout: child.stdout().trim(), stderr: child.stderr() };
}

test('prints a token the gateway accepts, made before the runtime ever started', async () => {
  // Prepare: the CLI creates the key; the runtime then opens the same directory.
  const officer = await token('--role', 'officer');
  const enterprise = await token(
    '--role',
    'enterprise',
    '--uscc',
    '91420100ma4k0a0a1e',
    '--name',
    '武汉示例',
    '--ttl',
    '600',
  );
  runtime = await startTestRuntime({ dataDir, registry: fixtureRegistry, pollers: false, schedules: false });

  // Act
  const response = await runtime.request('/staff/1', { headers: { authorization: `Bearer ${officer.stdout}` } });
  const forbidden = await runtime.request('/staff/1', { headers: { authorization: `Bearer ${enterprise.stdout}` } });

  // Assess
  expect(officer.code).toBe(0);
  expect(officer.stdout).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(response.status).toBe(200);
  expect(forbidden.status).toBe(403);
  const claims = decodeJwt(enterprise.stdout);
  expect(claims).toMatchObject({
    'custom:uscc': '91420100MA4K0A0A1E',
    name: '武汉示例',
    'cognito:groups': ['enterprise'],
  });
  expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
  expect(statSync(join(dataDir, 'idp', 'signing-key.jwk.json')).mode & 0o777).toBe(0o600);
});

test('refuses an enterprise token without a USCC, and unknown roles, with exit code 2', async () => {
  // Act
  const noUscc = await token('--role', 'enterprise');
  const badRole = await token('--role', 'boss');

  // Assess
  expect(noUscc.code).toBe(2);
  expect(noUscc.stderr).toContain('needs --uscc');
  expect(badRole.code).toBe(2);
  expect(badRole.stderr).toContain('unknown role "boss"');
});
