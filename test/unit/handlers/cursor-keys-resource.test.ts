/**
 * The custom resource that creates the cloud cursor key set: what it asks SSM to do for each CloudFormation request,
 * and that it always answers CloudFormation's presigned URL — without the secret, with an empty Content-Type.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DeleteParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { type CustomResourceEvent, handleCursorKeysEvent } from '../../../lambdas/handlers/cursor-keys-resource';
import { parseCursorKeySet } from '../../../lambdas/shared/cursors/key-set';

/** CloudFormation's side: a presigned URL that records what it is sent. */
let server: Server;
let responseUrl: string;
const received: { method: string; headers: IncomingHttpHeaders; body: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cfn-response?X-Amz-Signature=abc`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** SSM holding parameters in memory, failing as SSM does. */
class FakeSsm {
  readonly parameters = new Map<string, string>();
  readonly calls: string[] = [];
  failWith: Error | undefined;
  async send(command: PutParameterCommand | DeleteParameterCommand): Promise<unknown> {
    this.calls.push(`${command.constructor.name} ${command.input.Name}`);
    if (this.failWith) throw this.failWith;
    const name = command.input.Name as string;
    if (command instanceof PutParameterCommand) {
      expect(command.input).toMatchObject({ Type: 'SecureString', Overwrite: false });
      if (this.parameters.has(name)) throw Object.assign(new Error('exists'), { name: 'ParameterAlreadyExists' });
      this.parameters.set(name, command.input.Value as string);
      return {};
    }
    if (!this.parameters.delete(name)) throw Object.assign(new Error('missing'), { name: 'ParameterNotFound' });
    return {};
  }
}

const NAME = '/permit/dev/cursor-keys';
const clock = new ManualClock('2026-11-27T10:00:00Z');

function event(
  type: CustomResourceEvent['RequestType'],
  extra: Partial<CustomResourceEvent> = {},
  properties: Partial<CustomResourceEvent['ResourceProperties']> = {},
): CustomResourceEvent {
  return {
    RequestType: type,
    ResponseURL: responseUrl,
    StackId: 'arn:aws-cn:cloudformation:cn-north-1:123456789012:stack/Permit-prod-Stateful/1',
    RequestId: `req-${received.length}`,
    LogicalResourceId: 'CursorKeysBBA42BD5',
    ResourceProperties: { ParameterName: NAME, DeleteOnRemoval: 'true', ...properties },
    ...extra,
  };
}

describe('Create', () => {
  test('writes a fresh key set as a SecureString and answers SUCCESS with no secret in the answer', async () => {
    // Prepare
    const ssm = new FakeSsm();
    const before = received.length;
    // Act
    const answer = await handleCursorKeysEvent(event('Create'), { ssm, clock });
    // Assess
    const stored = parseCursorKeySet(ssm.parameters.get(NAME) as string);
    expect(stored.previous).toEqual([]);
    expect(stored.current.createdAt).toBe(clock.now().toISOString());
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: NAME, Data: { ParameterName: NAME } });
    const sent = received[before];
    expect(sent?.method).toBe('PUT');
    expect(sent?.headers['content-type']).toBe('');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: NAME,
      StackId: expect.stringContaining('Permit-prod-Stateful'),
      RequestId: expect.any(String),
      LogicalResourceId: 'CursorKeysBBA42BD5',
      Data: { ParameterName: NAME },
    });
    expect(sent?.body).not.toContain(stored.current.secret.toString('base64url'));
  });

  test('adopts a parameter that already exists (its outstanding cursors stay valid) and never deletes it', async () => {
    // Prepare
    const ssm = new FakeSsm();
    ssm.parameters.set(NAME, 'kept');
    // Act
    const created = await handleCursorKeysEvent(event('Create'), { ssm, clock });
    const deleted = await handleCursorKeysEvent(event('Delete', { PhysicalResourceId: created.PhysicalResourceId }), {
      ssm,
      clock,
    });
    // Assess
    expect(created).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `adopted:${NAME}` });
    expect(deleted.Status).toBe('SUCCESS');
    expect(ssm.parameters.get(NAME)).toBe('kept');
  });

  test('an SSM failure is answered FAILED with the reason (the stack does not hang)', async () => {
    const ssm = new FakeSsm();
    ssm.failWith = Object.assign(new Error('User is not authorized to perform ssm:PutParameter'), {
      name: 'AccessDeniedException',
    });
    const before = received.length;
    const answer = await handleCursorKeysEvent(event('Create'), { ssm, clock });
    expect(answer).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining('AccessDeniedException'),
      PhysicalResourceId: expect.stringMatching(/^failed-/),
    });
    expect(JSON.parse(received[before]?.body ?? '{}')).toMatchObject({ Status: 'FAILED' });
  });
});

describe('Update', () => {
  test('the same name changes nothing: a deployment never rotates the key', async () => {
    const ssm = new FakeSsm();
    const answer = await handleCursorKeysEvent(
      event('Update', { PhysicalResourceId: NAME, OldResourceProperties: { ParameterName: NAME } }),
      { ssm, clock },
    );
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: NAME });
    expect(ssm.calls).toEqual([]);
  });

  test('a new name creates the new parameter (CloudFormation then deletes the old one)', async () => {
    const ssm = new FakeSsm();
    const answer = await handleCursorKeysEvent(
      event('Update', {
        PhysicalResourceId: '/permit/old/cursor-keys',
        OldResourceProperties: { ParameterName: '/permit/old/cursor-keys' },
      }),
      { ssm, clock },
    );
    expect(answer.PhysicalResourceId).toBe(NAME);
    expect(ssm.calls).toEqual([`PutParameterCommand ${NAME}`]);
  });
});

describe('Delete', () => {
  test.each([
    ['a parameter it created, stage destroys on removal', NAME, 'true', [`DeleteParameterCommand ${NAME}`]],
    ['a parameter it created, stage retains', NAME, 'false', []],
    ['after a failed create', 'failed-req-1', 'true', []],
  ])('%s', async (_, physical, deleteOnRemoval, calls) => {
    const ssm = new FakeSsm();
    ssm.parameters.set(NAME, 'x');
    const answer = await handleCursorKeysEvent(
      event('Delete', { PhysicalResourceId: physical }, { DeleteOnRemoval: deleteOnRemoval }),
      { ssm, clock },
    );
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physical });
    expect(ssm.calls).toEqual(calls);
  });

  test('a parameter already gone is not an error', async () => {
    const answer = await handleCursorKeysEvent(event('Delete', { PhysicalResourceId: NAME }), {
      ssm: new FakeSsm(),
      clock,
    });
    expect(answer.Status).toBe('SUCCESS');
  });
});

test('a malformed parameter name is refused before SSM is called', async () => {
  const ssm = new FakeSsm();
  const answer = await handleCursorKeysEvent(event('Create', {}, { ParameterName: 'no-slash' }), { ssm, clock });
  expect(answer.Status).toBe('FAILED');
  expect(ssm.calls).toEqual([]);
});
