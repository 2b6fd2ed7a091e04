/**
 * The workbench's start through the local runtime: staff land on it from `/console` and see the sections their roles
 * may open; an enterprise session is refused (403 page) at every workbench address, whatever the method.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { WORKBENCH_PREFIX } from '../../../lambdas/contracts/console-workbench';
import { allRoutes } from '../../../lambdas/functions';
import { consoleHttp } from '../../support/console/http';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  runtime = await startTestRuntime({ overrides: { clock } });
});
afterAll(() => runtime?.stop());

const { get, post, signIn } = consoleHttp(() => runtime.baseUrl);

describe('the workbench’s start', () => {
  test('staff are sent from /console to the workbench, and see the sections their roles may open', async () => {
    const reviewer = await signIn('reviewer', 'reviewer-demo');
    const start = await get(reviewer, '/console');
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe(WORKBENCH_PREFIX);
    const page = await (await get(reviewer, WORKBENCH_PREFIX)).text();
    expect(page).toContain('<h1>审批工作台</h1>');
    expect(page).toContain('href="/console/workbench/applications"');
    expect(page).not.toContain('href="/console/workbench/admin"');
    expect(page).not.toContain('href="/console/workbench/inspectors"');
    const admin = await (await get(await signIn('admin', 'admin-demo'), WORKBENCH_PREFIX)).text();
    expect(admin).toContain('href="/console/workbench/admin"');
    expect(admin).toContain('href="/console/workbench/inspectors"');
  });

  test('an enterprise session is refused at every workbench address (403 page), GET or POST', async () => {
    const enterprise = await signIn('enterprise', 'enterprise-demo');
    const routes = allRoutes().filter((r) => r.path.startsWith(WORKBENCH_PREFIX));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const path = route.path.replace(/\{[^}]+\}/g, 'X');
      const res = route.method === 'GET' ? await get(enterprise, path) : await post(enterprise, path, {});
      expect(res.status, `${route.method} ${path}`).toBe(403);
      expect(await res.text()).toContain('调用者的角色无权执行此操作');
    }
  });
});
