/**
 * The workbench's start in Debian's Chromium, through the runtime `npm start` runs: a reviewer signs in from the
 * console's address and lands on the workbench, whose cards and navigation offer the sections a reviewer may open (no
 * administration), reached with the keyboard; an admin sees administration too. An enterprise session is refused — the
 * 403 page, in its shell with its own navigation — at every workbench address (every GET page the workbench function
 * serves, path parameters filled in). axe finds nothing at 1280 and 360 px, in large text too.
 */
import { describe, expect, it } from 'vitest';
import { WORKBENCH_PREFIX } from '../../lambdas/contracts/console-workbench';
import { functions } from '../../lambdas/functions';
import { consoleSuite, h1, pathOf, signIn, tabTo } from './support/console';

const suite = consoleSuite({ shots: '/tmp/shots-workbench-start', context: { locale: 'zh-CN' } });

describe('the workbench’s start', () => {
  it('a reviewer lands on it from /console and moves to the worklist with the keyboard', async () => {
    // Prepare
    const page = await suite.openPage();

    // Act
    await signIn(page, suite.runtime.baseUrl, 'reviewer', '/console');

    // Assess
    expect(pathOf(page)).toBe(WORKBENCH_PREFIX);
    expect(await h1(page)).toBe('审批工作台');
    const cards = await page.locator('main .cards h2').allTextContents();
    expect(cards).toEqual(['待办申请', '许可证', '核查', '双随机抽查', '寄递', '统计']);
    await suite.look(page, 'start-reviewer');
    await suite.lookLarge(page, 'start-reviewer');
    await tabTo(page, 'main a[href="/console/workbench/applications"]');
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/applications')), page.keyboard.press('Enter')]);
    expect(await h1(page)).toBe('待办申请');
  });

  it('an admin’s start and navigation offer administration as well', async () => {
    const page = await suite.openPage();
    await signIn(page, suite.runtime.baseUrl, 'admin', WORKBENCH_PREFIX);
    expect(await page.locator('main .cards h2').allTextContents()).toContain('系统管理');
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '系统管理' }).count()).toBe(
      1,
    );
  });

  it('an enterprise session is refused at every workbench address, on the 403 page with its own navigation', async () => {
    // Prepare
    const page = await suite.openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise');
    const workbench = functions.find((f) => f.name === 'workbench');
    const pages = (workbench?.routes ?? []).filter((r) => r.method === 'GET');
    expect(pages.length).toBeGreaterThan(10);

    for (const route of pages) {
      // Act
      const path = route.path.replace(/\{[^}]+\}/g, 'X');
      const response = await page.goto(`${suite.runtime.baseUrl}${path}`);

      // Assess
      expect(response?.status(), path).toBe(403);
      expect(await h1(page), path).toBe('无法执行此操作');
      expect(await page.locator('main').textContent(), path).toContain('FORBIDDEN');
      expect(await page.getByRole('link', { name: '我的许可证' }).count(), path).toBeGreaterThan(0);
      expect(await page.locator(`nav ul a[href^="${WORKBENCH_PREFIX}"]`).count(), path).toBe(0);
    }
    await suite.look(page, 'refused-enterprise');
  });
});
