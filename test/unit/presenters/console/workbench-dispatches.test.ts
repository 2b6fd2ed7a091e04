/** The dispatches page's markup: the GET form keeps the state and month chosen; parcels with waybill and latest step. */
import { describe, expect, test } from 'vitest';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import { dispatchesBody } from '../../../../lambdas/presenters/console/workbench-dispatches';

const ctx: ConsoleContext = {
  lang: 'zh-CN',
  csrfToken: 'tok',
  largeText: false,
  path: '/console/workbench/dispatches',
};

describe('dispatchesBody', () => {
  test('a plain GET form with the state and month chosen, and each parcel’s waybill and latest carrier step', () => {
    // Act
    const page = dispatchesBody(
      {
        state: 'in-transit',
        month: '2026-11',
        items: [
          {
            id: 'DSP-20260000001',
            licenceNo: '(鄂)XK06-001-00001',
            version: 2,
            reason: 'new-version',
            recipient: '张三<script>',
            postcode: '430074',
            state: 'in-transit',
            requestedAt: '2026-11-27T02:00:00.000Z',
            waybillNo: 'SF1234567890',
            latest: { at: '2026-11-28T01:00:00.000Z', description: '武汉转运中心已发出' },
          },
        ],
        next: '/console/workbench/dispatches?state=in-transit&month=2026-11&cursor=x',
      },
      ctx,
    ).toString();

    // Assess
    expect(page).toContain('<form class="card filters" method="get" action="/console/workbench/dispatches">');
    expect(page).toContain('<option value="in-transit" selected>运输中</option>');
    expect(page).toContain('name="month" type="month" value="2026-11"');
    expect(page).toContain('SF1234567890');
    expect(page).toContain('武汉转运中心已发出');
    expect(page).toContain('第 2 版 · 新版本');
    expect(page).toContain('张三&lt;script&gt;');
    expect(page).toContain('href="/console/workbench/dispatches?state=in-transit&amp;month=2026-11&amp;cursor=x"');
  });

  test('a parcel with no waybill yet says so; an empty month says which state and month', () => {
    const none = dispatchesBody({ state: 'returned', month: '2026-10', items: [] }, { ...ctx, lang: 'en' }).toString();
    expect(none).toContain('No parcels “Returned” requested in 2026-10.');
    const pending = dispatchesBody(
      {
        state: 'pending',
        month: '2026-11',
        items: [
          {
            id: 'DSP-20260000002',
            licenceNo: '(鄂)XK06-001-00002',
            version: 1,
            reason: 'issue',
            recipient: '李四',
            postcode: '430074',
            state: 'pending',
            requestedAt: '2026-11-27T02:00:00.000Z',
          },
        ],
      },
      ctx,
    ).toString();
    expect(pending).toContain('<td data-label="运单号">尚无</td>');
  });
});
