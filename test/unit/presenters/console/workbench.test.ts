/** The workbench's sections by role: the navigation and the start page show what a person's roles may open. */
import { describe, expect, test } from 'vitest';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import { renderShell } from '../../../../lambdas/presenters/console/shell';
import { workbenchHomeBody, workbenchSections } from '../../../../lambdas/presenters/console/workbench';

const ctx: ConsoleContext = {
  lang: 'zh-CN',
  csrfToken: 't',
  largeText: false,
  path: '/console/workbench/applications/APP-1',
};

describe('workbench sections', () => {
  test('a reviewer and an officer see every section but administration (a reviewer not the inspectors); an admin sees it too', () => {
    expect(workbenchSections(['reviewer']).map((s) => s.href)).not.toContain('/console/workbench/admin');
    expect(workbenchSections(['reviewer']).map((s) => s.href)).not.toContain('/console/workbench/inspectors');
    expect(workbenchSections(['officer']).map((s) => s.en)).toEqual([
      'Worklist',
      'Certificates',
      'Inspections',
      'Spot checks',
      'Inspectors',
      'Dispatches',
      'Statistics',
    ]);
    expect(workbenchSections(['admin']).map((s) => s.href)).toContain('/console/workbench/admin');
    expect(workbenchSections(['enterprise'])).toEqual([]);
  });

  test('the start page draws a linked card per section, in the reader’s language', () => {
    const zh = workbenchHomeBody(ctx, ['reviewer']);
    expect(zh).toContain('<a href="/console/workbench/applications">待办申请</a>');
    expect(zh).not.toContain('系统管理');
    expect(workbenchHomeBody({ ...ctx, lang: 'en' }, ['admin'])).toContain('>Administration</a>');
  });

  test('staff navigation marks the section of the page being shown as current; an enterprise sees its own', () => {
    const staff = renderShell({
      ctx,
      title: { zh: '申请', en: 'Application' },
      body: '',
      user: { name: 'R', roles: ['reviewer'] },
    });
    expect(staff).toContain('<a href="/console/workbench/applications" aria-current="page">待办申请</a>');
    expect(staff).toContain('<a href="/console/workbench">工作台</a>');
    const enterprise = renderShell({
      ctx: { ...ctx, path: '/console/licences' },
      title: { zh: 'x', en: 'x' },
      body: '',
      user: { name: 'E', roles: ['enterprise'] },
    });
    expect(enterprise).not.toContain('href="/console/workbench');
    expect(enterprise).toContain('我的许可证');
  });
});
