/**
 * The workbench's certificates in Debian's Chromium, through the runtime `npm start` runs: an officer signs in, finds
 * a licence by the start of its enterprise's name typed loosely (spaces, full-width letters) with the keyboard only,
 * opens it, chooses 暂扣 (suspend), picks a common public reason and legal basis, sees the "are you sure" step naming
 * the licence, confirms — and the public verification page says the licence is suspended, with the reason. Then,
 * with JavaScript off, the officer reinstates it through the same plain forms (a missing reason first: the form
 * again with the message beside the field).
 *
 * Every page is checked by axe-core (WCAG 2.1 A/AA) at 1280 px and 360 px (no sideways scroll there) and
 * photographed at both widths — the search and the confirm step with large text too — into /tmp/shots-workbench-certs/.
 * Tests run in order and share the licence they follow. In-page expressions are strings (no DOM library).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { issueBody, jsonRequest } from '../support/certificates';
import { MOBILE } from './support/chromium';
import { consoleSuite, h1, pathOf, signIn, tabTo } from './support/console';

const SHOTS = '/tmp/shots-workbench-certs';
const NAME = '湖北楚天ABC钢丝绳有限公司';
const suite = consoleSuite({ shots: SHOTS, context: { locale: 'zh-CN' } });

/** Within a radio group, press ArrowDown until `selector` has focus (the arrows check as they move). */
async function arrowTo(page: Page, selector: string, max = 10): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(`document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`)) {
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the arrows never reached ${selector}`);
}

/**
 * The confirm step in large-text mode, looked at in a second tab of the same session (a POST's answer cannot be
 * switched in place: the switch is a GET link back to the form), then standard text again; nothing is confirmed.
 */
async function confirmStepInLargeText(page: Page): Promise<void> {
  const tab = await page.context().newPage();
  const dossier = `${suite.runtime.baseUrl}/console/workbench/certificates/${urlSafe}`;
  await tab.goto(`${dossier}?text=large`);
  await tab.goto(`${dossier}/status?action=suspend`);
  await tab.locator('#reason-stop-production').check();
  await tab.locator('#basis-penalty-law-9').check();
  await posting(tab, () => tab.getByRole('button', { name: '下一步：确认' }).click());
  expect(await h1(tab)).toBe('确认状态变更');
  expect(await tab.evaluate('document.documentElement.classList.contains("large")')).toBe(true);
  await suite.look(tab, 'status-confirm-large');
  await tab.goto(`${dossier}?text=normal`);
  await tab.close();
}

/** Do `act` (a form's submit) and wait for the page its POST answers with. */
async function posting(page: Page, act: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), act()]);
  await page.waitForLoadState('load');
}

let urlSafe = '';
let licenceNo = '';

describe('an officer finds a licence by name and suspends it', () => {
  it('is issued (the API) and found by the start of its name typed loosely, keyboard only', async () => {
    // Prepare: the licence, and others that share only part of the name
    const issued = await suite.runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(issueBody({ seed: 8101, name: NAME })),
    });
    expect(issued.status).toBe(201);
    ({ licenceNoUrlSafe: urlSafe, licenceNo } = (await issued.json()) as {
      licenceNoUrlSafe: string;
      licenceNo: string;
    });
    await suite.runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(issueBody({ seed: 8102, name: '湖北楚天电缆有限公司' })),
    });
    const page = await suite.openPage();
    await signIn(page, suite.runtime.baseUrl, 'officer', '/console/workbench/certificates');
    expect(await h1(page)).toBe('许可证查询');
    await suite.look(page, 'find-newest');

    // Act: Tab to the box, type, Enter
    await tabTo(page, '#q');
    await page.keyboard.type('湖北 楚天ａｂｃ');
    await Promise.all([page.waitForURL((u) => u.searchParams.has('q')), page.keyboard.press('Enter')]);

    // Assess: exactly the one licence, in a table with its status
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(NAME);
    expect(await rows.first().textContent()).toContain('有效');
    await suite.look(page, 'find-by-name');
    await suite.lookLarge(page, 'find-by-name');

    // Act: follow the licence's link with the keyboard
    await tabTo(page, `tbody a[href$="${urlSafe}"]`);
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith(urlSafe)), page.keyboard.press('Enter')]);
    expect(await h1(page)).toBe(`许可证 ${licenceNo}`);
    await suite.look(page, 'dossier');
  });

  it('suspends it through the form and the "are you sure" step; the dossier and the public page say so', async () => {
    const page = await suite.openPage();
    await signIn(page, suite.runtime.baseUrl, 'officer', `/console/workbench/certificates/${urlSafe}`);

    // Act: 暂扣 → the form
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/status')),
      page.getByRole('link', { name: '暂扣' }).click(),
    ]);
    expect(await h1(page)).toBe('变更许可证状态');
    await suite.look(page, 'status-form');

    // Choose a common reason and basis with the keyboard: Tab into a radio group, arrows to the choice, Space
    await tabTo(page, 'input[name=reason]');
    await arrowTo(page, '#reason-stop-production');
    await tabTo(page, 'input[name=basis]');
    await arrowTo(page, '#basis-penalty-law-9');
    await page.keyboard.press('Space');
    expect(await page.locator('#reason-stop-production').isChecked()).toBe(true);
    expect(await page.locator('#basis-penalty-law-9').isChecked()).toBe(true);
    await tabTo(page, 'button[type=submit]');
    await posting(page, () => page.keyboard.press('Enter'));

    // Assess: the confirm step names the licence; nothing changed yet
    expect(await h1(page)).toBe('确认状态变更');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain(licenceNo);
    expect(main).toContain(NAME);
    expect(main).toContain('责令停产整改');
    expect(main).toContain('《中华人民共和国行政处罚法》第九条');
    await suite.look(page, 'status-confirm');
    await confirmStepInLargeText(page);
    const before = (await (await suite.runtime.request(`/v1/certificates/${urlSafe}`, { as: 'officer' })).json()) as {
      status: string;
    };
    expect(before.status).toBe('valid');

    // Act: confirm
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('changed') === 'suspend'),
      page.getByRole('button', { name: '确认暂扣' }).click(),
    ]);

    // Assess: the dossier, then the public verification page
    expect(await page.locator('[role=status]').first().textContent()).toContain('许可证已暂扣');
    expect(await page.locator('#cert-status ~ p .badge').first().textContent()).toContain('暂扣');
    await suite.look(page, 'dossier-suspended');
    const publicPage = await suite.openPage({ viewport: MOBILE });
    await publicPage.goto(`${suite.runtime.baseUrl}/v1/verify/${urlSafe}`);
    const text = (await publicPage.locator('body').textContent()) ?? '';
    expect(text).toContain('已暂扣');
    expect(text).toContain('责令停产整改');
    await publicPage.screenshot({ path: join(SHOTS, 'verification-suspended-360.png'), fullPage: true });
  });

  it('reinstates it with JavaScript off: plain forms, a missing reason told beside its field first', async () => {
    const page = await suite.openPage({ javaScriptEnabled: false });
    await signIn(
      page,
      suite.runtime.baseUrl,
      'officer',
      `/console/workbench/certificates/${urlSafe}/status?action=reinstate`,
    );
    expect(await h1(page)).toBe('变更许可证状态');

    // Act: only a basis, no reason
    await page.getByLabel('《中华人民共和国工业产品生产许可证管理条例》').check();
    await posting(page, () => page.getByRole('button', { name: '下一步：确认' }).click());

    // Assess: 422, the message beside the reason, the basis kept
    expect(pathOf(page)).toBe(`/console/workbench/certificates/${urlSafe}/status`);
    expect(await page.locator('#reason-error').textContent()).not.toBe('');
    expect(await page.getByLabel('《中华人民共和国工业产品生产许可证管理条例》').isChecked()).toBe(true);
    await suite.look(page, 'status-form-error-nojs');

    // Act: a reason of one's own under "other", then confirm
    await page.getByLabel('其他（在下面填写）').first().check();
    await page.locator('#reasonOther').fill('企业整改完毕，复查合格');
    await posting(page, () => page.getByRole('button', { name: '下一步：确认' }).click());
    expect(await h1(page)).toBe('确认状态变更');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('changed') === 'reinstate'),
      page.getByRole('button', { name: '确认恢复' }).click(),
    ]);

    // Assess
    expect(await page.locator('#cert-status ~ p .badge').first().textContent()).toContain('有效');
    const now = (await (await suite.runtime.request(`/v1/certificates/${urlSafe}`, { as: 'officer' })).json()) as {
      status: string;
      history: { publicReason: string }[];
    };
    expect(now.status).toBe('valid');
    expect(now.history.at(-1)?.publicReason).toBe('企业整改完毕，复查合格');

    // The dossier in English (the shell's switch), looked at, then Chinese again
    const dossier = `${suite.runtime.baseUrl}/console/workbench/certificates/${urlSafe}`;
    await page.goto(`${dossier}?lang=en`);
    expect(await h1(page)).toBe(`Licence ${licenceNo}`);
    await suite.look(page, 'dossier-en');
    await page.goto(`${dossier}?lang=zh-CN`);
  });
});
