/**
 * `npm run dlq -- [<queue>] list | redrive` as a real process against the runtime's queues: a named queue's dead
 * letters (here the status-list publisher's) are listed and moved back to their queue; the dispatch queue stays the
 * default; an unknown queue or command is a usage error (exit 2).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { REPO_ROOT } from '../../../lib/local/runtime';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

const execFileAsync = promisify(execFile);
let runtime: TestRuntime;
let sqs: SQSClient;

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false });
  sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
});
afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
});

const dlq = (...args: string[]) =>
  execFileAsync(process.execPath, ['--import', 'tsx', 'bin/dlq.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...runtime.env },
  }).then(
    (out) => ({ code: 0, ...out }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

const depth = async (url: string): Promise<number> => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
};

describe('npm run dlq', () => {
  test('lists and re-drives a named queue’s dead letters; dispatch stays the default', async () => {
    // Prepare: a status-list message that ended in its DLQ
    const { statusList } = runtime.names.queues;
    const body = JSON.stringify({ changeKey: 'status.42-XK06-001-00001.r2', licenceNo: '(鄂)XK06-001-00001' });
    await sqs.send(new SendMessageCommand({ QueueUrl: statusList.deadLetterUrl, MessageBody: body }));

    // Act
    const listed = await dlq('statusList', 'list');
    const defaultListed = await dlq('list');
    const redriven = await dlq('statusList', 'redrive');

    // Assess
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(body);
    expect(listed.stderr).toContain('1 dead letter(s)');
    expect(defaultListed.stderr).toContain('0 dead letter(s)');
    expect(redriven.stderr).toContain('re-drove 1 message(s) to the statusList queue');
    expect(await depth(statusList.deadLetterUrl)).toBe(0);
    expect(await depth(statusList.url)).toBe(1);
  });

  test('an unknown queue or command is a usage error', async () => {
    // Act
    const answers = await Promise.all([dlq('nosuch', 'list'), dlq('statusList', 'purge'), dlq('list', 'extra')]);

    // Assess
    expect(answers.map((a) => a.code)).toEqual([2, 2, 2]);
    expect(answers[0]?.stdout).toContain(
      'usage: npm run -s dlq -- [dispatch | log | statusList | webhooks | pdfTimestamps | imports]',
    );
  });
});
