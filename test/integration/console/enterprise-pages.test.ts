/**
 * The enterprise pages' functions against the local runtime's real storage (emulators, real use cases): a
 * ConsoleRequest built here, the ConsoleResult asserted. The console pipeline (sessions, CSRF, the shell) is the
 * foundation's; these tests stand where it hands over.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { applicationDeps } from '../../../lambdas/composition/applications';
import { applicationOverviewDeps, licenceOverviewDeps } from '../../../lambdas/composition/enterprise-service';
import { readDeps } from '../../../lambdas/composition/storage';
import {
  type consoleApplicationRoute,
  consoleFileApplicationRoute,
  type consoleLicenceRoute,
} from '../../../lambdas/contracts/console-enterprise';
import type { RouteContract } from '../../../lambdas/contracts/route';
import { ERROR_MEANINGS } from '../../../lambdas/domain/error-catalogue';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { Viewer } from '../../../lambdas/domain/viewer';
import type { ConsoleContext } from '../../../lambdas/presenters/console/context';
import type { ConsoleRequest, ConsoleResult } from '../../../lambdas/shared/console-route';
import type { HttpEvent } from '../../../lambdas/shared/http';
import { postUpload, THREE_DOCUMENTS, type UploadGrant } from '../../support/applications';
import { type CertificateJson, issueBody, jsonRequest, readJson, usccFor } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

// The pipeline's stub throws when a handler module is loaded (the foundation is built in parallel); the page
// functions under test never go through it.
vi.mock('../../../lambdas/shared/console-route', () => ({ consoleRoute: () => () => undefined }));

let runtime: TestRuntime;
// The handler modules build their deps when loaded, so they are loaded once the runtime has set the environment.
let applicationPage: typeof import('../../../lambdas/handlers/console/application')['applicationPage'];
let checkDocumentPage: typeof import('../../../lambdas/handlers/console/check-document')['checkDocumentPage'];
let fileApplicationPage: typeof import('../../../lambdas/handlers/console/file-application')['fileApplicationPage'];
let licencePage: typeof import('../../../lambdas/handlers/console/licence')['licencePage'];
let licencePdfPage: typeof import('../../../lambdas/handlers/console/licence-pdf')['licencePdfPage'];
let myLicencesPage: typeof import('../../../lambdas/handlers/console/my-licences')['myLicencesPage'];
let newApplicationPage: typeof import('../../../lambdas/handlers/console/new-application')['newApplicationPage'];
let requestUploadPage: typeof import('../../../lambdas/handlers/console/request-upload')['requestUploadPage'];
let submitApplicationPage: typeof import('../../../lambdas/handlers/console/submit-application')['submitApplicationPage'];
beforeAll(async () => {
  runtime = await startTestRuntime();
  ({ applicationPage } = await import('../../../lambdas/handlers/console/application'));
  ({ checkDocumentPage } = await import('../../../lambdas/handlers/console/check-document'));
  ({ fileApplicationPage } = await import('../../../lambdas/handlers/console/file-application'));
  ({ licencePage } = await import('../../../lambdas/handlers/console/licence'));
  ({ licencePdfPage } = await import('../../../lambdas/handlers/console/licence-pdf'));
  ({ myLicencesPage } = await import('../../../lambdas/handlers/console/my-licences'));
  ({ newApplicationPage } = await import('../../../lambdas/handlers/console/new-application'));
  ({ requestUploadPage } = await import('../../../lambdas/handlers/console/request-upload'));
  ({ submitApplicationPage } = await import('../../../lambdas/handlers/console/submit-application'));
});
afterAll(() => runtime?.stop());

const ctx: ConsoleContext = { lang: 'zh-CN', csrfToken: 'csrf-token', largeText: false, path: '/console' };
const enterprise = (seed: number): Viewer => ({ kind: 'enterprise', id: `ent-${seed}`, uscc: usccFor(seed) });

/** A request as the console pipeline hands it over (params and form already parsed by the contract). */
function request<C extends RouteContract>(
  viewer: Viewer,
  parts: { params?: unknown; query?: unknown; form?: unknown; accept?: string },
): ConsoleRequest<C> {
  return {
    params: parts.params ?? {},
    query: parts.query ?? {},
    form: parts.form,
    viewer,
    name: '测试企业',
    ctx,
    event: { headers: parts.accept ? { accept: parts.accept } : {} } as HttpEvent,
  } as unknown as ConsoleRequest<C>;
}

const page = (r: ConsoleResult) => {
  if (r.kind !== 'page') throw new Error(`expected a page, got ${JSON.stringify(r)}`);
  return r;
};

async function issue(seed: number): Promise<CertificateJson> {
  const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed })) });
  expect(res.status).toBe(201);
  return readJson(res);
}

describe('licences', () => {
  test('my licences lists the enterprise’s own, with status in words and a link', async () => {
    // Prepare
    const cert = await issue(1201);
    // Act
    const out = page(await myLicencesPage(readDeps(), request(enterprise(1201), {})));
    // Assess
    expect(out.body).toContain(String(cert.licenceNo));
    expect(out.body).toContain('有效');
    expect(out.body).toContain(`/console/licences/${LicenceNumber.parse(String(cert.licenceNo)).toUrlSafe()}`);
  });

  test('the detail carries the same verification URL as the certificate; another enterprise’s answers like none', async () => {
    // Prepare
    const cert = await issue(1202);
    const licenceNo = LicenceNumber.parse(String(cert.licenceNo));
    const qrText = (await readDeps().repository.getVersion(licenceNo, 1))?.qrText ?? '';
    // Act
    const own = page(
      await licencePage(
        licenceOverviewDeps(),
        request<typeof consoleLicenceRoute>(enterprise(1202), { params: { licenceNo } }),
      ),
    );
    const foreign = page(
      await licencePage(licenceOverviewDeps(), request(enterprise(1203), { params: { licenceNo } })),
    );
    const missing = page(
      await licencePage(
        licenceOverviewDeps(),
        request(enterprise(1203), { params: { licenceNo: LicenceNumber.parse('(鄂)XK06-001-99999') } }),
      ),
    );
    // Assess
    expect(qrText).toMatch(/^https?:\/\//);
    expect(own.body).toContain(`href="${qrText}"`);
    expect(own.body).toContain('role="img"');
    expect(foreign.status).toBe(404);
    expect(foreign).toEqual(missing);
    expect(foreign.body).toContain(ERROR_MEANINGS.CERTIFICATE_NOT_FOUND.zh);
  });

  test('the PDF is a 302 to the presigned download, for the holder only', async () => {
    const cert = await issue(1204);
    const licenceNo = LicenceNumber.parse(String(cert.licenceNo));
    const own = await licencePdfPage(readDeps(), request(enterprise(1204), { params: { licenceNo }, query: {} }));
    const foreign = await licencePdfPage(readDeps(), request(enterprise(1205), { params: { licenceNo }, query: {} }));
    expect(own.kind).toBe('raw');
    const location = own.kind === 'raw' ? String(own.result.headers?.location) : '';
    const pdf = await fetch(location);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    expect(page(foreign).status).toBe(404);
  });
});

describe('apply, upload, check and submit', () => {
  const form = (over: Record<string, unknown>) =>
    consoleFileApplicationRoute.request.body.parse({
      _csrf: 'csrf-token',
      kind: 'new',
      filingKey: `console-${Math.random().toString(36).slice(2)}`,
      'enterprise.name': '湖北控制台测试食品包装有限公司',
      'enterprise.domicile': '湖北省武汉市东西湖区走马岭街道革新大道88号',
      'enterprise.productionAddresses': '湖北省武汉市东西湖区走马岭街道革新大道88号',
      products: '16-204',
      ...over,
    });

  test('the kind chooser, then a form listing products with their procedure', async () => {
    const chooser = page(await newApplicationPage(applicationDeps(), request(enterprise(1210), { query: {} })));
    const details = page(
      await newApplicationPage(applicationDeps(), request(enterprise(1210), { query: { kind: 'new' } })),
    );
    expect(chooser.body).toContain('name="kind"');
    expect(details.body).toContain('告知承诺');
    expect(details.body).toContain('受理后 9 个工作日内发证');
  });

  test('a refusal draws the form again (422) with the Chinese message beside the field', async () => {
    const out = page(
      await fileApplicationPage(applicationDeps(), request(enterprise(1211), { form: form({ products: [] }) })),
    );
    expect(out.status).toBe(422);
    expect(out.body).toMatch(/<p id="[^"]*-error" class="field__error">/);
    expect(out.body).toContain('value="湖北控制台测试食品包装有限公司"');
  });

  test('filing, the three documents straight to storage, their checks, then submit; another enterprise sees nothing', async () => {
    // Prepare
    const viewer = enterprise(1212);
    const filed = await fileApplicationPage(applicationDeps(), request(viewer, { form: form({}) }));
    expect(filed.kind).toBe('redirect');
    const applicationId = filed.kind === 'redirect' ? (filed.to.split('/').at(-1) as string) : '';
    // Act: each document's grant, the direct upload, the check (as upload.js does)
    for (const d of THREE_DOCUMENTS) {
      const bytes = d.bytes();
      const grant = await requestUploadPage(
        applicationDeps(),
        request(viewer, {
          params: { applicationId },
          form: { type: d.type, fileName: `${d.type}.bin`, contentType: d.contentType, size: bytes.byteLength },
        }),
      );
      expect(grant.kind === 'raw' && grant.result.statusCode).toBe(201);
      const body = JSON.parse(grant.kind === 'raw' ? String(grant.result.body) : '{}') as {
        documentId: string;
        upload: UploadGrant;
      };
      expect((await postUpload({ ...body.upload, expiresAt: '' }, bytes)).status).toBeLessThan(300);
      const checked = await checkDocumentPage(
        applicationDeps(),
        request(viewer, { params: { applicationId, documentId: body.documentId }, accept: 'application/json' }),
      );
      expect(checked.kind === 'raw' && JSON.parse(String(checked.result.body))).toEqual({
        state: 'accepted',
        type: d.type,
      });
    }
    const submitted = await submitApplicationPage(
      applicationDeps(),
      request(viewer, { params: { applicationId }, form: {} }),
    );
    const shown = page(
      await applicationPage(
        applicationOverviewDeps(),
        request<typeof consoleApplicationRoute>(viewer, { params: { applicationId }, query: {} }),
      ),
    );
    const foreign = page(
      await applicationPage(
        applicationOverviewDeps(),
        request(enterprise(1213), { params: { applicationId }, query: {} }),
      ),
    );
    const missing = page(
      await applicationPage(
        applicationOverviewDeps(),
        request(enterprise(1213), { params: { applicationId: 'APP-20260101-AAAAAAAAAA' }, query: {} }),
      ),
    );
    // Assess
    expect(submitted).toEqual({ kind: 'redirect', to: `/console/applications/${applicationId}` });
    expect(shown.body).toContain('已提交，待受理');
    expect(shown.body).toContain('提交申请');
    expect(shown.body.match(/已通过检查/g)?.length).toBe(3);
    expect(foreign.status).toBe(404);
    expect(foreign).toEqual(missing);
  });

  test('submitting without the documents comes back with the reason beside the missing document', async () => {
    const viewer = enterprise(1214);
    const filed = await fileApplicationPage(applicationDeps(), request(viewer, { form: form({}) }));
    const applicationId = filed.kind === 'redirect' ? (filed.to.split('/').at(-1) as string) : '';
    const submitted = await submitApplicationPage(
      applicationDeps(),
      request(viewer, { params: { applicationId }, form: {} }),
    );
    expect(submitted).toEqual({
      kind: 'redirect',
      to: `/console/applications/${applicationId}?error=DOCUMENT_REQUIRED&document=application-form`,
    });
    const shown = page(
      await applicationPage(
        applicationOverviewDeps(),
        request(viewer, {
          params: { applicationId },
          query: { error: 'DOCUMENT_REQUIRED', document: 'application-form' },
        }),
      ),
    );
    expect(shown.body).toContain(
      `<p id="doc-application-form-error" class="field__error" role="alert">${ERROR_MEANINGS.DOCUMENT_REQUIRED.zh}</p>`,
    );
  });
});
