/**
 * The console's foundation in Debian's Chromium through the local runtime (`npm start`'s, in-process, its own
 * emulators): an enterprise signs in on the local identity provider's login page, sees its licences, and axe-core
 * finds nothing at 1280 px, at 360 px and at 200 % zoom; the keyboard reaches the skip link first and focus is
 * visible; English and large text switch; sign-out ends the session. Refused: a tampered cookie, an expired session
 * (the runtime's clock moved 31 minutes through `/_local/clock`) and a forged CSRF token.
 *
 * 200 % zoom is emulated faithfully as the browser does it: a 1280 × 900 window zoomed to 200 % lays pages out in a
 * 640 × 450 CSS-pixel viewport drawn with 2 device pixels per CSS pixel — so the test uses exactly that viewport and
 * `deviceScaleFactor: 2` (same media queries, same reflow, same rendering density).
 *
 * Screenshots of every console page at 1280 px, 360 px and with large text go to /tmp/shots-foundation/.
 * In-page expressions are strings because the project compiles without the DOM library.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, MOBILE } from './support/chromium';
import { consoleSuite, expectNoAxeViolations, h1, pathOf, scrollsSideways, signIn, signOut } from './support/console';

const SHOTS = '/tmp/shots-foundation';
/** A 1280 × 900 window at 200 % browser zoom. */
const ZOOM_200 = { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 } as const;

const suite = consoleSuite({ shots: SHOTS });
const openPage = suite.openPage;

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

describe('an enterprise in the console', () => {
  it('signs in on the login page and sees 我的许可证, with no axe violation at 1280 px', async () => {
    // Prepare
    const page = await openPage();

    // Act
    await signIn(page, suite.runtime.baseUrl, 'enterprise');

    // Assess
    expect(pathOf(page)).toBe('/console/licences');
    expect(await h1(page)).toBe('我的许可证');
    expect(await page.locator('.site-user').textContent()).toContain('武汉示例机械制造有限公司');
    await expectNoAxeViolations(page, 'licences at 1280 px');
    expect(await scrollsSideways(page)).toBe(false);
  });

  it('has no axe violation and no sideways scroll at 360 px', async () => {
    const page = await openPage({ viewport: MOBILE });
    await signIn(page, suite.runtime.baseUrl, 'enterprise');
    expect(await h1(page)).toBe('我的许可证');
    await expectNoAxeViolations(page, 'licences at 360 px');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  });

  it('has no axe violation and no sideways scroll at 200 % zoom (640 CSS px, 2 device px each)', async () => {
    const page = await openPage(ZOOM_200);
    await signIn(page, suite.runtime.baseUrl, 'enterprise');
    expect(await page.evaluate('window.innerWidth')).toBe(640);
    expect(await page.evaluate('window.devicePixelRatio')).toBe(2);
    await expectNoAxeViolations(page, 'licences at 200 %');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(640);
  });

  it('reaches the skip link with the first Tab; it shows focus and moves focus to main', async () => {
    // Prepare
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise');
    await page.goto(`${suite.runtime.baseUrl}/console/licences`); // a fresh load: focus at the top of the document

    // Act
    await page.keyboard.press('Tab');

    // Assess: the skip link, visible, with a visible focus indicator
    expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
    expect(await page.evaluate('document.activeElement.getAttribute("href")')).toBe('#main');
    const box = await page.locator('.skip-link').boundingBox();
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    const focus = (await page.evaluate(
      '(() => { const s = getComputedStyle(document.activeElement); return { outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow }; })()',
    )) as { outline: string; width: string; shadow: string };
    expect(
      focus.outline !== 'none' && focus.width !== '0px' ? 'outline' : focus.shadow !== 'none' ? 'shadow' : 'none',
    ).not.toBe('none');

    // Act: follow it
    await page.keyboard.press('Enter');

    // Assess
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    // The next Tab goes on from main's content, not back to the header.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        'document.querySelector("main").contains(document.activeElement) || document.querySelector("footer").contains(document.activeElement) || document.activeElement === document.body',
      ),
    ).toBe(true);
  });

  it('every link and button in the shell shows its focus', async () => {
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise');
    const count = (await page.evaluate('document.querySelectorAll("a[href], button").length')) as number;
    const seen: string[] = [];
    for (let i = 0; i < count; i++) {
      await page.keyboard.press('Tab');
      const state = (await page.evaluate(
        '(() => { const e = document.activeElement; const s = getComputedStyle(e); return { tag: e.tagName, text: (e.textContent || "").trim(), visible: (s.outlineStyle !== "none" && s.outlineWidth !== "0px") || s.boxShadow !== "none" }; })()',
      )) as { tag: string; text: string; visible: boolean };
      if (state.tag === 'BODY') break;
      seen.push(state.text);
      expect(state.visible, `focus on ${state.tag} "${state.text}"`).toBe(true);
    }
    expect(seen).toEqual(expect.arrayContaining(['退出登录', 'English', '大字模式']));
  });

  it('switches to English and to large text (base ≥ 16 px, large ≥ 20 px), and back', async () => {
    // Prepare
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise');
    const bodyPx = async () =>
      Number.parseFloat((await page.evaluate('getComputedStyle(document.body).fontSize')) as string);
    expect(await bodyPx()).toBeGreaterThanOrEqual(16);

    // Act / Assess: English
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL((u) => u.pathname === '/console/licences' && !u.search);
    expect(await h1(page)).toBe('My licences');
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');

    // Act / Assess: large text
    await page.getByRole('link', { name: 'Large text' }).click();
    await page.waitForURL((u) => u.pathname === '/console/licences' && !u.search);
    expect(await bodyPx()).toBeGreaterThanOrEqual(20);
    await expectNoAxeViolations(page, 'licences, English, large text');
    expect(await scrollsSideways(page)).toBe(false);

    // …and back
    await page.getByRole('link', { name: 'Standard text' }).click();
    await page.waitForURL((u) => !u.search);
    expect(await bodyPx()).toBeLessThan(20);
    await page.getByRole('link', { name: '中文' }).click();
    await page.waitForURL((u) => !u.search);
    expect(await h1(page)).toBe('我的许可证');
  });

  it('signs out: the signed-out page, and the licences URL now leads to sign-in', async () => {
    // Prepare
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise');

    // Act
    await signOut(page);

    // Assess
    expect(await h1(page)).toBe('您已退出登录');
    await expectNoAxeViolations(page, 'signed out');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('permit_session');
    await page.goto(`${suite.runtime.baseUrl}/console/licences`);
    expect(pathOf(page)).toBe('/local-idp/authorize');
  });
});

describe('refusals in the browser', () => {
  it('a tampered session cookie leads to sign-in', async () => {
    // Prepare
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise');
    const context = page.context();
    const session = (await context.cookies()).find((c) => c.name === 'permit_session');
    expect(session).toBeDefined();
    const parts = (session?.value ?? '').split('.');
    const body = Buffer.from(parts[3] as string, 'base64url');
    body[body.length - 1] = (body[body.length - 1] as number) ^ 0x40;
    parts[3] = body.toString('base64url');

    // Act
    await context.addCookies([{ ...(session as NonNullable<typeof session>), value: parts.join('.') }]);
    await page.goto(`${suite.runtime.baseUrl}/console/licences`);

    // Assess
    expect(pathOf(page)).toBe('/local-idp/authorize');
  });

  it('a forged CSRF token on sign-out gets the 403 page, and the session lives on', async () => {
    // Prepare
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise');
    await page.evaluate(
      'document.querySelector("input[name=_csrf]").value = "forged-token-forged-token-forged-token-abc"',
    );

    // Act
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/console/sign-out'),
      page.getByRole('button', { name: '退出登录' }).click(),
    ]);
    await page.waitForLoadState('load');

    // Assess
    expect(response.status()).toBe(403);
    expect(await page.locator('main').textContent()).toContain('CSRF_TOKEN_INVALID');
    await expectNoAxeViolations(page, 'the 403 page');
    await shot(page, 'error-403-1280');
    await page.goto(`${suite.runtime.baseUrl}/console/licences`);
    expect(await h1(page)).toBe('我的许可证');
  });

  it('a session idle for 31 minutes on the runtime’s clock leads to sign-in', async () => {
    // Prepare
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise');

    // Act: move the runtime's clock as `npm start`'s user would (admin token, /_local/clock)
    const moved = await suite.runtime.request('/_local/clock', {
      method: 'POST',
      as: 'admin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: 'PT31M' }),
    });
    expect(moved.status).toBe(200);
    await page.goto(`${suite.runtime.baseUrl}/console/licences`);

    // Assess
    expect(pathOf(page)).toBe('/local-idp/authorize');
    expect(new URL(page.url()).searchParams.get('redirect_uri')).toBe(`${suite.runtime.baseUrl}/console/callback`);
  });
});

describe('screenshots (looked at by a person; /tmp/shots-foundation)', () => {
  const variants: [string, BrowserContextOptions, boolean][] = [
    ['1280', { viewport: DESKTOP }, false],
    ['360', { viewport: MOBILE }, false],
    ['large-360', { viewport: MOBILE }, true],
    ['large-1280', { viewport: DESKTOP }, true],
  ];

  it.each(variants)('login, licences, error and signed-out pages at %s', async (name, options, large) => {
    const page = await openPage(options);
    await page.goto(`${suite.runtime.baseUrl}/console/licences`);
    await expectNoAxeViolations(page, `login page at ${name}`);
    await shot(page, `login-${name}`);
    await signIn(page, suite.runtime.baseUrl, 'enterprise');
    if (large) {
      await page.goto(`${suite.runtime.baseUrl}/console/licences?text=large`);
      expect(await page.evaluate('document.documentElement.classList.contains("large")')).toBe(true);
    }
    await shot(page, `licences-${name}`);
    await page.goto(`${suite.runtime.baseUrl}/console/assets/console.css?v=x`); // followed to the current stylesheet
    // An error page in the shell: coming back from the provider with an answer that is not this browser's attempt.
    const refused = await page.goto(`${suite.runtime.baseUrl}/console/callback?code=stale&state=stale`);
    expect(refused?.status()).toBe(401);
    await expectNoAxeViolations(page, `error page at ${name}`);
    await shot(page, `error-${name}`);
    await page.goto(`${suite.runtime.baseUrl}/console/licences`);
    await signOut(page);
    await expectNoAxeViolations(page, `signed-out page at ${name}`);
    await shot(page, `signed-out-${name}`);
    expect(await scrollsSideways(page)).toBe(false);
  });
});
