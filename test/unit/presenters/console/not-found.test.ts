/** The not-found page leads the reader back to where they work: staff to the workbench, an enterprise to its lists. */
import { describe, expect, test } from 'vitest';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import { notFoundBody } from '../../../../lambdas/presenters/console/not-found';

const ctx = (path: string): ConsoleContext => ({ lang: 'zh-CN', csrfToken: '', largeText: false, path });

describe('notFoundBody', () => {
  test('on a workbench page it links to the workbench’s start, not to an enterprise’s pages', () => {
    const body = notFoundBody(ctx('/console/workbench/certificates/X'), 'CERTIFICATE_NOT_FOUND').toString();
    expect(body).toContain('<a href="/console/workbench">返回审批工作台</a>');
    expect(body).not.toContain('/console/licences');
  });

  test('on an enterprise page it links to the enterprise’s licences and applications', () => {
    const body = notFoundBody(ctx('/console/workbenchx'), 'APPLICATION_NOT_FOUND').toString();
    expect(body).toContain('href="/console/licences"');
    expect(body).toContain('href="/console/applications"');
  });
});
