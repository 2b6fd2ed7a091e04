/**
 * The enterprise service end to end in Debian's Chromium, through the runtime `npm start` runs (in-process, its own
 * emulators, a settable clock): the demo enterprise signs in on the login page, files a food-related application
 * (食品用塑料包装容器工具等制品, 16-204: notification–commitment, issued on the spot once the formal review passes)
 * with three real files uploaded with JavaScript (progress bar to 100 %, each check accepted; a refused file first),
 * submits; a reviewer accepts and passes it through the JSON API with the local identity provider's token; the
 * enterprise sees it issued on the application page and on 我的许可证, downloads the PDF through the console's PDF
 * route, renders its first page with MuPDF and decodes the QR with zxing-wasm, and the decoded URL verifies as valid.
 *
 * Refused: a forged CSRF token (403 page), another enterprise's application and licence typed by hand (the same
 * not-found page as a missing one), a form the contract refuses (422 page), a session idle for 31 minutes on the
 * runtime's clock (back to sign-in). Filing works with JavaScript off: the kind chooser, the product picker, the form
 * and the three documents through their plain forms (storage's redirect back, the check results shown), submit.
 *
 * Every console page visited is checked by axe-core (WCAG 2.1 A/AA) at 1280 px and at 360 px (no sideways scroll
 * there), and photographed at both widths — my licences and the application page with large text too — into
 * /tmp/shots-e2e/. Tests run in order and share the one application they follow. In-page expressions are strings
 * because the project compiles without the DOM library.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { BrowserContextOptions, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISE, DEMO_OTHER_ENTERPRISE } from '../../lib/local/demo-users';
import { type AppJson, reviewSteps } from '../support/applications';
import { pdfLibPdf } from '../support/document-vectors';
import { inspectPdf, scanQrCodes } from '../support/pdf-inspect';
import { DESKTOP, MOBILE } from './support/chromium';
import {
  consoleSuite,
  expectNoAxeViolations,
  h1,
  pathOf,
  scrollsSideways,
  signIn,
  signOut,
  timersAsMicrotasks,
} from './support/console';

const SHOTS = '/tmp/shots-e2e';
/** The food-related product filed with JavaScript, and the one filed without. */
const FOOD_PRODUCT = { key: '16-204', name: '食品用塑料包装容器工具等制品' };
const FOOD_PRODUCT_NO_JS = { key: '16-205', name: '食品用纸包装容器等制品' };
const ADDRESS = '湖北省武汉市东西湖区走马岭街道革新大道88号';
const MISSING_APPLICATION = 'APP-20260101-AAAAAAAAAA';
const MISSING_LICENCE = '42-XK16-204-99999';

/** A file as a person picks it: its name, the type the operating system gives it, its bytes. */
interface PickedFile {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Buffer;
}

/** A real one-page PDF made by pdf-lib, with a line of text on it (ASCII: the standard font has no Chinese). */
async function realPdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  page.drawText('Wuhan Example Machinery Co., Ltd. - Permit end-to-end test', { x: 72, y: 730, size: 11 });
  doc.setTitle(text);
  return Buffer.from(await doc.save());
}

/** A real PNG: the first page of a real PDF rendered by MuPDF, as a scanned test report would be. */
async function realPng(text: string): Promise<Buffer> {
  const doc = mupdf.Document.openDocument(await realPdf(text), 'application/pdf');
  const pixmap = doc.loadPage(0).toPixmap(mupdf.Matrix.scale(0.5, 0.5), mupdf.ColorSpace.DeviceRGB, false, true);
  return Buffer.from(pixmap.asPNG());
}

/** The three documents of a new application: 申请单 and 承诺书 as PDFs, 检测报告 as a PNG scan. */
async function threeFiles(): Promise<Record<'application-form' | 'commitment-letter' | 'test-report', PickedFile>> {
  return {
    'application-form': {
      name: '申请单.pdf',
      mimeType: 'application/pdf',
      buffer: await realPdf('Application form (shenqingdan)'),
    },
    'commitment-letter': {
      name: '承诺书.pdf',
      mimeType: 'application/pdf',
      buffer: await realPdf('Letter of commitment (chengnuoshu)'),
    },
    'test-report': {
      name: '检测报告.png',
      mimeType: 'image/png',
      buffer: await realPng('Test report (jiance baogao)'),
    },
  };
}

// A Chinese browser: the file inputs' own words (选择文件) are the browser's, in its locale.
const suite = consoleSuite({ shots: SHOTS, context: { locale: 'zh-CN', acceptDownloads: true } });

/** Pages of contexts with JavaScript off. */
const SCRIPTLESS = new WeakSet<Page>();

async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
  const pg = await suite.openPage(options);
  if (options.javaScriptEnabled === false) SCRIPTLESS.add(pg);
  return pg;
}

const mainText = async (page: Page): Promise<string> => ((await page.locator('main').textContent()) ?? '').trim();

/**
 * The page as it is: axe finds nothing at 1280 px and at 360 px, nothing scrolls sideways at 360 px, and a
 * full-page screenshot at each width (`<name>-1280.png`, `<name>-360.png`). The viewport goes back to 1280 px.
 */
async function look(page: Page, name: string): Promise<void> {
  if (SCRIPTLESS.has(page)) await timersAsMicrotasks(page);
  for (const [width, viewport] of [
    ['1280', DESKTOP],
    ['360', MOBILE],
  ] as const) {
    await page.setViewportSize(viewport);
    await expectNoAxeViolations(page, `${name} at ${width} px`);
    if (width === '360') expect(await scrollsSideways(page), `${name} scrolls sideways at 360 px`).toBe(false);
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

/** The same page in large-text mode (the switch's link), looked at, then back to standard text. */
async function lookLarge(page: Page, name: string): Promise<void> {
  const path = pathOf(page);
  await page.goto(`${suite.runtime.baseUrl}${path}?text=large`);
  await page.waitForURL((u) => u.pathname === path && !u.search);
  expect(await page.evaluate('document.documentElement.classList.contains("large")')).toBe(true);
  await look(page, `${name}-large`);
  await page.goto(`${suite.runtime.baseUrl}${path}?text=normal`);
  await page.waitForURL((u) => u.pathname === path && !u.search);
}

/** A document's card on the application page (its heading, status, error and form). */
const documentCard = (page: Page, type: string) => page.locator('.card', { has: page.locator(`#doc-${type}-title`) });

/**
 * Upload one document with JavaScript on, as a person does: pick the file, press 上传并检查. The check's request is
 * held until the progress bar has reached 100 % (so the bar is seen full, deterministically); its JSON answer is
 * returned once the page has drawn itself again.
 */
async function uploadWithJavaScript(page: Page, type: string, file: PickedFile): Promise<unknown> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let answer: unknown;
  const onCheck = async (route: Route) => {
    await held;
    const response = await route.fetch();
    answer = await response.json();
    await route.fulfill({ response });
  };
  await page.route('**/console/applications/*/documents/*/check', onCheck);
  const card = documentCard(page, type);
  await card.locator('input[type=file]').setInputFiles(file);
  await card.getByRole('button', { name: '上传并检查' }).click();

  // The bar is shown and full, and the check is under way.
  const progress = card.locator('progress');
  await expect.poll(() => progress.evaluate((p) => (p as unknown as { value: number }).value)).toBe(100);
  expect(await card.locator('[data-progress]').isVisible()).toBe(true);
  expect(await progress.textContent()).toBe('100%');
  await expect.poll(() => card.locator('[data-result]').textContent()).toBe('正在检查文件…');

  // Let the check through: the script shows its result and draws the page again.
  const reloaded = page.waitForEvent('load');
  release();
  await reloaded;
  await page.unroute('**/console/applications/*/documents/*/check', onCheck);
  return answer;
}

/** Upload one document with JavaScript off: the plain form straight to storage, and storage's redirect back. */
async function uploadWithoutJavaScript(page: Page, applicationId: string, type: string, file: PickedFile) {
  const card = documentCard(page, type);
  const action = await card.locator('form').getAttribute('action');
  expect(new URL(action ?? '').origin).not.toBe(suite.runtime.baseUrl); // straight to storage, not through the console
  await card.locator('input[type=file]').setInputFiles(file);
  const redirects: string[] = [];
  const onResponse = (r: { url(): string; status(): number }) => {
    if (r.status() >= 300 && r.status() < 400) redirects.push(new URL(r.url()).pathname);
  };
  page.on('response', onResponse);
  await Promise.all([
    // …to the page, at the document's card
    page.waitForURL((u) => u.pathname === `/console/applications/${applicationId}` && u.hash === `#doc-${type}`),
    card.getByRole('button', { name: '上传并检查' }).click(),
  ]);
  page.off('response', onResponse);
  // Storage answered with its redirect, and the console's check sent the browser on to the page.
  expect(redirects).toContainEqual(expect.stringMatching(/\/uploaded$/));
}

/** The application followed from test to test. */
const state = {
  applicationId: '',
  licenceNo: '',
  licenceUrlSafe: '',
  verificationUrl: '',
  noJsApplicationId: '',
};

describe('an enterprise files a food-related application with JavaScript on', () => {
  let page: Page;

  it('signs in on the login page and sees 我的许可证 (none yet)', async () => {
    // Prepare
    page = await openPage();
    await page.goto(`${suite.runtime.baseUrl}/console/licences`);
    expect(pathOf(page)).toBe('/local-idp/authorize');
    await look(page, 'login');

    // Act
    await signIn(page, suite.runtime.baseUrl, 'enterprise');

    // Assess
    expect(pathOf(page)).toBe('/console/licences');
    expect(await h1(page)).toBe('我的许可证');
    expect(await page.locator('.site-user').textContent()).toContain(DEMO_ENTERPRISE.name);
    expect(await mainText(page)).toContain('您还没有生产许可证');
    await look(page, 'licences-empty');
  });

  it('chooses the kind, sees the food-related product’s procedure, and is shown what is missing', async () => {
    // Act: 申请 in the navigation, the kind chooser
    await page.getByRole('navigation').getByRole('link', { name: '申请', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/console/applications/new');
    await look(page, 'apply-kind');
    await page.getByLabel('新申请（首次取证）').check();
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('kind') === 'new'),
      page.getByRole('button', { name: '下一步' }).click(),
    ]);

    // Assess: the form, the product with its procedure and time limit
    expect(await h1(page)).toBe('新的申请：新申请（首次取证）');
    const procedure = await page.locator(`#product-${FOOD_PRODUCT.key}-procedure`).textContent();
    expect(procedure).toContain('告知承诺');
    await look(page, 'apply-form');

    // Act: file it with no product and no particulars
    const [refused] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/console/applications/new',
      ),
      page.getByRole('button', { name: '填报申请' }).click(),
    ]);
    await page.waitForLoadState('load');

    // Assess: 422, the reasons in Chinese beside the fields concerned
    expect(refused.status()).toBe(422);
    expect(await page.locator('.field__error').count()).toBeGreaterThan(0);
    expect(await page.locator('[aria-invalid=true]').count()).toBeGreaterThan(0);
    await look(page, 'apply-form-errors');
  });

  it('files it: the particulars and the food-related product', async () => {
    // Act
    await page.getByLabel('企业名称').fill(DEMO_ENTERPRISE.name);
    await page.getByLabel('住所').fill(ADDRESS);
    await page.getByLabel('生产地址').fill(ADDRESS);
    await page.getByRole('checkbox', { name: new RegExp(FOOD_PRODUCT.name) }).check();
    await Promise.all([
      page.waitForURL((u) => /^\/console\/applications\/APP-\d{8}-[A-Z0-9]{10}$/.test(u.pathname)),
      page.getByRole('button', { name: '填报申请' }).click(),
    ]);

    // Assess: the documents step of a draft, following the notification–commitment procedure
    state.applicationId = pathOf(page).split('/').at(-1) as string;
    expect(await h1(page)).toBe(`申请 ${state.applicationId}`);
    const main = await mainText(page);
    expect(main).toContain('草稿（未提交）');
    expect(main).toContain('告知承诺');
    expect(main).toContain(FOOD_PRODUCT.name);
    expect(await page.locator('form[data-upload]').count()).toBe(3);
    await look(page, 'application-documents');
  });

  it('a file with active content is refused, its reason shown beside the document', async () => {
    // Prepare: a PDF that runs JavaScript when opened
    const hostile = {
      name: '申请单-宏.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await pdfLibPdf({ javaScript: true })),
    };

    // Act
    const answer = await uploadWithJavaScript(page, 'application-form', hostile);

    // Assess
    expect(answer).toMatchObject({ code: 'DOCUMENT_ACTIVE_CONTENT', type: 'application-form' });
    const card = documentCard(page, 'application-form');
    expect(await card.locator('#doc-application-form-status').textContent()).toContain('未通过检查：申请单-宏.pdf');
    expect(await card.locator('#doc-application-form-error').isVisible()).toBe(true);
    await look(page, 'application-refused-document');
  });

  it('uploads the three real files: each bar reaches 100 % and each check is accepted', async () => {
    const files = await threeFiles();
    for (const [type, file] of Object.entries(files)) {
      // Act
      const answer = await uploadWithJavaScript(page, type, file);

      // Assess
      expect(answer).toEqual({ state: 'accepted', type });
      expect(await page.locator(`#doc-${type}-status`).textContent()).toBe(`已通过检查：${file.name}`);
    }
    expect(await page.locator('.field__error').count()).toBe(0);
  });

  it('submits', async () => {
    // Act
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/submit') && r.status() === 303),
      page.getByRole('button', { name: '提交', exact: true }).click(),
    ]);
    await page.waitForURL((u) => u.pathname === `/console/applications/${state.applicationId}`);

    // Assess
    expect(await page.locator('#app-summary ~ p .badge').textContent()).toContain('已提交，待受理');
    expect(await page.locator('form[data-upload]').count()).toBe(0);
    await look(page, 'application-submitted');
  });

  it('the reviewer accepts it and passes the formal review through the API: it is issued', async () => {
    // Act: the local identity provider's reviewer token, the JSON API
    const issued: AppJson = await reviewSteps(suite.runtime, state.applicationId, ['accept', 'pass-formal-review']);

    // Assess
    expect(issued.state).toBe('issued');
    expect(issued.outcome?.licenceNo).toMatch(/^\(鄂\)XK16-204-\d{5}$/);
    state.licenceNo = issued.outcome?.licenceNo as string;
  });

  it('sees it issued on the application page, with the licence linked', async () => {
    // Act
    await page.reload();

    // Assess
    expect(await page.locator('#app-summary ~ p .badge').textContent()).toContain('已发证');
    const outcome = page.locator('section', { has: page.locator('#app-outcome') });
    expect(await outcome.getByRole('link').textContent()).toBe(state.licenceNo);
    const timeline = (await page.locator('.timeline').textContent()) ?? '';
    for (const step of ['受理', '形式审查通过']) expect(timeline).toContain(step);
    await look(page, 'application-issued');
    await lookLarge(page, 'application-issued');
  });

  it('sees it on 我的许可证, valid, and opens the licence', async () => {
    // Act
    await page.getByRole('navigation').getByRole('link', { name: '我的许可证' }).click();
    await page.waitForURL((u) => u.pathname === '/console/licences');

    // Assess
    const row = page.locator('tbody tr', { hasText: state.licenceNo });
    expect(await row.locator('.badge').textContent()).toContain('有效');
    expect(await row.textContent()).toContain('第 1 版');
    await look(page, 'licences');
    await lookLarge(page, 'licences');

    // Act: open it
    await Promise.all([
      page.waitForURL((u) => u.pathname.startsWith('/console/licences/')),
      page.getByRole('link', { name: state.licenceNo }).click(),
    ]);

    // Assess
    state.licenceUrlSafe = decodeURIComponent(pathOf(page).split('/').at(-1) as string);
    expect(await h1(page)).toContain(state.licenceNo);
    const main = await mainText(page);
    expect(main).toContain(FOOD_PRODUCT.name);
    expect(main).toContain('告知承诺');
    state.verificationUrl = (await page.getByRole('link', { name: '核验链接' }).getAttribute('href')) ?? '';
    expect(state.verificationUrl.startsWith(`${suite.runtime.baseUrl}/v/`)).toBe(true);
    await look(page, 'licence');
  });

  it('downloads the PDF through the console; its QR, decoded from the rendering, verifies as valid', async () => {
    // Act: the download link (the console's PDF route, 302 to the short presigned download)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /下载第 1 版 PDF/ }).click(),
    ]);
    const path = await download.path();
    const bytes = new Uint8Array(await readFile(path));

    // Assess: a PDF whose first page, rendered by MuPDF, carries the licence's QR
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(new URL(download.url()).origin).not.toBe(suite.runtime.baseUrl);
    const rendered = inspectPdf(bytes, { dpi: 150 });
    expect(rendered.text).toContain(DEMO_ENTERPRISE.name);
    const decoded = await scanQrCodes(rendered.png);
    expect(decoded).toEqual([state.verificationUrl]);

    // Act: open the decoded URL, as a phone's camera would
    const verification = await openPage({ viewport: MOBILE });
    await verification.goto(decoded[0] as string);

    // Assess: the public verification page and its JSON say valid
    expect(await verification.locator('#verdict-title').textContent()).toContain('有效');
    expect(await verification.locator('main').textContent()).toContain(state.licenceNo);
    await verification.screenshot({ path: join(SHOTS, 'verification-valid-360.png'), fullPage: true });
    const asJson = await fetch(decoded[0] as string, { headers: { accept: 'application/json' } });
    expect(await asJson.json()).toMatchObject({ verdict: 'valid' });
  });

  it('lists the application on 我的申请', async () => {
    // Act
    await page.getByRole('navigation').getByRole('link', { name: '我的申请' }).click();
    await page.waitForURL((u) => u.pathname === '/console/applications');

    // Assess
    const row = page.locator('tbody tr', { hasText: state.applicationId });
    expect(await row.locator('.badge').textContent()).toContain('已发证');
    await look(page, 'my-applications');
  });
});

describe('refusals', () => {
  it('a forged CSRF token on the application form gets the 403 page; nothing is filed', async () => {
    // Prepare
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise', '/console/applications/new?kind=new');
    await page.getByLabel('企业名称').fill(DEMO_ENTERPRISE.name);
    await page.getByRole('checkbox', { name: new RegExp(FOOD_PRODUCT_NO_JS.name) }).check();
    await page.evaluate(
      'document.querySelector("main form input[name=_csrf]").value = "forged-token-forged-token-forged-token-abc"',
    );

    // Act
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '填报申请' }).click(),
    ]);
    await page.waitForLoadState('load');

    // Assess
    expect(response.status()).toBe(403);
    expect(await h1(page)).toBe('无法执行此操作');
    expect(await mainText(page)).toContain('CSRF_TOKEN_INVALID');
    await look(page, 'error-403');
    await page.goto(`${suite.runtime.baseUrl}/console/applications`);
    expect(await page.locator('tbody tr').count()).toBe(1);
  });

  it('a form the contract refuses gets the 422 page', async () => {
    // Prepare: a kind no form offers
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise', '/console/applications/new?kind=new');
    await page.evaluate('document.querySelector("main form input[name=kind]").value = "bogus"');

    // Act
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '填报申请' }).click(),
    ]);
    await page.waitForLoadState('load');

    // Assess
    expect(response.status()).toBe(422);
    expect(await h1(page)).toBe('请检查填写的内容');
    await look(page, 'error-422');
  });

  it('another enterprise typing the first one’s application and licence URLs sees the not-found page of a missing one', async () => {
    // Prepare
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise2');
    expect(await page.locator('.site-user').textContent()).toContain(DEMO_OTHER_ENTERPRISE.name);
    const open = async (path: string) => {
      const response = await page.goto(`${suite.runtime.baseUrl}${path}`);
      return { status: response?.status(), main: await mainText(page), h1: await h1(page) };
    };

    // Act
    const foreignApp = await open(`/console/applications/${state.applicationId}`);
    await look(page, 'error-404-application');
    const missingApp = await open(`/console/applications/${MISSING_APPLICATION}`);
    const foreignLicence = await open(`/console/licences/${encodeURIComponent(state.licenceUrlSafe)}`);
    await look(page, 'error-404-licence');
    const missingLicence = await open(`/console/licences/${MISSING_LICENCE}`);
    const foreignPdf = await open(`/console/licences/${encodeURIComponent(state.licenceUrlSafe)}/pdf`);

    // Assess
    expect(foreignApp).toEqual({ ...missingApp, status: 404 });
    expect(foreignApp.h1).toBe('未找到');
    expect(foreignApp.main).not.toContain(DEMO_ENTERPRISE.name);
    expect(foreignLicence).toEqual({ ...missingLicence, status: 404 });
    expect(foreignLicence.main).not.toContain(state.licenceNo);
    expect(foreignPdf).toEqual({ ...missingLicence, status: 404 });
  });
});

describe('with JavaScript off', () => {
  let page: Page;

  it('files through the kind chooser, the product picker and the form', async () => {
    // Prepare
    page = await openPage({ javaScriptEnabled: false });
    await signIn(page, suite.runtime.baseUrl, 'enterprise2');

    // Act
    await page.getByRole('navigation').getByRole('link', { name: '申请', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/console/applications/new');
    await page.getByLabel('新申请（首次取证）').check();
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('kind') === 'new'),
      page.getByRole('button', { name: '下一步' }).click(),
    ]);
    await page.getByLabel('企业名称').fill(DEMO_OTHER_ENTERPRISE.name);
    await page.getByLabel('住所').fill('湖北省宜昌市猇亭区猇亭大道1号');
    await page.getByLabel('生产地址').fill('湖北省宜昌市猇亭区猇亭大道1号');
    await page.getByRole('checkbox', { name: new RegExp(FOOD_PRODUCT_NO_JS.name) }).check();
    await Promise.all([
      page.waitForURL((u) => /^\/console\/applications\/APP-/.test(u.pathname)),
      page.getByRole('button', { name: '填报申请' }).click(),
    ]);

    // Assess
    state.noJsApplicationId = pathOf(page).split('/').at(-1) as string;
    expect(await mainText(page)).toContain('草稿（未提交）');
    expect(await page.locator('form[data-upload]').count()).toBe(3);
    await look(page, 'application-documents-nojs');
  });

  it('uploads the three documents through the plain forms; storage sends it back, each check shown', async () => {
    const files = await threeFiles();
    for (const [type, file] of Object.entries(files)) {
      // Act
      await uploadWithoutJavaScript(page, state.noJsApplicationId, type, file);

      // Assess
      expect(await page.locator(`#doc-${type}-status`).textContent()).toBe(`已通过检查：${file.name}`);
    }
    await look(page, 'application-uploaded-nojs');
  });

  it('submits', async () => {
    // Act
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/submit') && r.status() === 303),
      page.getByRole('button', { name: '提交', exact: true }).click(),
    ]);
    await page.waitForURL((u) => u.pathname === `/console/applications/${state.noJsApplicationId}`);

    // Assess
    expect(await page.locator('#app-summary ~ p .badge').textContent()).toContain('已提交，待受理');
    const api = await suite.runtime.request(`/v1/applications/${state.noJsApplicationId}`, { as: 'reviewer' });
    expect(((await api.json()) as AppJson).state).toBe('submitted');
  });
});

describe('signing out, and a session left idle', () => {
  it('signs out: the signed-out page', async () => {
    // Prepare
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise');

    // Act
    await signOut(page);

    // Assess
    expect(await h1(page)).toBe('您已退出登录');
    await look(page, 'signed-out');
  });

  it('a session idle for 31 minutes on the runtime’s clock goes back to sign-in', async () => {
    // Prepare
    const page = await openPage();
    await signIn(page, suite.runtime.baseUrl, 'enterprise', `/console/applications/${state.applicationId}`);
    expect(await h1(page)).toBe(`申请 ${state.applicationId}`);

    // Act: move the runtime's clock (admin token, /_local/clock)
    const moved = await suite.runtime.request('/_local/clock', {
      method: 'POST',
      as: 'admin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: 'PT31M' }),
    });
    expect(moved.status).toBe(200);
    await page.reload();

    // Assess
    expect(pathOf(page)).toBe('/local-idp/authorize');
    expect(await page.getByLabel(/用户名/).isVisible()).toBe(true);
  });
});
