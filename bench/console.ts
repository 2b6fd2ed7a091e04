/**
 * The console's speed, from one run (`npm run bench -- console`; `BENCH_QUICK=1` for a short smoke run):
 *
 * 1. **Bytes a browser transfers per page** (issue 12: every page ≤ 60 KB, HTML + CSS + JS, compressed; documents
 *    aside): each page fetched as Chromium asks for it (`accept-encoding: br, gzip`), its compressed bytes on the wire
 *    plus those of every stylesheet (`<link rel=stylesheet>`) and script (`<script src>`) it links — a first visit,
 *    nothing cached. Pages: the sign-in (the local identity provider's login page, Cognito's hosted UI in the cloud),
 *    my licences, a licence, the kind chooser and the form of a new application, an application, my applications,
 *    signed out, and an error page (404).
 * 2. **Server time** (issue 12: "my licences" and an application page p50 ≤ 30 ms through the local runtime): HTTP
 *    round trips on loopback to the local gateway with the demo enterprise's real session cookie (signed in through
 *    the login page), ≥ 200 sequential requests after a warm-up, p50 and p99 — printed beside the JSON API's time for
 *    the same data in the same run (`GET /v1/me/certificates`, `GET /v1/applications/{id}` with a bearer token) and
 *    the ratio page ÷ API: what the session, the shell, the HTML and the compression add to the use case.
 *
 * 3. **The authority's worklist** (issue 13: the worklist page, 50 rows out of 1,000 applications, p50 ≤ 30 ms):
 *    1,000 accepted applications stored through the repository, the demo reviewer's session; the page beside
 *    `GET /v1/applications?sort=deadline&limit=50` (the same use case, the same index partition) with the reviewer's
 *    bearer token, and its bytes with the pages above.
 *
 * The demo enterprise's data, made through the API: its licence in 12 versions (the register keeps one live licence
 * per enterprise; each issuance adds a product as a new version) and 21 applications; the application measured is a
 * draft (add products) with its three documents uploaded and checked — editable, so the page draws a presigned form
 * per document: the heaviest application page.
 */

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { applicationDeps } from '../lambdas/composition/applications';
import { Application } from '../lambdas/domain/application';
import { productKey } from '../lambdas/domain/catalogue';
import { seedCatalogue } from '../lambdas/domain/catalogue-seed';
import { localDateOf } from '../lambdas/domain/dates';
import { LicenceNumber } from '../lambdas/domain/licence-number';
import { newApplicationId } from '../lambdas/use-cases/applications/file-application';
import { DEMO_ENTERPRISE, DEMO_PASSWORDS } from '../lib/local/demo-users';
import { startLocalRuntime } from '../lib/local/runtime';
import { postUpload, THREE_DOCUMENTS, type UploadGrant } from '../test/support/applications';
import { usccFor } from '../test/support/certificates';
import { type BenchModule, type BenchRow, percentile, round } from './harness';

const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const REQUESTS = QUICK ? 50 : 300;
const WARM_UP = QUICK ? 20 : 100;
/** Versions of the enterprise's licence (each issuance adds a product; more stop fitting the certificate page). */
const VERSIONS = 12;
const APPLICATIONS = 20;
/** Received applications on the authority's worklist (issue 13: 50 rows a page out of 1,000). */
const WORKLIST_APPLICATIONS = QUICK ? 200 : 1000;
const PAGE_LIMIT_BYTES = 60 * 1000;
const SERVER_TARGET_MS = 30;
/** What Chromium sends on an http(s) page load. */
const BROWSER_ACCEPT_ENCODING = 'br, gzip';

interface Raw {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The bytes on the wire (compressed when the server compressed). */
  readonly body: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One request with node:http (fetch would decompress: the wire's bytes are the figure). */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A browser's cookies on one origin. */
class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Raw): void {
    const lines = res.headers['set-cookie'] ?? [];
    for (const line of lines) {
      const pair = line.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      if (/Max-Age=0/i.test(line)) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function expectStatus(res: Raw, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status}, expected ${status}: ${res.body.toString()}`);
}

/** Sign in as a demo user through the login page (authorization code + PKCE); the login page's URL too. */
async function signIn(
  base: string,
  user: 'enterprise' | 'reviewer' = 'enterprise',
): Promise<{ jar: Jar; loginUrl: string }> {
  const jar = new Jar();
  const get = async (url: string) => {
    const res = await raw(url.startsWith('http') ? url : `${base}${url}`, { cookie: jar.header() });
    jar.take(res);
    return res;
  };
  const start = await get('/console/licences');
  expectStatus(start, 303, 'unsigned page');
  const toIdp = await get(start.headers.location as string);
  const loginUrl = toIdp.headers.location as string;
  const authorize = new URL(loginUrl);
  const form = new URLSearchParams({
    ...Object.fromEntries(authorize.searchParams),
    username: user,
    password: DEMO_PASSWORDS[user],
  });
  const login = await raw(
    `${base}/local-idp/authorize`,
    { 'content-type': 'application/x-www-form-urlencoded' },
    'POST',
    form.toString(),
  );
  expectStatus(login, 302, 'login');
  const callback = await get(login.headers.location as string);
  expectStatus(callback, 303, 'callback');
  return { jar, loginUrl };
}

/** A body as the browser reads it. */
function decoded(res: Raw): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body);
  if (encoding === 'gzip') return gunzipSync(res.body);
  return res.body;
}

/** Stylesheets and scripts a page links (same origin: the console's CSP allows nothing else). */
export function linkedAssets(page: string): string[] {
  const out: string[] = [];
  for (const tag of page.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel=["']?stylesheet\b/i.test(tag)) continue;
    const href = /\bhref=["']([^"']+)["']/i.exec(tag)?.[1];
    if (href) out.push(href);
  }
  for (const tag of page.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc=["']([^"']+)["']/i.exec(tag)?.[1];
    if (src) out.push(src);
  }
  return out.map((u) => u.replaceAll('&amp;', '&'));
}

interface PageWeight {
  readonly name: string;
  readonly status: number;
  readonly html: number;
  readonly assets: number;
  readonly encoding: string;
}

async function weigh(base: string, name: string, url: string, cookie: string): Promise<PageWeight> {
  const headers = { cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING, accept: 'text/html' };
  const page = await raw(url.startsWith('http') ? url : `${base}${url}`, headers);
  const text = decoded(page).toString('utf8');
  let assets = 0;
  for (const href of linkedAssets(text)) {
    const asset = await raw(new URL(href, url.startsWith('http') ? url : `${base}${url}`).href, headers);
    expectStatus(asset, 200, `${name}: ${href}`);
    assets += asset.body.length;
  }
  return {
    name,
    status: page.status,
    html: page.body.length,
    assets,
    encoding: String(page.headers['content-encoding'] ?? 'none'),
  };
}

/** Sequential round trips after a warm-up: every duration in ms. */
async function time(url: string, headers: Record<string, string>): Promise<number[]> {
  const once = async () => {
    const res = await raw(url, headers);
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  };
  for (let i = 0; i < WARM_UP; i++) await once();
  const out: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    await once();
    out.push(performance.now() - start);
  }
  return out;
}

/** `count` accepted post-issuance applications of as many enterprises, stored as the use cases leave them. */
async function seedWorklist(count: number): Promise<number> {
  const { applications } = applicationDeps();
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const at = new Date(now - (count - i) * 60_000);
    const uscc = usccFor(20_000 + i);
    const name = `湖北示例电线电缆第${i + 1}有限公司`;
    const dueOn = localDateOf(new Date(now + ((i % 90) - 10) * 86_400_000));
    const app = Application.file({
      id: newApplicationId(at),
      kind: 'new',
      uscc,
      enterpriseName: name,
      procedure: 'post-issuance-review',
      request: {
        kind: 'new',
        enterprise: { name, uscc, domicile: '武汉', productionAddresses: ['武汉'] },
        products: ['06-001'],
      },
      actor: { id: 'ent', role: 'enterprise' },
      at,
    })
      .submit({ actor: { id: 'ent', role: 'enterprise' }, at })
      .review('accept', {
        actor: { id: 'reviewer-1', role: 'reviewer' },
        at,
        deadline: { workingDays: 9, dueOn, provisional: false, unannouncedYears: [] },
      });
    await applications.create(app.toSnapshot());
  }
  return count;
}

async function run(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'permit-bench-console-'));
  const runtime = await startLocalRuntime({ dataDir, port: 0, inMemoryDynamo: true, pollers: false, schedules: false });
  const base = runtime.baseUrl;
  const api = async (path: string, as: 'officer' | 'enterprise', method = 'GET', body?: unknown) => {
    const res = await raw(
      `${base}${path}`,
      {
        authorization: `Bearer ${runtime.tokens[as]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
      },
      method,
      body === undefined ? undefined : JSON.stringify(body),
    );
    return { status: res.status, json: () => JSON.parse(res.body.toString('utf8')) as Record<string, unknown> };
  };
  try {
    // The enterprise's data: its licence in 12 versions, 21 applications (one with its documents uploaded and checked).
    const enterprise = {
      name: DEMO_ENTERPRISE.name,
      uscc: DEMO_ENTERPRISE.uscc,
      domicile: '湖北省武汉市东湖新技术开发区光谷大道77号',
      productionAddresses: ['湖北省武汉市东湖新技术开发区光谷大道77号'],
    };
    // The register keeps one live licence per enterprise: issuing again adds the products to it as a new version.
    // So the enterprise holds one licence with VERSIONS versions (its detail page lists them all).
    const versions: string[] = [];
    for (const product of seedCatalogue().products.slice(0, VERSIONS)) {
      const key = productKey(product);
      const res = await api('/v1/certificates', 'officer', 'POST', { enterprise, products: [key] });
      if (res.status !== 201) throw new Error(`issue ${key}: HTTP ${res.status} ${JSON.stringify(res.json())}`);
      versions.push(String(res.json().licenceNo));
    }
    const licenceNo = versions.at(-1) as string;
    const applications: string[] = [];
    for (let i = 0; i < APPLICATIONS; i++) {
      const res = await api('/v1/applications', 'enterprise', 'POST', {
        kind: 'amend',
        licenceNo,
        changes: { name: `${DEMO_ENTERPRISE.name}（更名${i}）` },
      });
      if (res.status !== 201)
        throw new Error(`file application ${i}: HTTP ${res.status} ${JSON.stringify(res.json())}`);
      applications.push(String(res.json().id));
    }
    const filed = await api('/v1/applications', 'enterprise', 'POST', {
      kind: 'add-products',
      enterprise,
      products: ['16-204'],
    });
    if (filed.status !== 201)
      throw new Error(`file the measured application: HTTP ${filed.status} ${JSON.stringify(filed.json())}`);
    const appId = String(filed.json().id);
    for (const d of THREE_DOCUMENTS) {
      const bytes = d.bytes();
      const grant = await api(`/v1/applications/${appId}/documents`, 'enterprise', 'POST', {
        type: d.type,
        fileName: `${d.type}.bin`,
        contentType: d.contentType,
        size: bytes.byteLength,
      });
      const out = grant.json() as { upload: UploadGrant; links: { check: string } };
      const posted = await postUpload(out.upload, bytes);
      if (posted.status >= 300) throw new Error(`upload ${d.type}: HTTP ${posted.status}`);
      const checked = await api(out.links.check, 'enterprise', 'POST');
      if (checked.status !== 200) throw new Error(`check ${d.type}: HTTP ${checked.status}`);
    }

    // The authority's worklist: 1,000 received applications (accepted, post-issuance review, deadlines spread over
    // three months, some overdue), stored through the repository as the use cases leave them.
    const worklistIds = await seedWorklist(WORKLIST_APPLICATIONS);
    const reviewer = (await signIn(base, 'reviewer')).jar.header();

    // Page weights, as a first visit gets them.
    const { jar, loginUrl } = await signIn(base);
    const cookie = jar.header();
    const licenceUrl = `/console/licences/${LicenceNumber.parse(licenceNo).toUrlSafe()}`;
    const pages: [string, string, string][] = [
      ['sign-in (local identity provider’s login page)', loginUrl, ''],
      ['my licences', '/console/licences', cookie],
      ['licence', licenceUrl, cookie],
      ['new application: kind chooser', '/console/applications/new', cookie],
      ['new application: form', '/console/applications/new?kind=new', cookie],
      ['application (draft, documents checked)', `/console/applications/${appId}`, cookie],
      ['my applications', '/console/applications', cookie],
      ['signed out', '/console/signed-out', ''],
      ['error page (404)', `/console/applications/APP-20260101-0000000000`, cookie],
      [`workbench: worklist (50 rows of ${worklistIds} applications)`, '/console/workbench/applications', reviewer],
    ];
    const weights: PageWeight[] = [];
    for (const [name, url, c] of pages) weights.push(await weigh(base, name, url, c));

    // Server time, page beside API, the same data in the same run.
    const pageHeaders = { cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING, accept: 'text/html' };
    const apiHeaders = { authorization: `Bearer ${runtime.tokens.enterprise}`, accept: 'application/json' };
    const runs = {
      licencesPage: await time(`${base}/console/licences`, pageHeaders),
      licencesApi: await time(`${base}/v1/me/certificates`, apiHeaders),
      applicationPage: await time(`${base}/console/applications/${appId}`, pageHeaders),
      applicationApi: await time(`${base}/v1/applications/${appId}`, apiHeaders),
      worklistPage: await time(`${base}/console/workbench/applications`, { ...pageHeaders, cookie: reviewer }),
      worklistApi: await time(`${base}/v1/applications?sort=deadline&limit=50`, {
        authorization: `Bearer ${runtime.tokens.reviewer}`,
        accept: 'application/json',
      }),
    };
    const p50 = (ms: number[]) => round(percentile(ms, 50), 2);
    const p99 = (ms: number[]) => round(percentile(ms, 99), 2);

    const rows: BenchRow[] = [
      {
        metric: 'the enterprise: licence versions / applications',
        value: `${versions.length} / ${applications.length + 1}`,
      },
    ];
    for (const w of weights) {
      const total = w.html + w.assets;
      rows.push({
        metric: `${w.name} — HTTP ${w.status}, HTML ${round(w.html / 1000)} KB (${w.encoding}) + CSS/JS ${round(w.assets / 1000)} KB`,
        value: round(total / 1000, 1),
        unit: 'KB',
        target: '≤ 60 KB',
        pass: total <= PAGE_LIMIT_BYTES,
      });
    }
    const pair = (name: string, page: number[], json: number[], jsonName: string) => {
      rows.push(
        {
          metric: `${name} page p50 (${REQUESTS} sequential, session cookie)`,
          value: p50(page),
          unit: 'ms',
          target: `≤ ${SERVER_TARGET_MS} ms`,
          pass: percentile(page, 50) <= SERVER_TARGET_MS,
        },
        { metric: `${name} page p99`, value: p99(page), unit: 'ms' },
        { metric: `${jsonName} p50 / p99 (bearer token)`, value: `${p50(json)} / ${p99(json)}`, unit: 'ms' },
        {
          metric: `${name}: page ÷ API (p50)`,
          value: round(percentile(page, 50) / percentile(json, 50), 2),
          unit: '×',
        },
      );
    };
    pair('my licences', runs.licencesPage, runs.licencesApi, 'GET /v1/me/certificates');
    pair('application', runs.applicationPage, runs.applicationApi, 'GET /v1/applications/{id}');
    pair(
      `workbench worklist (50 of ${worklistIds})`,
      runs.worklistPage,
      runs.worklistApi,
      'GET /v1/applications?sort=deadline&limit=50',
    );
    return rows;
  } finally {
    agent.destroy();
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const benchmark: BenchModule = {
  name: 'console',
  description: 'console pages: bytes per first visit (br, gzip) and server time beside the JSON API',
  run,
};
export default benchmark;
