/**
 * The verification page in real headless Chromium, served with its real headers (CSP included).
 * In-page expressions are strings because the project compiles without the DOM library (Lambda code has no DOM).
 */
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, MOBILE, openObserved } from './support/chromium';
import { type PageServer, startPageServer } from './support/page-server';
import { CASES, EXPECTED_LABEL, HOSTILE, HOSTILE_PATH, routes } from './support/pages';

const SCREENSHOTS = 'test-results/screenshots';

let browser: Browser;
let server: PageServer;

beforeAll(async () => {
  // Prepare
  [browser, server] = await Promise.all([launchChromium(), startPageServer(routes())]);
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('each verdict page', () => {
  it.each(CASES)('%s: says its verdict in words with an icon, loads nothing else, violates no CSP', async (name) => {
    // Act
    const observed = await openObserved(browser, server.url(`/${name}`));
    const { page } = observed;

    // Assess
    const banner = page.getByRole('status');
    expect(await banner.isVisible()).toBe(true);
    const heading = ((await banner.locator('h2').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(heading).toBe(`${EXPECTED_LABEL[name].zh} ${EXPECTED_LABEL[name].en}`);
    expect(await banner.locator('svg.verdict-icon').isVisible()).toBe(true);
    expect(await page.locator('li.check').count()).toBe(7);
    expect(observed.cspViolations()).toEqual([]);
    expect(observed.requests).toEqual([server.url(`/${name}`)]);
    expect(observed.dialogs).toEqual([]);
    await observed.close();
  });

  it('is sent with the freshness and security headers', async () => {
    const context = await browser.newContext();
    const response = await (await context.newPage()).goto(server.url('/revoked'));
    const headers = response?.headers() ?? {};
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
    await context.close();
  });
});

describe('Content-Security-Policy', () => {
  it('the hashed stylesheet applies (the hash in the header matches the emitted style)', async () => {
    const observed = await openObserved(browser, server.url('/valid'));
    const border = await observed.page.evaluate<string>(
      "getComputedStyle(document.querySelector('.verdict')).borderTopWidth",
    );
    expect(border).toBe('3px');
    await observed.close();
  });

  it('negative control: an un-hashed inline style is refused and the violation is seen', async () => {
    const observed = await openObserved(browser, server.url('/unhashed-style'));
    const background = await observed.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(observed.cspViolations().length).toBeGreaterThan(0);
    expect(observed.cspViolations()[0]).toContain('style-src');
    expect(background).toBe('rgb(244, 245, 247)'); // the hashed sheet's background, not the refused red
    await observed.close();
  });
});

describe('without JavaScript', () => {
  it('shows the verdict, the certificate, every check and the status time', async () => {
    const observed = await openObserved(browser, server.url('/revoked'), { javaScriptEnabled: false });
    const { page } = observed;
    expect(await page.getByRole('status').textContent()).toContain('已吊销');
    const details = page.getByRole('region', { name: /证书信息/ });
    expect(await details.getByText('(鄂)XK05-001-00042').isVisible()).toBe(true);
    expect(await details.getByText('武汉示例钢铁有限公司').isVisible()).toBe(true);
    expect(await page.getByRole('status').getByText('武汉示例钢铁有限公司').isVisible()).toBe(true);
    expect(await page.locator('li.check:visible').count()).toBe(7);
    expect(await page.getByText('产品经省级监督抽查不合格').isVisible()).toBe(true);
    expect(await page.getByText('2026-11-27 16:00:04').isVisible()).toBe(true);
    expect(observed.cspViolations()).toEqual([]);
    await observed.close();
  });

  it('lists the PDF signature third: not applicable for a QR, the signer for a file, the reason when broken', async () => {
    // Act
    const thirdOf = async (name: string) => {
      const observed = await openObserved(browser, server.url(name), { javaScriptEnabled: false });
      const text = ((await observed.page.locator('li.check').nth(2).textContent()) ?? '').replace(/\s+/g, ' ');
      await observed.close();
      return text;
    };
    const qr = await thirdOf('/valid');
    const file = await thirdOf('/file');
    const altered = await thirdOf('/alteredFile');

    // Assess
    expect(qr).toContain('3. PDF 文件签名 PDF signature');
    expect(qr).toContain('不适用 NOT APPLICABLE');
    expect(file).toContain('通过 PASS');
    expect(file).toContain('由“湖北省市场监督管理局”签署（PAdES B-T）');
    expect(altered).toContain('未通过 FAIL');
    expect(altered).toContain('文件在签署后被改动过');
  });

  it('shows the newer-version warning', async () => {
    const observed = await openObserved(browser, server.url('/newer'), { javaScriptEnabled: false });
    const note = observed.page.getByRole('note');
    expect(await note.textContent()).toContain('请以第 2 版证书为准');
    await observed.close();
  });
});

describe('hostile text is shown as text', () => {
  it('in register fields (enterprise name, products, published reason)', async () => {
    const observed = await openObserved(browser, server.url('/hostile'));
    const { page } = observed;
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain(HOSTILE);
    // holder line, enterprise field, product, product (en), published reason
    expect(text.split(HOSTILE).length - 1).toBe(5);
    expect(await page.evaluate<number>('document.scripts.length')).toBe(0);
    expect(await page.locator('img, main svg:not([aria-hidden])').count()).toBe(0);
    expect(observed.dialogs).toEqual([]);
    expect(observed.cspViolations()).toEqual([]);
    await observed.close();
  });

  it('in the malformed-path page', async () => {
    const observed = await openObserved(browser, server.url(HOSTILE_PATH));
    const { page } = observed;
    expect(await page.getByRole('status').textContent()).toContain('无效');
    expect(await page.locator('code').textContent()).toContain(HOSTILE);
    expect(await page.evaluate<number>('document.scripts.length')).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(observed.dialogs).toEqual([]);
    expect(observed.cspViolations()).toEqual([]);
    await observed.close();
  });
});

describe('layout', () => {
  it.each([...CASES, 'malformed'] as const)('%s: no horizontal scroll at 360 px', async (name) => {
    const path = name === 'malformed' ? HOSTILE_PATH : `/${name}`;
    const observed = await openObserved(browser, server.url(path), { viewport: MOBILE });
    const width = await observed.page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(MOBILE.width);
    await observed.close();
  });

  it.each(CASES)(
    '%s: no horizontal scroll at 360 px with text at twice its size (the longest outcome labels wrap)',
    async (name) => {
      const observed = await openObserved(browser, server.url(`/${name}`), { viewport: MOBILE, bypassCSP: true });
      await observed.page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      const width = await observed.page.evaluate<number>('document.documentElement.scrollWidth');
      // The verdict in Chinese stays on one line (有效, not 有 over 效): the icon goes above it when the two do not fit
      // side by side. (An English word wider than the box, CONFIRM at this size, may still break.)
      const labelLines = await observed.page.evaluate<number>(`(() => {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById('verdict-title').firstChild);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      })()`);
      expect(width).toBeLessThanOrEqual(MOBILE.width);
      expect(labelLines).toBe(1);
      await observed.close();
    },
  );

  it('the "check again" link is a large tap target', async () => {
    const observed = await openObserved(browser, server.url('/valid'));
    const box = await observed.page.locator('a.again').boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(48);
    await observed.close();
  });

  it('has one h1, lang zh-CN, and English marked as English', async () => {
    const observed = await openObserved(browser, server.url('/valid'));
    const { page } = observed;
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('[lang="en"]').count()).toBeGreaterThan(20);
    await observed.close();
  });
});

describe('screenshots (look at them: test-results/screenshots/)', () => {
  it.each(['valid', 'revoked', 'forged'] as const)('%s at phone and desktop widths', async (name) => {
    for (const [size, viewport] of [
      ['mobile', MOBILE],
      ['desktop', DESKTOP],
    ] as const) {
      const observed = await openObserved(browser, server.url(`/${name}`), { viewport });
      await observed.page.screenshot({ path: `${SCREENSHOTS}/${name}-${size}.png`, fullPage: true });
      // What a phone shows before any scrolling: the verdict must be readable there.
      if (size === 'mobile') await observed.page.screenshot({ path: `${SCREENSHOTS}/${name}-mobile-first-screen.png` });
      await observed.close();
    }
  });
});
