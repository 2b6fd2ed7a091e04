/**
 * `npm run verify-draw` as a real process: a record file that matches (exit 0), a tampered one (exit 1), a plan
 * document served over real HTTP by a `node:http` server on 127.0.0.1 whose `links.record` is relative (exit 0), a plan
 * not drawn yet and a URL that answers 404 (exit 2, a message and no stack trace).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DrawRecord, drawPlan } from '../../../lambdas/domain/supervision/draw';
import { spawnScript } from '../../support/processes';
import { manyEnterprises, manyInspectors, VECTOR_ENTROPY, VECTOR_SECRET } from '../../support/supervision';

const PLAN_ID = 'PLAN-2026-07';

const record: DrawRecord = drawPlan({
  planId: PLAN_ID,
  rules: { sample: { kind: 'count', count: 30 }, inspectorsPerCheck: 2, excludeOwnDistrict: true },
  enterprises: manyEnterprises(500),
  inspectors: manyInspectors(20, 5),
  secret: VECTOR_SECRET,
  entropy: VECTOR_ENTROPY,
});

/** The public plan routes as the server answers them: a drawn plan linking its record relatively, and an undrawn one. */
const ROUTES: Record<string, unknown> = {
  '/v1/supervision/plans/PLAN-2026-07': {
    id: PLAN_ID,
    name: '2026 年第三季度双随机抽查',
    links: { self: '/v1/supervision/plans/PLAN-2026-07', record: 'PLAN-2026-07/record' },
  },
  '/v1/supervision/plans/PLAN-2026-07/record': record,
  '/v1/supervision/plans/PLAN-2026-08': {
    id: 'PLAN-2026-08',
    links: { self: '/v1/supervision/plans/PLAN-2026-08' },
  },
};

let server: Server;
let base: string;
let dir: string;
const served: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permit-verify-draw-'));
  server = createServer((request, response) => {
    served.push(request.url ?? '');
    const body = ROUTES[request.url ?? ''];
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { code: 'NOT_FOUND' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function verifyDraw(argument: string) {
  const child = spawnScript('bin/verify-draw.ts', { NO_PROXY: '127.0.0.1' }, [argument]);
  const code = await child.exited;
  return { code, stdout: child.stdout().trim(), stderr: child.stderr().trim() };
}

describe('a record file', () => {
  test('that matches: exit 0, one "match" line', async () => {
    // Prepare
    const file = join(dir, 'record.json');
    writeFileSync(file, JSON.stringify(record, null, 2));

    // Act
    const run = await verifyDraw(file);

    // Assess
    expect(run).toEqual({
      code: 0,
      stdout: `match — plan ${PLAN_ID}: 30 checks drawn from 500 enterprises, 20 inspectors; seed ${record.seed}`,
      stderr: '',
    });
  });

  test('with another entropy value: exit 1, MISMATCH naming the seed', async () => {
    // Prepare
    const file = join(dir, 'tampered.json');
    writeFileSync(file, JSON.stringify({ ...record, entropy: { ...record.entropy, value: '0309141922270612' } }));

    // Act
    const run = await verifyDraw(file);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`^MISMATCH — plan ${PLAN_ID}: seed.*\\(seed\\): expected [0-9a-f]{64}, found`),
    );
  });
});

describe('a plan URL', () => {
  test('whose links.record is relative: the record is fetched against the plan URL, exit 0', async () => {
    // Act
    const run = await verifyDraw(`${base}/v1/supervision/plans/PLAN-2026-07`);

    // Assess
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^match — plan PLAN-2026-07: 30 checks drawn from 500 enterprises, 20 inspectors; /);
    expect(served).toContain('/v1/supervision/plans/PLAN-2026-07/record');
  });

  test('of a plan not drawn yet: exit 2, "not drawn yet" on stderr, no stack trace', async () => {
    // Act
    const run = await verifyDraw(`${base}/v1/supervision/plans/PLAN-2026-08`);

    // Assess
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'plan PLAN-2026-08 is not drawn yet: it publishes no draw record',
    });
  });

  test('that answers 404: exit 2 naming the URL and the status', async () => {
    // Act
    const run = await verifyDraw(`${base}/v1/supervision/plans/PLAN-0000`);

    // Assess
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `GET ${base}/v1/supervision/plans/PLAN-0000 answered 404 Not Found`,
    });
  });
});
