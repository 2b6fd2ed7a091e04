/**
 * The console in the browser: sign in through the local identity provider's real login page, and axe-core
 * (node_modules, never a CDN) run against the page as it is — WCAG 2.1 A and AA rules — failing with each violation's
 * id, target and help.
 *
 * @example
 * await signIn(page, runtime.baseUrl, 'enterprise');
 * await expectNoAxeViolations(page);
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORDS, type DemoUser } from '../../../lib/local/demo-users';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { DESKTOP, launchChromium, MOBILE } from './chromium';

const require = createRequire(import.meta.url);
/** axe-core's source, read once: injected as page content (the console's CSP forbids no script added by CDP). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Sign in as a demo user the way a person does: open the licences page, be sent to the login page, type the user
 * name and password, press the button, land back on the console.
 *
 * @example
 * await signIn(page, baseUrl, 'enterprise'); // on /console/licences, signed in
 */
export async function signIn(page: Page, baseUrl: string, user: DemoUser, start = '/console/licences'): Promise<void> {
  await page.goto(`${baseUrl}${start}`);
  expect(new URL(page.url()).pathname).toBe('/local-idp/authorize');
  await page.getByLabel(/用户名|User name/).fill(user);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORDS[user]);
  await Promise.all([
    page.waitForURL((url) => url.pathname.startsWith('/console')),
    page.getByRole('button', { name: /登录|Sign in/ }).click(),
  ]);
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/**
 * Sign out with the shell's button (its form carries the CSRF token) and wait for the signed-out page.
 *
 * @example
 * await signOut(page);
 */
export async function signOut(page: Page): Promise<void> {
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/console/signed-out'),
    page.getByRole('button', { name: '退出登录' }).click(),
  ]);
}

/**
 * Run axe-core on the page (WCAG 2.0/2.1 A and AA tags) and fail listing every violation: `id [impact] target — help`.
 * Page scripts are evaluated through the DevTools protocol, which a page's CSP does not govern.
 *
 * @example
 * await expectNoAxeViolations(page, 'licences at 360 px');
 */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded !== 'object') await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  const lines = violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} [${v.impact ?? '?'}] ${n.target.map(String).join(' ')} — ${v.help}`),
  );
  expect(lines, `axe violations on ${label}`).toEqual([]);
}

/**
 * Let axe run on a page whose context has JavaScript off: the DevTools protocol still evaluates expressions there,
 * and promises settle, but timers never fire — and axe waits on `setTimeout`. Timers become microtasks (the page's
 * own scripts never ran, so only axe uses them). Call it once per document, before {@link expectNoAxeViolations}.
 *
 * @example
 * await timersAsMicrotasks(page); await expectNoAxeViolations(page, 'documents step, JavaScript off');
 */
export async function timersAsMicrotasks(page: Page): Promise<void> {
  await page.evaluate(
    'window.setTimeout = function (fn) { var args = Array.prototype.slice.call(arguments, 2); Promise.resolve().then(function () { fn.apply(null, args); }); return 0; }; window.clearTimeout = function () {};',
  );
}

/**
 * Whether the page scrolls sideways (its content is wider than the viewport).
 *
 * @example
 * expect(await scrollsSideways(page)).toBe(false);
 */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return (await page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth',
  )) as boolean;
}

/** A console browser suite: the runtime it drives, a way to open pages, and a way to look at them. */
export interface ConsoleSuite {
  readonly runtime: TestRuntime;
  /** A page in a new browser context (desktop width unless `options` say otherwise), closed after the suite. */
  openPage(options?: BrowserContextOptions): Promise<Page>;
  /**
   * Look at the page as its readers would: axe at 1280 px and at 360 px (nothing scrolling sideways there), and a
   * full-page screenshot at each width in the suite's folder (`<name>-1280.png`, `<name>-360.png`).
   */
  look(page: Page, name: string): Promise<void>;
  /** The same page (path and query) in large-text mode, looked at (`<name>-large-…`), then back to standard text. */
  lookLarge(page: Page, name: string): Promise<void>;
}

/**
 * Press Tab until the focused element matches `selector` — a person moving through the page; fails after `max`.
 *
 * @example
 * await tabTo(page, 'button[type=submit]');
 */
export async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`)) {
      return;
    }
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Registers the suite's `beforeAll`/`afterAll`: Chromium and the runtime `npm start` runs (its own emulators, on a
 * settable clock started a minute ahead so it may only move forward), and a screenshot folder; closes every context,
 * the browser and the runtime afterwards.
 *
 * @example
 * const suite = consoleSuite({ shots: '/tmp/shots-e2e', context: { locale: 'zh-CN' } });
 * const page = await suite.openPage();
 */
export function consoleSuite(options: { shots: string; context?: BrowserContextOptions }): ConsoleSuite {
  let browser: Browser | undefined;
  let runtime: TestRuntime | undefined;
  const contexts: BrowserContext[] = [];
  // Pages opened with JavaScript off: their timers are made microtasks before axe runs (it needs them).
  const scriptless = new WeakSet<Page>();
  const look = async (page: Page, name: string): Promise<void> => {
    if (scriptless.has(page)) await timersAsMicrotasks(page);
    for (const [width, viewport] of [
      ['1280', DESKTOP],
      ['360', MOBILE],
    ] as const) {
      await page.setViewportSize(viewport);
      await expectNoAxeViolations(page, `${name} at ${width} px`);
      if (width === '360') expect(await scrollsSideways(page), `${name} scrolls sideways at 360 px`).toBe(false);
      await page.screenshot({ path: join(options.shots, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize(DESKTOP);
  };
  beforeAll(async () => {
    [browser, runtime] = await Promise.all([
      launchChromium(),
      startTestRuntime({ ownEmulators: true, clock: new Date(Date.now() + 60_000) }),
    ]);
    await mkdir(options.shots, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await runtime?.stop();
  });
  return {
    get runtime(): TestRuntime {
      if (!runtime) throw new Error('the runtime starts in beforeAll');
      return runtime;
    },
    async openPage(extra: BrowserContextOptions = {}): Promise<Page> {
      if (!browser) throw new Error('the browser starts in beforeAll');
      const context = await browser.newContext({ viewport: DESKTOP, ...options.context, ...extra });
      contexts.push(context);
      const page = await context.newPage();
      if (extra.javaScriptEnabled === false) scriptless.add(page);
      return page;
    },
    look,
    async lookLarge(page: Page, name: string): Promise<void> {
      const at = (text: string) => {
        const u = new URL(page.url());
        u.searchParams.set('text', text);
        return u.toString();
      };
      const back = at('normal');
      await page.goto(at('large'));
      expect(await page.evaluate('document.documentElement.classList.contains("large")')).toBe(true);
      await look(page, `${name}-large`);
      await page.goto(back);
    },
  };
}

/**
 * The page's one heading.
 *
 * @example
 * expect(await h1(page)).toBe('我的许可证');
 */
export const h1 = async (page: Page): Promise<string> => ((await page.locator('h1').textContent()) ?? '').trim();

/**
 * The path the page is at.
 *
 * @example
 * expect(pathOf(page)).toBe('/console/licences');
 */
export const pathOf = (page: Page): string => new URL(page.url()).pathname;
