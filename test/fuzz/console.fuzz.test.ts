/**
 * Fuzzing the console's routes (the API's walk in `routes.fuzz.test.ts` covers the OpenAPI operations; console pages
 * are HTML behind a session and not in that document). For every console route, a fast-check property with the
 * route's own seed sends `CONSOLE_RUNS` (100; `FUZZ_RUNS` overrides) requests through the local runtime: random path
 * segments (valid ids among them, dot segments, markup, percent-escapes), query parameters, form fields and content
 * types, random preference cookies, and each as no one, a forged session, or the demo enterprise's real session —
 * with its CSRF token, a wrong one or none. Whatever arrives:
 *
 * - never a 5xx, and nothing logged at error level (an unexpected error caught below the edge);
 * - an HTML answer carries the console's CSP and never a stack trace, a file path or an exception's name;
 * - every answer is one of the console's: HTML, a redirect, or the JSON the upload script reads.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isConsoleRoute, type RouteContract } from '../../lambdas/contracts/route';
import { LicenceNumber } from '../../lambdas/domain/licence-number';
import { allRoutes } from '../../lambdas/functions';
import { logger } from '../../lambdas/shared/logger';
import { DEMO_ENTERPRISE } from '../../lib/local/demo-users';
import { issueBody, jsonRequest } from '../support/certificates';
import { consoleHttp, type Jar } from '../support/console/http';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { routeSeed } from './config';
import { captureLogs, type LogCapture } from './log-capture';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const consoleRoutes = (): RouteContract[] => allRoutes().filter(isConsoleRoute);

let runtime: TestRuntime;
let logs: LogCapture;
let jar: Jar;
let csrf: string;
/** Real values a segment may take, so some requests reach the page functions' use cases. */
const known = { applicationId: 'APP-20260101-0000000000', licenceNo: 'XK06-001-00001', documentId: '' };
const { signIn, csrfOf } = consoleHttp(() => runtime.baseUrl);

beforeAll(async () => {
  logger.setLogLevel('WARN');
  logs = captureLogs();
  runtime = await startTestRuntime({ log: logs.runtimeLog, schedules: false });
  jar = await signIn();
  csrf = await csrfOf(jar);
  const issued = await runtime.request('/v1/certificates', {
    as: 'officer',
    ...jsonRequest(issueBody({ seed: 7001, uscc: DEMO_ENTERPRISE.uscc })),
  });
  known.licenceNo = LicenceNumber.parse(String(((await issued.json()) as { licenceNo: string }).licenceNo)).toUrlSafe();
  const filed = await runtime.request('/v1/applications', {
    as: 'enterprise',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'amend',
      licenceNo: known.licenceNo,
      changes: { name: '武汉示例机械制造股份有限公司' },
    }),
  });
  known.applicationId = String(((await filed.json()) as { id: string }).id);
  known.documentId = `DOC-${randomUUID()}`;
}, 120_000);

/** Statuses seen, over every route: the walk must reach the pages, not only the pipeline's refusals. */
const seen = new Map<number, number>();

afterAll(async () => {
  logs?.restore();
  await runtime?.stop();
  if (seen.size > 0) expect([...seen.keys()]).toEqual(expect.arrayContaining([200, 302, 303, 400, 401, 403, 404, 422]));
});

/** A path segment: a real id, something shaped like one, or hostile text (sent percent-encoded, or raw). */
const segment = (name: string): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.constant(known[name as keyof typeof known] ?? 'console.css') },
      { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constantFrom('..', '.', '%2e%2e', '<script>alert(1)</script>', '(鄂)XK06-001-00001') },
      { weight: 1, arbitrary: fc.constantFrom('console.js', 'upload.js', 'constructor', '__proto__', 'x'.repeat(300)) },
      { weight: 1, arbitrary: fc.stringMatching(/^APP-\d{8}-[A-Z0-9]{10}$/) },
    )
    .map((v) => (v === '' ? 'x' : v));

const field = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('new', 'amend', 'application-form', '16-204', 'en', 'large', 'x'.repeat(5000), '\u0000', '<b>'),
);

interface Case {
  readonly method: string;
  readonly segments: Record<string, string>;
  readonly extraPath: string;
  readonly query: [string, string][];
  readonly form: [string, string][];
  readonly who: 'none' | 'forged' | 'session';
  readonly token: 'valid' | 'wrong' | 'none';
  readonly contentType: string;
  readonly prefs: [string, string][];
}

function caseOf(contract: RouteContract): fc.Arbitrary<Case> {
  const names = [...contract.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1] as string);
  const queryKeys = Object.keys(contract.request?.query?.shape ?? {});
  const body = contract.request?.body as { shape?: Record<string, unknown> } | undefined;
  const formKeys = Object.keys(body?.shape ?? {}).filter((k) => k !== '_csrf');
  const key = (keys: string[]) =>
    keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })) : fc.string({ maxLength: 12 });
  return fc.record({
    method:
      contract.method === 'ANY'
        ? fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH')
        : fc.oneof({ weight: 5, arbitrary: fc.constant(contract.method) }, fc.constantFrom('GET', 'POST')),
    segments: fc.record(Object.fromEntries(names.map((n) => [n, segment(n)]))),
    extraPath: fc.oneof({ weight: 5, arbitrary: fc.constant('') }, fc.constantFrom('/', '/x', '/../..', '%2F')),
    query: fc.array(fc.tuple(key(queryKeys), field), { maxLength: 4 }),
    form: fc.array(fc.tuple(key(formKeys), field), { maxLength: 6 }),
    who: fc.constantFrom('none', 'forged', 'session', 'session'),
    token: fc.constantFrom('valid', 'wrong', 'none'),
    contentType: fc.oneof(
      { weight: 4, arbitrary: fc.constant('application/x-www-form-urlencoded') },
      fc.constantFrom('application/json', 'multipart/form-data; boundary=x', 'text/plain', ''),
    ),
    prefs: fc.array(fc.tuple(fc.constantFrom('permit_lang', 'permit_text'), fc.constantFrom('en', 'large', '%', '')), {
      maxLength: 2,
    }),
  }) as fc.Arbitrary<Case>;
}

function requestOf(contract: RouteContract, c: Case): { url: string; init: RequestInit } {
  let path = contract.path;
  for (const [name, value] of Object.entries(c.segments)) {
    // A greedy `{proxy+}` takes its slashes as they are; a segment is encoded, as a browser would send it.
    const encoded = path.includes(`{${name}+}`)
      ? value.split('/').map(encodeURIComponent).join('/')
      : encodeURIComponent(value);
    path = path.replace(new RegExp(`\\{${name}\\+?\\}`), encoded);
  }
  const query = new URLSearchParams(c.query).toString();
  const cookies = [...c.prefs.map(([k, v]) => `${k}=${v}`)];
  if (c.who === 'session') cookies.push(jar.header());
  if (c.who === 'forged') cookies.push(`permit_session=v1.k1.${'A'.repeat(16)}.${'B'.repeat(40)}.${'C'.repeat(22)}`);
  const headers: Record<string, string> = { cookie: cookies.join('; '), 'accept-encoding': 'identity' };
  let body: string | undefined;
  if (c.method !== 'GET') {
    const form = new URLSearchParams(c.form);
    if (c.token === 'valid') form.set('_csrf', csrf);
    if (c.token === 'wrong') form.set('_csrf', 'A'.repeat(43));
    body = form.toString();
    if (c.contentType) headers['content-type'] = c.contentType;
  }
  return {
    url: `${runtime.baseUrl}${path}${c.extraPath}${query ? `?${query}` : ''}`,
    init: { method: c.method, headers, redirect: 'manual', ...(body !== undefined ? { body } : {}) },
  };
}

/** What an error page must never show: a stack frame, a source path, an exception's name, an SDK's fault. */
const INTERNALS = [
  /\bat [\w$.<>]+ \(/,
  /\/(work|home|var|tmp)\//,
  /node_modules|lambdas\/|\.ts:\d+/,
  /\b(TypeError|RangeError|SyntaxError|ReferenceError|ValidationException|ZodError)\b/,
];

describe('console routes under random requests', () => {
  test('every console route is fuzzed, the catch-all among them', () => {
    expect(consoleRoutes().map((r) => r.operationId)).toContain('consoleNotFound');
    expect(consoleRoutes().length).toBeGreaterThan(15);
  });

  test.concurrent.each(consoleRoutes().map((r) => [r.operationId, r] as const))(
    '%s: never a 5xx or an internal detail; HTML carries the CSP',
    async (_id, contract) => {
      await fc.assert(
        fc.asyncProperty(caseOf(contract), async (c) => {
          const { url, init } = requestOf(contract, c);
          const res = await fetch(url, init);
          const text = await res.text();
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          const what = `${init.method} ${url} (${c.who}, token ${c.token}) → ${res.status}`;
          const ids = [res.headers.get('x-correlation-id') ?? '', res.headers.get('apigw-requestid') ?? ''];
          expect(res.status, what).toBeLessThan(500);
          expect(logs.suspiciousFor(ids), what).toEqual([]);
          const type = res.headers.get('content-type') ?? '';
          if (type.startsWith('text/html')) {
            expect(res.headers.get('content-security-policy'), what).toMatch(
              /default-src 'none'.*frame-ancestors 'none'/,
            );
            for (const pattern of INTERNALS) expect(text, `${what}: ${pattern}`).not.toMatch(pattern);
          } else if (res.status < 300 || res.status >= 400) {
            // Not a redirect, not a page: the upload script's JSON, an asset, or the gateway's own refusal.
            expect(type, what).toMatch(/^(application\/(problem\+)?json|text\/(css|javascript))/);
          }
        }),
        { numRuns: RUNS, seed: routeSeed(`console:${contract.operationId}`), endOnFailure: true },
      );
    },
    60_000,
  );
});
