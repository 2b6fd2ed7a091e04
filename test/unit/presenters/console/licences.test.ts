/**
 * The licence pages' presenters (my licences, licence detail), as pure functions: escaping, both languages, Chinese dates, status in words and icon, errors beside
 * their fields with aria-describedby, table headers, heading order.
 */
import { describe, expect, test } from 'vitest';
import { VERDICT_LABELS } from '../../../../lambdas/domain/verification/verdict-text';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import {
  type LicenceDetailModel,
  licenceDetailBody,
  myLicencesBody,
} from '../../../../lambdas/presenters/console/licences';
import { statusBadge } from '../../../../lambdas/presenters/console/words';

const zh: ConsoleContext = { lang: 'zh-CN', csrfToken: 'tok-123', largeText: false, path: '/console/licences' };
const en: ConsoleContext = { ...zh, lang: 'en' };

/** Heading levels in document order never skip a level going down. */
function headingLevels(markup: string): number[] {
  return [...markup.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
}
const noSkippedLevels = (levels: number[]) => levels.every((l, i) => i === 0 || l <= (levels[i - 1] as number) + 1);

const detail: LicenceDetailModel = {
  licenceNo: '(鄂)XK06-001-00001',
  urlSafe: '42-XK06-001-00001',
  status: 'suspended',
  currentVersion: 2,
  enterprise: {
    name: '湖北<script>alert(1)</script>线缆有限公司',
    uscc: '91420100MA4K2X1R09',
    domicile: '湖北省武汉市',
    productionAddresses: ['湖北省武汉市东西湖区'],
  },
  products: [{ key: '06-001', name: '电线电缆', categoryName: '电线电缆' }],
  procedure: 'post-issuance-review',
  firstIssueDate: '2026-11-27',
  issueDate: '2026-11-27',
  validFrom: '2026-11-27',
  validUntil: '2031-11-26',
  issuingAuthority: '湖北省市场监督管理局',
  verificationUrl: 'https://permit.example/v/ABC"><img>',
  dispatches: [],
};

describe('my licences', () => {
  test('a table with column and row headers; status in words and icon; dates in Chinese', () => {
    // Act
    const out = myLicencesBody(
      {
        items: [
          {
            licenceNo: '(鄂)XK06-001-00001',
            urlSafe: '42-XK06-001-00001',
            status: 'expired',
            version: 3,
            validUntil: '2026-11-27',
          },
        ],
      },
      zh,
    ).toString();
    // Assess
    expect(out).toContain('<th scope="col">证书编号</th>');
    expect(out).toContain('<th scope="row"><a href="/console/licences/42-XK06-001-00001">(鄂)XK06-001-00001</a></th>');
    expect(out).toMatch(/class="badge badge--expired"><svg[^>]*aria-hidden="true"[^>]*>.*<\/svg> 已过期/);
    expect(out).toContain('<time datetime="2026-11-27">2026年11月27日</time>');
    expect(out).toContain('第 3 版');
  });

  test('in English', () => {
    const out = myLicencesBody(
      { items: [{ licenceNo: 'X', urlSafe: 'X', status: 'valid', version: 1, validUntil: '2031-11-26' }] },
      en,
    ).toString();
    expect(out).toContain('My licences');
    expect(out).toContain('26 Nov 2031');
    expect(out).toContain('Valid');
  });
});

describe('licence detail', () => {
  test('escapes every value, draws the QR as SVG, links each version’s PDF, keeps headings in order', () => {
    // Act
    const out = licenceDetailBody(detail, zh).toString();
    // Assess
    expect(out).not.toContain('<script>alert(1)</script>');
    expect(out).toContain('&lt;script&gt;');
    expect(out).not.toContain('"><img>');
    expect(out).toMatch(
      /<svg viewBox="0 0 \d+ \d+"[^>]*role="img" aria-label="许可证 \(鄂\)XK06-001-00001 的核验二维码"/,
    );
    expect(out).toContain('href="/console/licences/42-XK06-001-00001/pdf"');
    expect(out).toContain('href="/console/licences/42-XK06-001-00001/pdf?version=1"');
    expect(out).toContain('已暂扣'); // the verification page's word for a suspended licence
    expect(out).not.toMatch(/style=|<script/);
    expect(noSkippedLevels(headingLevels(out))).toBe(true);
  });
});

describe('status words', () => {
  test('each status reads as the public verification page says it, with its icon', () => {
    for (const status of ['valid', 'suspended', 'revoked', 'cancelled', 'expired'] as const) {
      const badge = statusBadge(zh, status).toString();
      expect(badge).toContain(VERDICT_LABELS[status].zh);
      expect(badge).toContain('<svg');
    }
  });
});
