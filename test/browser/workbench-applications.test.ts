/**
 * The workbench's worklist and application pages in Debian's Chromium, through the runtime `npm start` runs: the demo
 * reviewer signs in on the login page, finds a post-issuance application (wires and cables) on the worklist with the
 * filter form, opens its documents in the page — the PDF in its frame (Chromium's PDF viewer loads inside it: the
 * frame is not sandboxed, see the presenter) and the scan as an image — accepts it, finds it again on the worklist
 * with its deadline and working days left, passes the formal review, and it is issued (licence number, link to the
 * certificate page). The same review with JavaScript off. The worklist and the application page by keyboard alone.
 *
 * axe-core (WCAG 2.1 A/AA) on every page at 1280 px and 360 px (no sideways scroll there), and screenshots at both
 * widths and with large text into /tmp/shots-workbench-applications/. Applications are stored through the
 * repository with their documents as a passed check leaves them; the steps are the browser's.
 */
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { applicationDeps } from '../../lambdas/composition/applications';
import type { LocalClock } from '../../lambdas/composition/tools';
import { Application } from '../../lambdas/domain/application';
import { localDateOf } from '../../lambdas/domain/dates';
import { newApplicationId } from '../../lambdas/use-cases/applications/file-application';
import { type AppJson, storeCheckedDocuments } from '../support/applications';
import { usccFor } from '../support/certificates';
import { MOBILE } from './support/chromium';
import {
  consoleSuite,
  expectNoAxeViolations,
  h1,
  pathOf,
  scrollsSideways,
  signIn,
  timersAsMicrotasks,
} from './support/console';

const SHOTS = '/tmp/shots-workbench-applications';
const WORKLIST = '/console/workbench/applications';
const suite = consoleSuite({ shots: SHOTS, context: { locale: 'zh-CN' } });

/** A real one-page PDF with a line of text (ASCII: the standard font has no Chinese). */
async function realPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

/** A real PNG: a rendered PDF page, as a scanned letter would be. */
async function realPng(text: string): Promise<Uint8Array> {
  const doc = mupdf.Document.openDocument(await realPdf(text), 'application/pdf');
  const pixmap = doc.loadPage(0).toPixmap(mupdf.Matrix.scale(0.5, 0.5), mupdf.ColorSpace.DeviceRGB, false, true);
  return pixmap.asPNG();
}

const enterprise = { id: 'ent', role: 'enterprise' };

/** A submitted wires-and-cables application (post-issuance review) with its three checked documents. */
async function submittedWithDocuments(seed: number, name: string): Promise<string> {
  const uscc = usccFor(seed);
  const at = (suite.runtime.clock as LocalClock).now();
  const app = Application.file({
    id: newApplicationId(at),
    kind: 'new',
    uscc,
    enterpriseName: name,
    procedure: 'post-issuance-review',
    request: {
      kind: 'new',
      enterprise: { name, uscc, domicile: '湖北省武汉市东西湖区', productionAddresses: ['湖北省武汉市东西湖区'] },
      products: ['06-001'],
    },
    actor: enterprise,
    at,
  }).submit({ actor: enterprise, at });
  await applicationDeps().applications.create(app.toSnapshot());
  const [form, letter, report] = await Promise.all([
    realPdf(`Application form of ${seed}`),
    realPng(`Commitment letter of ${seed}`),
    realPdf(`Test report of ${seed}`),
  ]);
  await storeCheckedDocuments(applicationDeps(), app.id, at, [
    { type: 'application-form', bytes: () => form, contentType: 'application/pdf' },
    { type: 'commitment-letter', bytes: () => letter, contentType: 'image/png' },
    { type: 'test-report', bytes: () => report, contentType: 'application/pdf' },
  ]);
  return app.id;
}

/** Some applications already accepted, due from three days ago to three weeks ahead (two of them overdue). */
async function acceptedOthers(): Promise<void> {
  const now = (suite.runtime.clock as LocalClock).now();
  for (let i = 0; i < 8; i++) {
    const uscc = usccFor(9100 + i);
    const name = `湖北示例线缆第${i + 1}有限公司`;
    const dueOn = localDateOf(new Date(now.getTime() + (i * 3 - 4) * 86_400_000));
    const app = Application.file({
      id: newApplicationId(new Date(now.getTime() - i * 3_600_000)),
      kind: 'new',
      uscc,
      enterpriseName: name,
      procedure: 'post-issuance-review',
      request: {
        kind: 'new',
        enterprise: { name, uscc, domicile: '武汉', productionAddresses: ['武汉'] },
        products: ['06-001'],
      },
      actor: enterprise,
      at: now,
    })
      .submit({ actor: enterprise, at: now })
      .review('accept', {
        actor: { id: 'reviewer-0', role: 'reviewer' },
        at: now,
        deadline: { workingDays: 9, dueOn, provisional: false, unannouncedYears: [] },
      });
    await applicationDeps().applications.create(app.toSnapshot());
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** axe and a screenshot at 1280 px, then at 360 px (no sideways scroll), then back. */
async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page, `${name} at 1280 px`);
  await shoot(page, `${name}-1280`);
  await page.setViewportSize(MOBILE);
  expect(await scrollsSideways(page), `${name} scrolls sideways at 360 px`).toBe(false);
  await expectNoAxeViolations(page, `${name} at 360 px`);
  await shoot(page, `${name}-360`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const apiApplication = async (id: string): Promise<AppJson> =>
  (await (await suite.runtime.request(`/v1/applications/${id}`, { as: 'officer' })).json()) as AppJson;

const TAKEN = { id: '', name: '湖北长江电缆有限公司' };

describe.sequential('the worklist and an application, in the browser', () => {
  it('a reviewer finds a post-issuance application, opens its documents, accepts and passes it: issued', async () => {
    // Prepare
    await acceptedOthers();
    TAKEN.id = await submittedWithDocuments(9000, TAKEN.name);
    const page = await suite.openPage();
    const storageOrigin = new URL(suite.runtime.endpoints.s3).origin;

    // Act + Assess: the worklist, by deadline; overdue rows say so in words
    await signIn(page, suite.runtime.baseUrl, 'reviewer', WORKLIST);
    expect(pathOf(page)).toBe(WORKLIST);
    expect(await h1(page)).toBe('待办申请');
    await expect.poll(() => page.locator('tr.row--overdue').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('tr.row--overdue').first().textContent()).toContain('已逾期');
    await checkPage(page, 'worklist');

    // The filter form: post-issuance review, waiting for acceptance.
    await page.getByLabel('审批程序').selectOption('post-issuance-review');
    await page.getByLabel('状态').selectOption('submitted');
    await Promise.all([
      page.waitForURL(/procedure=post-issuance-review/),
      page.getByRole('button', { name: '应用' }).click(),
    ]);
    const row = page.getByRole('row', { name: new RegExp(TAKEN.id) });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain(TAKEN.name);

    // The application, then its PDF in the page: the frame loads Chromium's PDF viewer with the document.
    await Promise.all([
      page.waitForURL(`**${WORKLIST}/${TAKEN.id}`),
      page.getByRole('link', { name: TAKEN.id }).click(),
    ]);
    expect(await h1(page)).toBe(`申请 ${TAKEN.id}`);
    await checkPage(page, 'application-submitted');
    const pdfResponse = page.waitForResponse(
      (r) => r.url().startsWith(storageOrigin) && r.request().frame() !== page.mainFrame(),
    );
    await page.getByRole('link', { name: '在本页查看申请单' }).click();
    const pdf = await pdfResponse;
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await expect
      .poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://')), { timeout: 10_000 })
      .toBe(true);
    expect(await page.locator('iframe.doc-frame').getAttribute('sandbox')).toBeNull();
    await expectNoAxeViolations(page, 'application with its PDF open');
    await shoot(page, 'application-pdf-1280');

    // The scan as an image.
    const imageResponse = page.waitForResponse(
      (r) => r.url().startsWith(storageOrigin) && r.request().resourceType() === 'image',
    );
    // With Chromium's PDF viewer open in the frame, a synthetic mouse click on the page's link does not navigate in
    // this headless Chromium (seen here every run; the keyboard does): the link is followed with Enter.
    await page.getByRole('link', { name: '在本页查看承诺书' }).focus();
    await Promise.all([
      page.waitForURL(/document=DOC-00000000-0000-4000-8000-000000000001/),
      page.keyboard.press('Enter'),
    ]);
    expect((await imageResponse).headers()['content-type']).toBe('image/png');
    await expect
      .poll(
        () =>
          page.evaluate(
            "(() => { const i = document.querySelector('img.doc-image'); return i && i.complete ? i.naturalWidth : 0; })()",
          ),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(1);
    await shoot(page, 'application-png-1280');

    // Accept.
    await Promise.all([
      page.waitForURL(/done=accept/),
      page.getByRole('button', { name: '受理', exact: true }).click(),
    ]);
    expect(await page.getByRole('status').first().textContent()).toContain('已受理');
    expect(await page.locator('#app-summary').locator('..').textContent()).toContain('剩余 9 个工作日');

    // Back on the worklist: accepted, with its deadline and nine working days left.
    await page.goto(`${suite.runtime.baseUrl}${WORKLIST}?state=accepted`);
    const accepted = page.getByRole('row', { name: new RegExp(TAKEN.id) });
    expect(await accepted.textContent()).toMatch(/9 个工作日/);
    expect(await accepted.locator('td[data-label="期限"] time').getAttribute('datetime')).toBe(
      (await apiApplication(TAKEN.id)).deadline?.dueOn,
    );

    // Pass the formal review with a comment: issued at once.
    await Promise.all([
      page.waitForURL(`**${WORKLIST}/${TAKEN.id}`),
      accepted.getByRole('link', { name: TAKEN.id }).click(),
    ]);
    await page.getByLabel('审查意见').fill('材料齐全，符合要求');
    await Promise.all([
      page.waitForURL(/done=pass-formal-review/),
      page.getByRole('button', { name: '形式审查通过' }).click(),
    ]);
    const issued = await apiApplication(TAKEN.id);
    expect(issued.state).toBe('issued');
    const licence = page.getByRole('link', { name: issued.outcome?.licenceNo ?? '?' });
    expect(await licence.getAttribute('href')).toMatch(/^\/console\/workbench\/certificates\//);
    await checkPage(page, 'application-issued');
    await page.goto(`${suite.runtime.baseUrl}${WORKLIST}/${TAKEN.id}?text=large`);
    await shoot(page, 'application-issued-large');
    await page.goto(`${suite.runtime.baseUrl}${WORKLIST}`);
    await shoot(page, 'worklist-large');
    // Large text on a phone: nothing scrolls sideways.
    await page.setViewportSize(MOBILE);
    expect(await scrollsSideways(page), 'worklist, large text at 360 px').toBe(false);
    await shoot(page, 'worklist-large-360');
    await page.goto(`${suite.runtime.baseUrl}${WORKLIST}/${TAKEN.id}`);
    expect(await scrollsSideways(page), 'application, large text at 360 px').toBe(false);
    await shoot(page, 'application-issued-large-360');
    await page.goto(`${suite.runtime.baseUrl}${WORKLIST}?text=normal`);
  });

  it('the same review with JavaScript off', async () => {
    // Prepare
    const id = await submittedWithDocuments(9001, '湖北汉江线缆有限公司');
    const page = await suite.openPage({ javaScriptEnabled: false });
    await signIn(page, suite.runtime.baseUrl, 'reviewer', `${WORKLIST}/${id}`);

    // Act
    await timersAsMicrotasks(page);
    await expectNoAxeViolations(page, 'application, JavaScript off');
    await Promise.all([
      page.waitForURL(/done=accept/),
      page.getByRole('button', { name: '受理', exact: true }).click(),
    ]);
    const acceptedState = (await apiApplication(id)).state;
    // A step that needs a comment, without one: the page again (422) with the reason beside the field.
    const refused = page.waitForResponse((r) => r.url().endsWith('/review'));
    await page.getByRole('button', { name: '要求补正' }).click();
    const refusal = await refused;
    await timersAsMicrotasks(page);
    await expectNoAxeViolations(page, 'a refused step, JavaScript off');
    const comment = page.getByLabel('审查意见');
    const invalid = await comment.getAttribute('aria-invalid');
    await shoot(page, 'application-refused-step-1280');
    await comment.fill('材料齐全');
    await Promise.all([
      page.waitForURL(/done=pass-formal-review/),
      page.getByRole('button', { name: '形式审查通过' }).click(),
    ]);

    // Assess
    expect(acceptedState).toBe('accepted');
    expect(refusal.status()).toBe(422);
    expect(invalid).toBe('true');
    expect((await apiApplication(id)).state).toBe('issued');
    expect(await page.getByRole('status').first().textContent()).toContain('形式审查已通过');
  });

  it('by keyboard alone: filter the worklist, open an application, open a document and accept', async () => {
    // Prepare
    const id = await submittedWithDocuments(9002, '湖北清江电线有限公司');
    const page = await suite.openPage();
    await signIn(page, suite.runtime.baseUrl, 'reviewer', WORKLIST);
    const focused = () =>
      page.evaluate('document.activeElement && (document.activeElement.id || document.activeElement.textContent)');

    // Act: Tab to the state filter, choose by keyboard, Enter sends the form.
    for (let i = 0; i < 40 && (await focused()) !== 'f-state'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('f-state');
    await page.keyboard.press('ArrowDown'); // 已提交，待受理
    for (let i = 0; i < 10 && (await focused()) !== '应用'; i++) await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/state=submitted/), page.keyboard.press('Enter')]);
    for (let i = 0; i < 60 && (await focused()) !== id; i++) await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(`**${WORKLIST}/${id}`), page.keyboard.press('Enter')]);
    for (let i = 0; i < 60 && (await focused()) !== '在本页查看申请单'; i++) await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/document=DOC-/), page.keyboard.press('Enter')]);
    await page.locator('#review-comment').focus();
    await page.keyboard.press('Tab');
    const button = await focused();
    await Promise.all([page.waitForURL(/done=accept/), page.keyboard.press('Enter')]);

    // Assess
    expect(button).toBe('受理');
    expect((await apiApplication(id)).state).toBe('accepted');
  });
});
