import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { assertPortFree, freePort, parsePort } from '../../../../lib/local/ports';

describe('parsePort', () => {
  test('falls back when unset and validates the range', () => {
    expect(parsePort(undefined, 'PORT', 3000)).toBe(3000);
    expect(parsePort('', 'PORT', 3000)).toBe(3000);
    expect(parsePort('0', 'PORT', 3000)).toBe(0);
    expect(parsePort('8080', 'PORT', 3000)).toBe(8080);
    expect(() => parsePort('http', 'PORT', 3000)).toThrow(/PORT must be a port number/);
    expect(() => parsePort('70000', 'S3_PORT', 0)).toThrow(/S3_PORT/);
  });
});

describe('assertPortFree', () => {
  test('passes for a free port and names the variable for a taken one', async () => {
    // Prepare
    const free = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as { port: number }).port;

    // Act + Assess
    await expect(assertPortFree(free, 'PORT')).resolves.toBeUndefined();
    await expect(assertPortFree(taken, 'DYNAMODB_PORT')).rejects.toMatchObject({
      code: 'PORT_IN_USE',
      message: expect.stringContaining(`port ${taken} (DYNAMODB_PORT) is already in use`),
    });
    server.close();
  });
});
