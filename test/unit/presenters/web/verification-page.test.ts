import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CERTIFICATE, EXAMPLE_RESULTS } from '../../../../lambdas/domain/verification/examples';
import { logInclusionText } from '../../../../lambdas/domain/verification/log-inclusion';
import { buildResult, checkFor, type VerificationResult } from '../../../../lambdas/domain/verification/result';
import { escapeHtml, html, trusted } from '../../../../lambdas/presenters/web/escape';
import { PAGE_STYLE, PAGE_STYLE_HASH, PALETTE } from '../../../../lambdas/presenters/web/page-style';
import {
  renderMalformedPathPage,
  renderVerificationPage,
  VERIFICATION_PAGE_CSP,
  VERIFICATION_PAGE_HEADERS,
  verificationPageHeaders,
} from '../../../../lambdas/presenters/web/verification-page';

const BASE_URL = 'https://permit.amr.hubei.gov.cn';
const render = (r: VerificationResult) => renderVerificationPage(r, { baseUrl: BASE_URL });

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '" autofocus onfocus="alert(1)',
  "' onmouseover='alert(1)",
  '</style><script>alert(1)</script>',
  '&lt;already escaped&gt;',
];

describe('escapeHtml', () => {
  it.each(PAYLOADS)('leaves no markup character in %s', (payload) => {
    const out = escapeHtml(payload);
    expect(out).not.toMatch(/[<>"']/);
    // Decoding the five entities gives the input back: nothing lost, nothing double-meaning.
    const decoded = out
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&amp;', '&');
    expect(decoded).toBe(payload);
  });

  it('escapes & first, so entities in data stay literal', () => {
    expect(escapeHtml('a &amp; b')).toBe('a &amp;amp; b');
  });

  it('the html tag escapes interpolations, lists and numbers, but not trusted markup', () => {
    const out = html`<p title="${'"x'}">${['<b>', 1]}${trusted('<br>')}${null}${undefined}${false}</p>`;
    expect(out.value).toBe('<p title="&quot;x">&lt;b&gt;1<br></p>');
  });
});

describe('Content-Security-Policy', () => {
  it('the header hash is the hash of the style the page actually emits', () => {
    // Prepare
    const page = render(EXAMPLE_RESULTS.valid);
    const styles = [...page.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');

    // Assess
    expect(styles).toEqual([PAGE_STYLE]);
    const hash = `'sha256-${createHash('sha256')
      .update(styles[0] ?? '')
      .digest('base64')}'`;
    expect(hash).toBe(PAGE_STYLE_HASH);
    expect(VERIFICATION_PAGE_HEADERS['content-security-policy']).toContain(`style-src ${hash}`);
  });

  it('is strict: nothing loads, no inline script, no framing', () => {
    expect(VERIFICATION_PAGE_CSP).toBe(
      `default-src 'none'; style-src ${PAGE_STYLE_HASH}; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    );
    expect(VERIFICATION_PAGE_CSP).not.toContain('unsafe');
    expect(VERIFICATION_PAGE_HEADERS).toMatchObject({
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
  });

  it('a nonce goes into the style tag and the header together, and must look like one', () => {
    const nonce = 'cmFuZG9tLW5vbmNlLTEyMw==';
    const page = renderVerificationPage(EXAMPLE_RESULTS.valid, { baseUrl: BASE_URL, nonce });
    expect(page).toContain(`<style nonce="${nonce}">`);
    expect(verificationPageHeaders({ nonce })['content-security-policy']).toContain(
      `style-src ${PAGE_STYLE_HASH} 'nonce-${nonce}'`,
    );
    expect(() => renderVerificationPage(EXAMPLE_RESULTS.valid, { baseUrl: BASE_URL, nonce: '"><script>' })).toThrow();
    expect(verificationPageHeaders()).toEqual({ ...VERIFICATION_PAGE_HEADERS });
  });
});

describe('renderVerificationPage', () => {
  it.each(Object.entries(EXAMPLE_RESULTS))('%s: a whole zh-CN document, no script, no external URL', (_n, result) => {
    const page = render(result);
    expect(page.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\s(src|href)="(?!data:|")/);
    expect(page).not.toMatch(/\sstyle="/);
    expect(page).toContain('role="status"');
  });

  it('escapes every register text', () => {
    // Prepare
    const evil = '<script>alert(1)</script>"\'';
    const result = buildResult({
      mode: 'online',
      checks: [
        checkFor('FORMAT_OK'),
        checkFor('SIGNATURE_OK'),
        checkFor('RECORD_OK'),
        checkFor('STATUS_REVOKED', { since: '2026-11-20' }),
        checkFor('WITHIN_VALIDITY', { validUntil: '2031-09-27' }),
        checkFor('VERSION_LATEST'),
      ],
      certificate: {
        ...EXAMPLE_CERTIFICATE,
        enterpriseName: evil,
        issuingAuthority: evil,
        products: [{ name: evil, nameEn: evil }],
        status: 'revoked',
        statusChangedAt: '2026-11-20',
        publicReason: evil,
      },
      statusAsOf: '2026-11-27T08:00:04Z',
      checkedAt: '2026-11-27T08:00:05Z',
    });

    // Act
    const page = render(result);

    // Assess
    expect(page).not.toContain('<script>');
    expect(page.split('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;').length - 1).toBe(6);
  });

  it('shows the invalid explanation naming the authority', () => {
    const page = render(EXAMPLE_RESULTS.forged);
    expect(page).toContain('此二维码不是湖北省市场监督管理局签发的');
    expect(page).toContain('INVALID');
  });

  it('shows statusAsOf and checkedAt in Beijing time', () => {
    const page = render(EXAMPLE_RESULTS.revoked);
    expect(page).toContain('<time datetime="2026-11-27T08:00:04.000Z">2026-11-27 16:00:04</time>');
    expect(page).toContain('状态核对时间');
    expect(page).toContain('生效日期');
    expect(page).toContain('2026-11-20');
  });

  it('says where the version stands in the public transparency log, and nothing of it without one', () => {
    // Prepare
    const withLog = (log: VerificationResult['log']): VerificationResult => ({
      ...EXAMPLE_RESULTS.valid,
      ...(log ? { log } : {}),
    });
    const included = {
      state: 'included' as const,
      index: 17,
      treeSize: 40,
      entry: 'AQE=',
      proof: [],
      checkpoint: 'permit.test/log\n40\nAAAA\n',
      text: logInclusionText('included', 17),
    };

    // Act
    const recorded = render(withLog(included));
    const missing = render(withLog({ state: 'missing', text: logInclusionText('missing') }));
    const none = render(EXAMPLE_RESULTS.valid);

    // Assess
    expect(recorded).toContain('公开透明日志');
    expect(recorded).toContain('已记录在公开透明日志中（第 17 号条目）。');
    expect(recorded).toContain('Recorded in the public transparency log (#17).');
    expect(missing).toContain('公开透明日志中没有该版本的签发记录');
    expect(none).not.toContain('公开透明日志');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => renderVerificationPage(EXAMPLE_RESULTS.valid, { baseUrl: 'javascript:alert(1)' })).toThrow();
  });
});

describe('renderMalformedPathPage', () => {
  it('says invalid with a failed format check, and shows the path as text, shortened', () => {
    const path = `/v/<img src=x onerror=alert(1)>${'A'.repeat(1000)}`;
    const page = renderMalformedPathPage(path, { baseUrl: BASE_URL, checkedAt: new Date('2026-11-27T08:00:05Z') });
    expect(page).toContain('无效');
    expect(page).toContain('链接地址格式不正确');
    expect(page).toContain('/v/&lt;img src=x onerror=alert(1)&gt;AAAA');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('A'.repeat(400));
  });
});

describe('PALETTE', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };

  it.each(Object.entries(PALETTE))('%s text meets WCAG AA (4.5:1) on its background', (_name, tone) => {
    expect(contrast(tone.fg, tone.bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('the muted text also meets AA on the card and page backgrounds', () => {
    expect(contrast(PALETTE.muted.fg, '#f4f5f7')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(PALETTE.warn.fg, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
