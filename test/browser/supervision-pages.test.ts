/**
 * 一公开's plan pages in Debian's Chromium, served by the runtime `npm start` runs (its own emulators, its clock set
 * to the day the entropy is published): the list, a frozen plan, a drawn plan with results and a not-found page are
 * checked by axe-core (WCAG 2.1 A/AA) at 1280 px and 360 px, in standard and large text, with nothing scrolling
 * sideways at 360 px, no CSP violation and no request but the page itself; each is photographed into
 * /work/shots/i14/ (`<page>-<text>-<width>.png`) to be looked at. In-page expressions are strings because the
 * project compiles without the DOM library.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { type PreparedPlans, preparePlans, SUPERVISION_CLOCK } from '../support/supervision-api';
import { DESKTOP, launchChromium, MOBILE, openObserved } from './support/chromium';
import { expectNoAxeViolations, scrollsSideways } from './support/console';

const SHOTS = '/work/shots/i14';
const NAMES = [
  '武汉长江电线电缆股份有限公司',
  '湖北楚天特种线缆制造有限责任公司东西湖分公司',
  '武汉光谷电缆有限公司',
  '武汉汉阳电线厂',
  '湖北江汉电工材料有限公司',
];

let browser: Browser;
let runtime: TestRuntime;
let plans: PreparedPlans;

beforeAll(async () => {
  [browser, runtime] = await Promise.all([
    launchChromium(),
    startTestRuntime({ ownEmulators: true, clock: SUPERVISION_CLOCK }),
  ]);
  plans = await preparePlans(runtime, 'BR', 720, NAMES);
  await mkdir(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const PAGES = [
  ['list', () => '/supervision/plans'],
  ['frozen', () => `/supervision/plans/${plans.frozen.id}`],
  ['drawn', () => `/supervision/plans/${plans.drawn.id}`],
  ['not-found', () => `/supervision/plans/${plans.draft.id}`],
] as const;

describe.each(PAGES)('%s page', (name, path) => {
  it.each([
    ['standard', ''],
    ['large', '?text=large'],
  ])(
    '%s text: no axe violation at 1280 and 360 px, no sideways scroll, nothing loaded, no CSP violation',
    async (text, query) => {
      // Prepare
      const url = `${runtime.baseUrl}${path()}${query}`;

      for (const [width, viewport] of [
        ['1280', DESKTOP],
        ['360', MOBILE],
      ] as const) {
        // Act
        const observed = await openObserved(browser, url, { viewport, locale: 'zh-CN' });
        const { page } = observed;

        // Assess
        await expectNoAxeViolations(page, `${name}, ${text} text, ${width} px`);
        if (width === '360') expect(await scrollsSideways(page), `${name} scrolls sideways at 360 px`).toBe(false);
        expect(observed.cspViolations()).toEqual([]);
        expect(observed.requests).toEqual([url]);
        expect(await page.evaluate('document.documentElement.classList.contains("large")')).toBe(text === 'large');
        expect(await page.locator('h1').count()).toBe(1);
        await page.screenshot({ path: join(SHOTS, `${name}-${text}-${width}.png`), fullPage: true });
        if (width === '360') await page.screenshot({ path: join(SHOTS, `${name}-${text}-${width}-first-screen.png`) });
        await observed.close();
      }
    },
  );
});

describe('without JavaScript', () => {
  it('the drawn plan shows the draw, the command and every drawn enterprise; the links go where they say', async () => {
    // Act
    const observed = await openObserved(browser, `${runtime.baseUrl}/supervision/plans/${plans.drawn.id}`, {
      javaScriptEnabled: false,
      viewport: MOBILE,
    });
    const { page } = observed;

    // Assess
    expect(await page.getByText('npm run verify-draw --').isVisible()).toBe(true);
    expect(await page.locator('tbody tr').count()).toBe(4);
    expect(await page.getByText('暂扣许可证').isVisible()).toBe(true);
    const record = page.getByRole('link', { name: /摇号记录 \(JSON\)/ });
    expect(await record.getAttribute('href')).toBe(`/v1/public/supervision/plans/${plans.drawn.id}/record`);
    const large = page.getByRole('link', { name: /大字/ });
    await large.click();
    expect(new URL(page.url()).search).toBe('?text=large');
    await page.getByRole('link', { name: /全部抽查计划/ }).click();
    expect(new URL(page.url()).pathname).toBe('/supervision/plans');
    expect(new URL(page.url()).search).toBe('?text=large');
    await observed.close();
  });
});
