/**
 * The fuzzer's judge and its hostile half: which answers count as defects, what the mutations and the JSON writer
 * produce, and how seeds and settings are derived.
 */
import { describe, expect, test } from 'vitest';
import { fuzzConfig, routeSeed } from '../../../fuzz/config';
import type { LogEntry } from '../../../fuzz/log-capture';
import { isDefect } from '../../../fuzz/log-capture';
import { applyMutations, DUPLICATE_KEY_PREFIX, RawJson, toJsonText } from '../../../fuzz/mutations';
import type { Operation } from '../../../fuzz/operations';
import { judge } from '../../../fuzz/oracle';
import type { FuzzResponse } from '../../../fuzz/wire';

const operation: Operation = {
  operationId: 'verifyQrUrl',
  method: 'GET',
  path: '/v/{payload+}',
  description: 'With `Accept: text/html` the answer is the page',
  access: 'public',
  parameters: [],
  body: undefined,
  responses: { '200': ['application/json'], '400': ['application/json'], default: ['application/problem+json'] },
};

const answer = (status: number, contentType: string, body: unknown): FuzzResponse => ({
  status,
  headers: { 'content-type': contentType },
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});

describe('judge', () => {
  test('a 5xx is a defect, whatever its body', () => {
    expect(judge(operation, answer(503, 'application/problem+json', { code: 'INTERNAL', status: 503 }), [])).toEqual([
      'status 503 (a 5xx is a defect)',
    ]);
  });

  test('a 4xx must be a problem with a catalogued code and its status, unless documented or the gateway’s own', () => {
    // Act
    const problem = (status: number, body: unknown) => answer(status, 'application/problem+json; charset=utf-8', body);
    const verdicts = {
      problem: judge(operation, problem(404, { code: 'CERTIFICATE_NOT_FOUND', status: 404 }), []),
      noCode: judge(operation, answer(409, 'application/problem+json', { status: 409 }), []),
      uncatalogued: judge(operation, problem(404, { code: 'X', status: 404 }), []),
      otherStatus: judge(operation, problem(400, { code: 'CERTIFICATE_NOT_FOUND', status: 400 }), []),
      plain: judge(operation, answer(422, 'text/plain', 'nope'), []),
      documented: judge(operation, answer(400, 'application/json', { verdict: 'invalid' }), []),
      page: judge(operation, answer(400, 'text/html', '<html>'), []),
      gateway: judge(operation, answer(401, 'application/json', { message: 'Unauthorized' }), []),
      head: judge(operation, answer(431, 'application/json', { message: 'Request Header Fields Too Large' }), []),
      bare: judge(operation, answer(431, '', ''), []),
    };

    // Assess
    expect(verdicts).toEqual({
      problem: [],
      noCode: ['status 409 problem without a code'],
      uncatalogued: ['status 404 problem with an uncatalogued code X'],
      otherStatus: ['code CERTIFICATE_NOT_FOUND answered 400, but the catalogue maps it to 404'],
      plain: ['status 422 answered as "text/plain", not application/problem+json'],
      documented: [],
      page: [],
      gateway: [],
      head: [],
      bare: ['status 431 answered as "no content type", not application/problem+json'],
    });
  });

  test('an undocumented success, and an error logged while answering, are defects too', () => {
    // Prepare
    const logged: LogEntry = { source: 'handler', level: 'ERROR', message: 'unhandled error', ids: ['r1'], text: 'x' };

    // Act
    const verdict = judge(operation, answer(201, 'application/json', {}), [logged]);

    // Assess
    expect(verdict).toEqual([
      'status 201 is not documented for verifyQrUrl',
      'logged while answering (handler ERROR): x',
    ]);
  });

  test('a signed route answers 401 to every call without a valid signature, before anything else', () => {
    // Prepare
    const webhook: Operation = { ...operation, operationId: 'receiveCarrierEvent', access: 'signed' };
    const invalid = answer(400, 'application/problem+json', { code: 'INVALID_REQUEST', status: 400 });

    // Act
    const verdicts = [
      judge(webhook, invalid, [], {}),
      judge(webhook, invalid, [], { signing: 'stale' }),
      judge(webhook, invalid, [], { signing: 'valid' }),
      judge(webhook, answer(401, 'application/problem+json', { code: 'SIGNATURE_MISSING', status: 401 }), [], {}),
    ];

    // Assess
    expect(verdicts).toEqual([
      ['an unsigned or badly signed call was answered 400, not 401'],
      ['an unsigned or badly signed call was answered 400, not 401'],
      [],
      [],
    ]);
  });

  test('log entries: errors, and any entry carrying an exception input must never cause, are defects', () => {
    const entry = (level: string, text: string): LogEntry => ({ source: 'handler', level, message: '', ids: [], text });
    expect(isDefect(entry('ERROR', 'anything'))).toBe(true);
    expect(isDefect(entry('WARN', '{"error":{"name":"ValidationException"}}'))).toBe(true);
    expect(isDefect(entry('WARN', 'carrier event for an unknown order'))).toBe(false);
  });
});

describe('mutations and the JSON writer', () => {
  test('writes numbers JavaScript cannot hold, duplicated keys and an own __proto__ key', () => {
    // Prepare
    const value = applyMutations({ a: 1 }, [
      { kind: 'add-key', at: 0, key: '__proto__', value: { polluted: true } },
      { kind: 'add-key', at: 0, key: 'n', value: new RawJson('1e999') },
    ]) as Record<string, unknown>;
    value[`${DUPLICATE_KEY_PREFIX}a`] = 2;

    // Act
    const text = toJsonText(value);

    // Assess
    expect(text).toBe('{"a":1,"__proto__":{"polluted":true},"n":1e999,"a":2}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('never changes its input, and deleting the root leaves no body', () => {
    // Prepare
    const input = { list: [1, 2], nested: { x: 'y' } };

    // Act
    const deleted = applyMutations(input, [{ kind: 'delete', at: 0, key: '', value: null }]);
    const wrapped = applyMutations(input, [{ kind: 'wrap-in-array', at: 2, key: '', value: null }]);

    // Assess
    expect(deleted).toBeUndefined();
    expect(toJsonText(deleted)).toBeUndefined();
    expect(wrapped).toEqual({ list: [[1], 2], nested: { x: 'y' } });
    expect(input).toEqual({ list: [1, 2], nested: { x: 'y' } });
  });
});

describe('fuzz settings', () => {
  test('each route has its own fixed seed; FUZZ_SEED replaces them all', () => {
    expect(routeSeed('getCertificate')).toBe(routeSeed('getCertificate'));
    expect(routeSeed('getCertificate')).not.toBe(routeSeed('getApplication'));
    expect(fuzzConfig({}).seedFor('getCertificate')).toBe(routeSeed('getCertificate'));
    expect(fuzzConfig({ FUZZ_SEED: '-7' }).seedFor('getCertificate')).toBe(-7);
  });

  test('defaults to 200 runs and refuses malformed settings by name', () => {
    expect(fuzzConfig({}).runs).toBe(200);
    expect(fuzzConfig({ FUZZ_RUNS: '1000', FUZZ_ROUTE: 'a, b' })).toMatchObject({ runs: 1000, routes: ['a', 'b'] });
    expect(() => fuzzConfig({ FUZZ_RUNS: '0' })).toThrow(/FUZZ_RUNS/);
    expect(() => fuzzConfig({ FUZZ_SEED: 'x' })).toThrow(/FUZZ_SEED/);
    expect(() => fuzzConfig({ FUZZ_PATH: '1:2' })).toThrow(/FUZZ_ROUTE/);
  });
});
