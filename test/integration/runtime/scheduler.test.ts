/** Scheduled functions run on their timer with an EventBridge-like event, and on demand. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { scheduleRecorder } from '../../support/fixtures/handlers/scheduled';
import { fixtureRegistry } from '../../support/fixtures/registry';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  // The fixture says every minute; the test shortens the period instead of waiting.
  runtime = await startTestRuntime({
    registry: fixtureRegistry.filter((f) => f.name === 'scheduled'),
    schedules: { intervalMs: 50 },
  });
});

afterAll(async () => {
  await runtime?.stop();
});

test('invokes a scheduled function on its timer with a Scheduled Event', async () => {
  // Act
  await scheduleRecorder.waitFor(() => scheduleRecorder.entries.length >= 2);

  // Assess
  const [event] = scheduleRecorder.entries;
  expect(event).toMatchObject({
    version: '0',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    region: runtime.endpoints.region,
    detail: {},
  });
  expect(event?.resources[0]).toMatch(/^arn:aws-cn:events:cn-north-1:000000000000:rule\/permit-local-scheduled$/);
  expect(Date.parse(event?.time ?? '')).not.toBeNaN();
});

test('runs a scheduled function on demand', async () => {
  // Prepare
  const runner = runtime.schedules.get('scheduled');

  // Act
  const outcome = await runner?.runNow();

  // Assess
  expect(outcome).toEqual({ status: 'ok', result: undefined });
});
