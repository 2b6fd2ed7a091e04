/**
 * The webhook retry schedule: the upper bounds double from 30 s to the 1-hour cap, the jitter keeps each wait between
 * half and all of its bound, and no attempt is scheduled past 24 h after the first.
 */
import { describe, expect, test } from 'vitest';
import {
  nextWebhookAttempt,
  WEBHOOK_RETRY_MAX_DELAY_MS,
  WEBHOOK_RETRY_WINDOW_MS,
} from '../../../../lambdas/domain/webhooks/retry';

const first = new Date('2026-12-06T00:00:00.000Z');
const afterFirst = (ms: number) => new Date(first.getTime() + ms);

describe('nextWebhookAttempt', () => {
  test('waits up to 30 s, 1, 2, 4 … minutes, then at most an hour, never less than half of it', () => {
    // Act
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((attempts) => {
      const longest = nextWebhookAttempt({ firstAttemptAt: first, attempts, now: first, random: () => 0.999999 });
      const shortest = nextWebhookAttempt({ firstAttemptAt: first, attempts, now: first, random: () => 0 });
      return [(longest?.getTime() ?? 0) - first.getTime(), (shortest?.getTime() ?? 0) - first.getTime()];
    });

    // Assess
    const bounds = [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600].map((s) => s * 1000);
    waits.forEach(([longest, shortest], n) => {
      expect(longest).toBe(Math.round((bounds[n] as number) * (0.5 + 0.5 * 0.999999)));
      expect(shortest).toBe((bounds[n] as number) / 2);
    });
    expect(Math.max(...waits.map(([l]) => l as number))).toBeLessThanOrEqual(WEBHOOK_RETRY_MAX_DELAY_MS);
  });

  test('stops at the 24-hour window: a next attempt past it is none', () => {
    // Act
    const lastInWindow = nextWebhookAttempt({
      firstAttemptAt: first,
      attempts: 30,
      now: afterFirst(WEBHOOK_RETRY_WINDOW_MS - WEBHOOK_RETRY_MAX_DELAY_MS),
      random: () => 0.999999,
    });
    const beyond = nextWebhookAttempt({
      firstAttemptAt: first,
      attempts: 31,
      now: afterFirst(WEBHOOK_RETRY_WINDOW_MS - 60_000),
      random: () => 0,
    });

    // Assess
    expect(lastInWindow).toBeDefined();
    expect(beyond).toBeUndefined();
    expect(() => nextWebhookAttempt({ firstAttemptAt: first, attempts: 0, now: first, random: () => 0 })).toThrow();
  });
});
