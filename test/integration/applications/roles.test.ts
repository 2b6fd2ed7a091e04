/**
 * The role × route matrix of the application, inspection, calendar and stats routes: each role either gets past
 * authorisation (any status but 401/403) or is refused with 403 FORBIDDEN; no token is 401.
 *
 * | route                                   | enterprise | reviewer | officer | admin |
 * |-----------------------------------------|:----------:|:--------:|:-------:|:-----:|
 * | POST /v1/applications (+documents, check, submit) | ✓ |       |         |       |
 * | GET  /v1/me/applications                | ✓          |          |         |       |
 * | GET  /v1/applications/{id}              | own        | ✓        | ✓       | ✓     |
 * | GET  /v1/applications, /v1/inspections, /v1/stats | | ✓        | ✓       | ✓     |
 * | POST /v1/applications/{id}/review       |            | ✓        |         |       |
 * | POST /v1/applications/{id}/decision     |            |          | ✓       |       |
 * | POST /v1/inspections/{id}/result        |            | ✓        |         |       |
 * | PUT  /v1/admin/calendar/{year}          |            |          |         | ✓     |
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../../lambdas/contracts/route';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.stop());

const APP = 'APP-20261127-AAAAAAAAAA';
const DOC = 'DOC-00000000-0000-4000-8000-000000000000';
const ALL: Role[] = ['enterprise', 'reviewer', 'officer', 'admin'];

const MATRIX: readonly [method: string, path: string, allowed: Role[], body?: unknown][] = [
  ['POST', '/v1/applications', ['enterprise'], { kind: 'renew', licenceNo: '42-XK06-001-99999' }],
  ['GET', `/v1/applications/${APP}`, ALL],
  ['GET', '/v1/me/applications', ['enterprise']],
  ['GET', '/v1/applications', ['reviewer', 'officer', 'admin']],
  [
    'POST',
    `/v1/applications/${APP}/documents`,
    ['enterprise'],
    { type: 'test-report', fileName: 'a.pdf', contentType: 'application/pdf', size: 10 },
  ],
  ['POST', `/v1/applications/${APP}/documents/${DOC}/check`, ['enterprise']],
  ['POST', `/v1/applications/${APP}/submit`, ['enterprise'], {}],
  ['POST', `/v1/applications/${APP}/review`, ['reviewer'], { action: 'accept' }],
  ['POST', `/v1/applications/${APP}/decision`, ['officer'], { decision: 'approve' }],
  ['GET', '/v1/inspections?state=due', ['reviewer', 'officer', 'admin']],
  ['POST', `/v1/inspections/INSP-${APP}/result`, ['reviewer'], { outcome: 'pass' }],
  ['PUT', '/v1/admin/calendar/2031', ['admin'], { holidays: [], workdays: [] }],
  ['GET', '/v1/stats', ['reviewer', 'officer', 'admin']],
];

const call = (method: string, path: string, body: unknown, as?: Role) =>
  runtime.request(path, {
    ...(as ? { as } : {}),
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

describe('role × route', () => {
  test.each(MATRIX)('%s %s', async (method, path, allowed, body) => {
    for (const role of ALL) {
      // Act
      const res = await call(method, path, body, role);
      // Assess
      if (allowed.includes(role)) {
        expect([401, 403], `${role} should pass authorisation (got ${res.status})`).not.toContain(res.status);
      } else {
        expect(res.status, `${role} should be refused`).toBe(403);
        expect(((await res.json()) as { code: string }).code).toBe('FORBIDDEN');
      }
    }
    expect((await call(method, path, body)).status).toBe(401);
  });
});
