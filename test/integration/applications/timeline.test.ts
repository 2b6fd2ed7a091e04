/**
 * An application's timeline grows with every step and must stay storable however long it gets: sent back for
 * corrections again and again, each step with the longest comment allowed, it keeps answering (a DynamoDB item past
 * 400 KB was a `ValidationException`, a 500, and an application stuck for good), and its single read shows every step.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AppJson, Applicant } from '../../support/applications';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ schedules: false });
});
afterAll(() => runtime?.stop());

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('a long timeline', () => {
  test('70 rounds of corrections with the longest comments: every step answers 200 and the read shows them all', async () => {
    // Prepare
    const applicant = await Applicant.create(runtime, 1_301);
    const app = await applicant.fileNew(['16-204']);
    await applicant.uploadAll(app.id);
    const comment = '请补正检测报告'.repeat(200).slice(0, 1_000);

    // Act
    const statuses: number[] = [];
    for (let round = 0; round < 70; round++) {
      statuses.push((await applicant.request(`/v1/applications/${app.id}/submit`, post({ comment }))).status);
      const back = await runtime.request(`/v1/applications/${app.id}/review`, {
        as: 'reviewer',
        ...post({ action: 'request-corrections', comment }),
      });
      statuses.push(back.status);
    }
    const submitted = await applicant.request(`/v1/applications/${app.id}/submit`, post({ comment }));
    const accepted = await runtime.request(`/v1/applications/${app.id}/review`, {
      as: 'reviewer',
      ...post({ action: 'accept' }),
    });
    const read = (await (await applicant.get(app.id)).json()) as AppJson;
    const listed = (await (await runtime.request('/v1/applications?state=accepted', { as: 'reviewer' })).json()) as {
      items: AppJson[];
    };

    // Assess
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect([submitted.status, accepted.status]).toEqual([200, 200]);
    expect(read.state).toBe('accepted');
    expect(read.timeline).toHaveLength(1 + 140 + 2);
    expect(read.timeline.map((t) => t.action).slice(0, 3)).toEqual(['file', 'submit', 'request-corrections']);
    expect(read.timeline.at(-1)).toMatchObject({ action: 'accept', from: 'submitted', to: 'accepted' });
    expect(
      read.timeline.every((t, i) => i === 0 || t.action === 'file' || t.comment === undefined || t.comment === comment),
    ).toBe(true);
    const inList = listed.items.find((a) => a.id === app.id);
    expect(inList?.timeline[0]?.action).toBe('file');
    expect(inList?.timeline.at(-1)?.action).toBe('accept');
  }, 180_000);
});
