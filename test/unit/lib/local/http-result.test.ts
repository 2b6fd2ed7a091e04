import { describe, expect, test } from 'vitest';
import { toGatewayResponse } from '../../../../lib/local/http-result';

describe('toGatewayResponse', () => {
  test('sends a structured result with lower-cased, stringified headers and one set-cookie per cookie', () => {
    // Act
    const response = toGatewayResponse({
      statusCode: 201,
      headers: { Location: '/x', 'X-N': 1, 'X-B': true },
      cookies: ['a=1', 'b=2'],
      body: '{"ok":true}',
    });

    // Assess
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual([
      ['location', '/x'],
      ['x-n', '1'],
      ['x-b', 'true'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    expect(response.body.toString()).toBe('{"ok":true}');
  });

  test('decodes a base64 body to bytes', () => {
    // Prepare
    const bytes = Buffer.from([0, 1, 2, 255]);

    // Act
    const response = toGatewayResponse({ statusCode: 200, body: bytes.toString('base64'), isBase64Encoded: true });

    // Assess
    expect(response.body.equals(bytes)).toBe(true);
  });

  test('treats a string, or an object without statusCode, as a 200 JSON body', () => {
    expect(toGatewayResponse('hello')).toEqual({
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from('hello'),
    });
    expect(toGatewayResponse({ a: 1 }).body.toString()).toBe('{"a":1}');
    expect(toGatewayResponse([1, 2]).body.toString()).toBe('[1,2]');
  });

  test.each([
    [{ statusCode: 'two hundred' }],
    [{ statusCode: 99 }],
    [{ statusCode: 200, headers: { a: { nested: true } } }],
    [{ statusCode: 200, cookies: 'a=1' }],
    [{ statusCode: 200, body: { not: 'a string' } }],
  ])('answers a malformed result %j with a 500', (result) => {
    const response = toGatewayResponse(result);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body.toString())).toEqual({ message: 'Internal Server Error' });
  });
});
