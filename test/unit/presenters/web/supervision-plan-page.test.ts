import { describe, expect, it } from 'vitest';
import type { PublicPlan } from '../../../../lambdas/presenters/web/supervision-pages';
import { renderPlanPage } from '../../../../lambdas/presenters/web/supervision-plan-page';

const BASE = 'https://permit.amr.hubei.gov.cn';

function frozenPlan(overrides: Partial<PublicPlan> = {}): PublicPlan {
  return {
    id: 'PLAN-20261205-K3M9Q2ZT7A',
    name: '2026年第四季度电线电缆产品双随机抽查',
    legalBasis: '《工业产品生产许可证管理条例》第三十八条',
    scope: { categories: ['06'], districts: ['4201'], procedures: [] },
    rules: { sample: { kind: 'ratio', basisPoints: 250 }, inspectorsPerCheck: 2, excludeOwnDistrict: false },
    window: { from: '2026-12-14', to: '2027-01-29' },
    entropy: { source: '中国福利彩票双色球第2026141期开奖号码', date: '2026-12-08', format: 'hex' },
    state: 'frozen',
    commitment: {
      at: '2026-12-05T02:00:00.000Z',
      enterpriseDigest: 'a'.repeat(64),
      inspectorDigest: 'b'.repeat(64),
      commitment: 'c'.repeat(64),
      enterpriseCount: 500,
      inspectorCount: 20,
      sampleSize: 13,
    },
    links: {
      self: '/v1/public/supervision/plans/PLAN-20261205-K3M9Q2ZT7A',
      page: '/supervision/plans/PLAN-20261205-K3M9Q2ZT7A',
    },
    ...overrides,
  };
}

describe('renderPlanPage', () => {
  it('before the draw: the rules in words, the commitment in Beijing time, no draw and no command', () => {
    // Act
    const page = renderPlanPage(frozenPlan(), { largeText: false, baseUrl: BASE });

    // Assess
    expect(page).toContain('按候选企业数的 2.5% 抽取（向上取整）');
    expect(page).toContain('本计划允许检查人员检查本人所在辖区的企业');
    expect(page).toContain('十六进制字符');
    expect(page).toContain('2026-12-05 10:00');
    expect(page).toContain('c'.repeat(64));
    expect(page).not.toContain('verify-draw');
    expect(page).not.toContain('公开的秘密值');
    expect(page).toContain('<html lang="zh-CN">');
  });

  it('after the draw: the secret, the absolute plan URL in the command, results in the order drawn; text escaped', () => {
    // Prepare
    const plan = frozenPlan({
      state: 'drawn',
      name: '<script>alert(1)</script>',
      entropy: { source: 's', date: '2026-12-08', format: 'decimal', value: '0309141922270611' },
      draw: {
        at: '2026-12-08T02:00:00.000Z',
        secret: 'd'.repeat(64),
        seed: 'e'.repeat(64),
        drawn: 2,
        skipped: 1,
        shortfall: 0,
        complete: true,
      },
      checks: [
        {
          position: 2,
          inspectionId: 'I2',
          enterpriseName: '乙',
          uscc: 'U2',
          licenceNo: 'L2',
          team: ['INS-2'],
          state: 'scheduled',
        },
        {
          position: 1,
          inspectionId: 'I1',
          enterpriseName: '甲',
          uscc: 'U1',
          licenceNo: 'L1',
          team: ['INS-1'],
          state: 'fail',
          result: { outcome: 'fail', publishedAt: '2026-12-20T02:00:00.000Z', findings: '不合格', action: 'revoke' },
        },
      ],
    });

    // Act
    const page = renderPlanPage(plan, { largeText: true, baseUrl: BASE });

    // Assess
    expect(page).toContain('d'.repeat(64));
    expect(page.replaceAll('<wbr>', '')).toContain(
      `npm run verify-draw -- ${BASE}/v1/public/supervision/plans/PLAN-20261205-K3M9Q2ZT7A`,
    );
    expect(page).toContain('吊销许可证');
    expect(page.indexOf('U1')).toBeLessThan(page.indexOf('U2'));
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
    expect(page).toContain('class="large"');
    expect(page).toContain('href="/supervision/plans?text=large"');
  });
});
