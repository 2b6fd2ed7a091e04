/**
 * The enterprise pages through the local runtime, as a browser drives them: the demo enterprise signs in through the
 * local identity provider's login page, and every page, form and upload goes over HTTP through the real console
 * function (session cookie, CSRF token, the shell, security headers) to the real use cases on the emulators. Records
 * of another enterprise are made through the API with its own token.
 *
 * The documents step both ways: with JavaScript (upload.js's calls: a declared grant, the direct upload, the check as
 * JSON) and without (each document's plain form posted straight to storage with the undeclared grant drawn with the
 * page; storage's redirect back runs the check of the stored bytes).
 */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_MEANINGS } from '../../../lambdas/domain/error-catalogue';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { CONSOLE_MEANINGS } from '../../../lambdas/presenters/console/words';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { DEMO_ENTERPRISE } from '../../../lib/local/demo-users';
import {
  type AppJson,
  Applicant,
  pdfOfSize,
  postUpload,
  THREE_DOCUMENTS,
  tinyPdf,
  type UploadGrant,
} from '../../support/applications';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { consoleHttp, type Jar } from '../../support/console/http';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
let jar: Jar;
let csrf: string;
const { get, post, signIn, csrfOf } = consoleHttp(() => runtime.baseUrl);

beforeAll(async () => {
  runtime = await startTestRuntime();
  jar = await signIn('enterprise', 'enterprise-demo');
  csrf = await csrfOf(jar);
});
afterAll(() => runtime?.stop());

const html = async (res: Response): Promise<string> => res.text();
/** The page's main landmark: what the page says, without the shell's path-dependent switches. */
const mainOf = (page: string): string => /<main\b[\s\S]*<\/main>/.exec(page)?.[0] ?? '';
const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** A certificate; the demo enterprise holds one licence per product, so each of its certificates names another. */
async function issue(over: { seed: number; uscc?: string; products?: string[] }): Promise<CertificateJson> {
  const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody(over)) });
  expect(res.status).toBe(201);
  return readJson(res);
}

const urlSafe = (cert: CertificateJson) => LicenceNumber.parse(String(cert.licenceNo)).toUrlSafe();

describe('licences', () => {
  test('my licences lists the enterprise’s own, with status in words and a link, in the shell with one h1', async () => {
    // Prepare
    const own = await issue({ seed: 1201, uscc: DEMO_ENTERPRISE.uscc });
    const foreign = await issue({ seed: 1209 });
    // Act
    const res = await get(jar, '/console/licences');
    const page = await html(res);
    // Assess
    expect(res.status).toBe(200);
    expect(page).toContain(String(own.licenceNo));
    expect(page).not.toContain(String(foreign.licenceNo));
    expect(page).toContain('有效');
    expect(page).toContain(`/console/licences/${urlSafe(own)}`);
    expect(page.match(/<h1\b/g)).toHaveLength(1);
  });

  test('the detail carries the same verification URL as the certificate; another enterprise’s answers like none', async () => {
    // Prepare
    const cert = await issue({ seed: 1202, uscc: DEMO_ENTERPRISE.uscc, products: ['05-001'] });
    const other = await issue({ seed: 1203 });
    const { readDeps } = await import('../../../lambdas/composition/storage');
    const licenceNo = LicenceNumber.parse(String(cert.licenceNo));
    const qrText = (await readDeps().repository.getVersion(licenceNo, Number(cert.version)))?.qrText ?? '';
    // Act
    const own = await get(jar, `/console/licences/${urlSafe(cert)}`);
    const foreign = await get(jar, `/console/licences/${urlSafe(other)}`);
    const missing = await get(jar, `/console/licences/${LicenceNumber.parse('(鄂)XK06-001-99999').toUrlSafe()}`);
    // Assess
    const ownPage = await html(own);
    expect(own.status).toBe(200);
    expect(qrText).toMatch(/^https?:\/\//);
    expect(ownPage).toContain(`href="${qrText}"`);
    expect(ownPage).toContain('role="img"');
    expect(ownPage.match(/<h1\b/g)).toHaveLength(1);
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const foreignMain = mainOf(await html(foreign));
    expect(foreignMain).toEqual(mainOf(await html(missing)));
    expect(foreignMain).toContain(ERROR_MEANINGS.CERTIFICATE_NOT_FOUND.zh);
  });

  test('the PDF is a 302 to the presigned download, for the holder only', async () => {
    const cert = await issue({ seed: 1204, uscc: DEMO_ENTERPRISE.uscc, products: ['88-901'] });
    const other = await issue({ seed: 1205 });
    const own = await get(jar, `/console/licences/${urlSafe(cert)}/pdf`);
    const foreign = await get(jar, `/console/licences/${urlSafe(other)}/pdf`);
    expect(own.status).toBe(302);
    const pdf = await fetch(own.headers.get('location') as string);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    expect(foreign.status).toBe(404);
  });
});

/** The filing form's fields (products repeated, as the checkboxes send them). */
const filing = (over: Record<string, string | string[]> = {}) => ({
  _csrf: csrf,
  kind: 'new',
  filingKey: `console-${Math.random().toString(36).slice(2)}`,
  'enterprise.name': DEMO_ENTERPRISE.name,
  'enterprise.domicile': '湖北省武汉市东西湖区走马岭街道革新大道88号',
  'enterprise.productionAddresses': '湖北省武汉市东西湖区走马岭街道革新大道88号',
  products: ['16-204'],
  ...over,
});

/** File a new application through the form; its id. */
async function fileOne(over: Record<string, string | string[]> = {}): Promise<string> {
  const res = await post(jar, '/console/applications/new', filing(over));
  expect(res.status).toBe(303);
  const id = (res.headers.get('location') as string).split('/').at(-1) as string;
  expect(id).toMatch(/^APP-/);
  return id;
}

/** A document's form on the application page: where it posts and its hidden (policy) fields, in order. */
function documentForm(page: string, type: string): { action: string; fields: [string, string][] } {
  const form = page.split('<form').find((f) => f.includes(`data-type="${type}"`)) ?? '';
  const action = unescapeHtml(/action="([^"]+)"/.exec(form)?.[1] ?? '');
  const fields = [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
    (m) => [unescapeHtml(m[1] as string), unescapeHtml(m[2] as string)] as [string, string],
  );
  return { action, fields };
}

/** What a browser without JavaScript sends: the form's fields, then the file (its own type, as the OS names it). */
function postPlainForm(
  form: { action: string; fields: [string, string][] },
  bytes: Uint8Array,
  fileName: string,
  fileType = '',
): Promise<Response> {
  const data = new FormData();
  for (const [name, value] of form.fields) data.append(name, value);
  data.append('file', new Blob([new Uint8Array(bytes)], { type: fileType }), fileName);
  return fetch(form.action, { method: 'POST', body: data, redirect: 'manual' });
}

describe('apply, upload, check and submit', () => {
  test('the kind chooser, then a form listing products with their procedure', async () => {
    const chooser = await html(await get(jar, '/console/applications/new'));
    const details = await html(await get(jar, '/console/applications/new?kind=new'));
    expect(chooser).toContain('name="kind"');
    expect(details).toContain('告知承诺');
    expect(details).toContain('受理后 9 个工作日内发证');
    expect(details.match(/<h1\b/g)).toHaveLength(1);
  });

  test('a refusal draws the form again (422) with the Chinese message beside the field', async () => {
    const { products: _none, ...withoutProducts } = filing();
    const res = await post(jar, '/console/applications/new', withoutProducts);
    const page = await html(res);
    expect(res.status).toBe(422);
    expect(page).toMatch(/<p id="[^"]*-error" class="field__error">/);
    expect(page).toContain(`value="${DEMO_ENTERPRISE.name}"`);
  });

  test('a blank name and no product: the one 422 shows a message beside each of them', async () => {
    const { products: _none, ...withoutProducts } = filing({ 'enterprise.name': '' });
    const res = await post(jar, '/console/applications/new', withoutProducts);
    const page = await html(res);
    expect(res.status).toBe(422);
    expect(page).toContain('<p id="f-enterprise-name-error" class="field__error">');
    expect(page).toContain('<p id="f-products-error" class="field__error">');
  });

  test('repeated product fields file every product chosen', async () => {
    const id = await fileOne({ products: ['16-204', '16-205'] });
    const app = (await (await runtime.request(`/v1/applications/${id}`, { as: 'enterprise' })).json()) as AppJson & {
      request: { products: string[] };
    };
    expect(app.request.products).toEqual(['16-204', '16-205']);
  });

  test('with JavaScript: the three documents straight to storage, their checks, then submit; another enterprise sees nothing', async () => {
    // Prepare
    const applicationId = await fileOne();
    const other = await Applicant.create(runtime, 1213);
    const filed = await other.file({ kind: 'new', enterprise: other.enterprise(), products: ['16-204'] });
    const foreignId = ((await filed.json()) as AppJson).id;
    // Act: each document's grant, the direct upload, the check (as upload.js does)
    for (const d of THREE_DOCUMENTS) {
      const bytes = d.bytes();
      const granted = await post(
        jar,
        `/console/applications/${applicationId}/documents`,
        {
          _csrf: csrf,
          type: d.type,
          fileName: `${d.type}.bin`,
          contentType: d.contentType,
          size: String(bytes.length),
        },
        { accept: 'application/json' },
      );
      expect(granted.status).toBe(201);
      const body = (await granted.json()) as { documentId: string; upload: UploadGrant; check: string };
      expect((await postUpload({ ...body.upload, expiresAt: '' }, bytes)).status).toBeLessThan(300);
      const checked = await post(jar, body.check, { _csrf: csrf }, { accept: 'application/json' });
      expect(await checked.json()).toEqual({ state: 'accepted', type: d.type });
    }
    const submitted = await post(jar, `/console/applications/${applicationId}/submit`, { _csrf: csrf });
    const shown = await html(await get(jar, `/console/applications/${applicationId}`));
    const foreign = await get(jar, `/console/applications/${foreignId}`);
    const missing = await get(jar, '/console/applications/APP-20260101-AAAAAAAAAA');
    const foreignCheck = await post(
      jar,
      `/console/applications/${foreignId}/documents/DOC-${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}/check`,
      {
        _csrf: csrf,
      },
    );
    // Assess
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe(`/console/applications/${applicationId}`);
    expect(shown).toContain('已提交，待受理');
    expect(shown).toContain('提交申请');
    expect(shown.match(/已通过检查/g)?.length).toBe(3);
    expect(shown.match(/<h1\b/g)).toHaveLength(1);
    expect(foreign.status).toBe(404);
    expect(mainOf(await html(foreign))).toEqual(mainOf(await html(missing)));
    // A plain form's check of another's document draws the same "not found" page.
    expect(foreignCheck.status).toBe(404);
    expect(await html(foreignCheck)).toContain(ERROR_MEANINGS.APPLICATION_NOT_FOUND.zh);
  });

  test('submitting without the documents draws the page again with the reason beside the document and the comment kept', async () => {
    const applicationId = await fileOne();
    const res = await post(jar, `/console/applications/${applicationId}/submit`, {
      _csrf: csrf,
      comment: '请尽快受理 <谢谢>',
    });
    const page = await html(res);
    expect(res.status).toBe(422);
    expect(page).toContain(
      `<p id="doc-application-form-error" class="field__error" role="alert">${ERROR_MEANINGS.DOCUMENT_REQUIRED.zh}</p>`,
    );
    expect(page).toContain('请尽快受理 &lt;谢谢&gt;</textarea>');
  });

  test('a page drawn after a POST points its language and text switches at a GET page, and they work', async () => {
    // Prepare: a jar of its own (the switches set preference cookies)
    const own = await signIn('enterprise', 'enterprise-demo');
    const token = await csrfOf(own);
    const switchesOf = (page: string): string[] =>
      [...(/<div class="prefs">([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '').matchAll(/href="([^"]+)"/g)].map((m) =>
        unescapeHtml(m[1] as string),
      );
    const { products: _none, ...withoutProducts } = filing({ _csrf: token });
    const applicationId = await fileOne();
    // Act
    const refusedForm = await post(own, '/console/applications/new', withoutProducts);
    const refusedSubmit = await post(own, `/console/applications/${applicationId}/submit`, { _csrf: token });
    const badForm = { ...filing({ _csrf: token }), kind: 'bogus' };
    const fromForm = await post(own, '/console/applications/new', badForm, {
      referer: `${runtime.baseUrl}/console/applications/new?kind=new`,
    });
    const fromNowhere = await post(own, '/console/applications/new', badForm);
    // Assess: each 422 links to the page its form belongs to
    expect([refusedForm.status, refusedSubmit.status, fromForm.status, fromNowhere.status]).toEqual([
      422, 422, 422, 422,
    ]);
    const submitSwitches = switchesOf(await html(refusedSubmit));
    expect(switchesOf(await html(refusedForm))).toEqual([
      '/console/applications/new?kind=new&lang=en',
      '/console/applications/new?kind=new&text=large',
    ]);
    expect(submitSwitches).toEqual([
      `/console/applications/${applicationId}?lang=en`,
      `/console/applications/${applicationId}?text=large`,
    ]);
    expect(switchesOf(await html(fromForm))[0]).toBe('/console/applications/new?kind=new&lang=en');
    expect(switchesOf(await html(fromNowhere))[0]).toBe('/console?lang=en');
    // …and following one switches the language and lands on that page.
    const switched = await get(own, submitSwitches[0] as string);
    expect(switched.status).toBe(303);
    expect(switched.headers.get('location')).toBe(`/console/applications/${applicationId}`);
    const page = await get(own, switched.headers.get('location') as string);
    expect(page.status).toBe(200);
    expect(await html(page)).toContain('<html lang="en"');
  });

  test('the page links its upload script and the CSP lets forms and uploads reach storage', async () => {
    const applicationId = await fileOne();
    const res = await get(jar, `/console/applications/${applicationId}`);
    const page = await html(res);
    const storage = new URL(runtime.endpoints.s3).origin;
    const csp = res.headers.get('content-security-policy') ?? '';
    const script = /<script src="(\/console\/assets\/upload\.js\?v=[0-9a-f]{10})" defer><\/script>/.exec(page)?.[1];
    expect(script).toBeDefined();
    const served = await get(jar, script as string);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('text/javascript');
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(await served.text()).toContain('data-upload');
    expect(csp).toMatch(new RegExp(`form-action [^;]*${storage.replace(/[.:/]/g, '\\$&')}`));
    expect(csp).toMatch(new RegExp(`connect-src [^;]*${storage.replace(/[.:/]/g, '\\$&')}`));
  });
});

describe('without JavaScript: plain forms straight to storage', () => {
  test('each document’s form posts to storage; the redirect back checks the file and the page shows the result', async () => {
    // Prepare
    const applicationId = await fileOne();
    const page = await html(await get(jar, `/console/applications/${applicationId}`));
    // Act: each form as a browser without script posts it, the file typed by the OS (or not at all)
    const landed: string[] = [];
    for (const d of THREE_DOCUMENTS) {
      const form = documentForm(page, d.type);
      expect(form.action.startsWith(new URL(runtime.endpoints.s3).origin)).toBe(true);
      expect(form.fields.map(([n]) => n)).toContain('success_action_redirect');
      expect(form.fields.map(([n]) => n)).not.toContain('Content-Type');
      const stored = await postPlainForm(form, d.bytes(), `${d.type}.dat`, d.type === 'test-report' ? '' : 'image/jpg');
      expect(stored.status).toBe(303);
      const back = new URL(stored.headers.get('location') as string);
      expect(back.pathname).toMatch(new RegExp(`^/console/applications/${applicationId}/documents/DOC-.+/uploaded$`));
      const checked = await get(jar, `${back.pathname}${back.search}`);
      expect(checked.status).toBe(303);
      landed.push(checked.headers.get('location') as string);
    }
    const shown = await html(await get(jar, `/console/applications/${applicationId}`));
    const view = (await (await runtime.request(`/v1/applications/${applicationId}`, { as: 'enterprise' })).json()) as {
      documents: {
        type: string;
        state: string;
        contentType?: string;
        size?: number;
        sha256?: string;
        declaredContentType?: string;
        fileName: string;
      }[];
    };
    // Assess
    expect(landed).toEqual(THREE_DOCUMENTS.map((d) => `/console/applications/${applicationId}#doc-${d.type}`));
    expect(shown.match(/已通过检查/g)?.length).toBe(3);
    for (const d of THREE_DOCUMENTS) {
      const doc = view.documents.find((x) => x.type === d.type);
      expect(doc).toMatchObject({ state: 'accepted', contentType: d.contentType, size: d.bytes().length });
      expect(doc?.declaredContentType).toBeUndefined();
      // The kept, content-addressed copy is stored as the type detected.
      const head = await keptHead(applicationId, doc?.sha256 as string);
      expect(head.ContentType).toBe(d.contentType);
    }
    expect(view.documents.find((x) => x.type === 'test-report')?.fileName).toBe('检测报告.pdf');
    const submitted = await post(jar, `/console/applications/${applicationId}/submit`, { _csrf: csrf });
    expect(submitted.status).toBe(303);
  });

  test('a disguised file (HTML bytes) is refused with the inspection’s code, shown beside the document', async () => {
    const applicationId = await fileOne();
    const page = await html(await get(jar, `/console/applications/${applicationId}`));
    const stored = await postPlainForm(
      documentForm(page, 'test-report'),
      new TextEncoder().encode('<!doctype html><script>alert(1)</script>'),
      '检测报告.pdf',
      'application/pdf',
    );
    const back = new URL(stored.headers.get('location') as string);
    const checked = await get(jar, `${back.pathname}${back.search}`);
    expect(checked.headers.get('location')).toBe(
      `/console/applications/${applicationId}?error=DOCUMENT_TYPE_NOT_ALLOWED&document=test-report#doc-test-report`,
    );
    const shown = await html(await get(jar, checked.headers.get('location') as string));
    expect(shown).toContain(
      `<p id="doc-test-report-error" class="field__error" role="alert">${CONSOLE_MEANINGS.DOCUMENT_TYPE_NOT_ALLOWED?.zh}</p>`,
    );
    const view = (await (await runtime.request(`/v1/applications/${applicationId}`, { as: 'enterprise' })).json()) as {
      documents: { state: string; failure?: { code: string } }[];
    };
    expect(view.documents).toMatchObject([{ state: 'rejected', failure: { code: 'DOCUMENT_TYPE_NOT_ALLOWED' } }]);
  });

  test('too large is refused by storage; coming back without a file says so and offers the form again', async () => {
    const applicationId = await fileOne();
    const page = await html(await get(jar, `/console/applications/${applicationId}`));
    const form = documentForm(page, 'application-form');
    const refused = await postPlainForm(form, pdfOfSize(5 * 1024 * 1024 + 1), 'big.pdf', 'application/pdf');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('EntityTooLarge');
    // The way back the storage would have taken (as after an expired form): nothing arrived.
    const redirect = form.fields.find(([n]) => n === 'success_action_redirect')?.[1] as string;
    const back = await get(jar, redirect.slice(runtime.baseUrl.length));
    expect(back.headers.get('location')).toBe(
      `/console/applications/${applicationId}?error=DOCUMENT_MISSING&document=application-form#doc-application-form`,
    );
    const shown = await html(await get(jar, back.headers.get('location') as string));
    expect(shown).toContain(CONSOLE_MEANINGS.DOCUMENT_MISSING?.zh);
    expect(shown).toContain('可能已过期');
    // A fresh form (a new grant) for the same document.
    const again = documentForm(shown, 'application-form');
    expect(again.fields.find(([n]) => n === 'key')?.[1]).not.toBe(form.fields.find(([n]) => n === 'key')?.[1]);
    const ok = await postPlainForm(again, tinyPdf('申请单'), '申请单.pdf', 'application/pdf');
    expect(ok.status).toBe(303);
  });

  test('the redirect back needs this session’s token', async () => {
    const applicationId = await fileOne();
    const page = await html(await get(jar, `/console/applications/${applicationId}`));
    const redirect = documentForm(page, 'application-form').fields.find(([n]) => n === 'success_action_redirect')?.[1];
    const forged = (redirect as string).replace(/t=[^&]+/, `t=${'A'.repeat(43)}`);
    const res = await get(jar, forged.slice(runtime.baseUrl.length));
    expect(res.status).toBe(403);
    expect(await html(res)).toContain(ERROR_MEANINGS.CSRF_TOKEN_INVALID.zh);
  });
});

/** The kept copy's head, straight from the documents bucket. */
async function keptHead(applicationId: string, sha256: string) {
  const s3 = new S3Client({
    ...emulatorClientConfig(runtime.endpoints.s3, runtime.endpoints.region),
    forcePathStyle: true,
  });
  return s3.send(
    new HeadObjectCommand({
      Bucket: runtime.names.buckets.documents,
      Key: `applications/${applicationId}/checked/${sha256}`,
    }),
  );
}
