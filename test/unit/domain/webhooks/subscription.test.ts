/**
 * Subscription requests: an https URL to a public host (http only to loopback, locally), known event types, a filter
 * of valid licence numbers, USCCs and categories within its bound — each refusal with its code and field; matching
 * by type and filter; secrets during a rotation; the day of failures that disables a subscription.
 */
import { describe, expect, test } from 'vitest';
import { licenceEvent } from '../../../../lambdas/domain/webhooks/events';
import {
  isDueForDisabling,
  MAX_FILTER_ENTRIES,
  parseSubscriptionRequest,
  rotatedSecrets,
  signingSecrets,
  subscriptionMatches,
} from '../../../../lambdas/domain/webhooks/subscription';
import { FakeWorld, issued, usccFor } from '../../../support/fakes';

const cloud = { allowLoopback: false };
const local = { allowLoopback: true };
const refusal = (input: Parameters<typeof parseSubscriptionRequest>[0], options = cloud) => {
  try {
    parseSubscriptionRequest(input, options);
    return undefined;
  } catch (error) {
    const e = error as { code: string; details: { issues: { field: string }[] } };
    return [e.code, e.details.issues[0]?.field];
  }
};
const events = ['licence.status_changed'];

describe('parseSubscriptionRequest', () => {
  test('accepts an https URL, orders and de-duplicates events, normalises the filter', () => {
    // Act
    const request = parseSubscriptionRequest(
      {
        url: 'https://hooks.example.cn/permit?source=1',
        events: ['licence.status_changed', 'licence.issued', 'licence.status_changed'],
        filter: {
          licences: ['（鄂）ＸＫ０６－００１－０００３３', '42-XK06-001-00001'],
          usccs: [usccFor(2)],
          categories: ['06'],
        },
        description: '  电商平台供应商监控  ',
      },
      cloud,
    );

    // Assess
    expect(request).toEqual({
      url: 'https://hooks.example.cn/permit?source=1',
      events: ['licence.issued', 'licence.status_changed'],
      filter: { licences: ['(鄂)XK06-001-00001', '(鄂)XK06-001-00033'], usccs: [usccFor(2)], categories: ['06'] },
      description: '电商平台供应商监控',
    });
  });

  test.each([
    [{ url: 'http://hooks.example.cn/', events }, cloud, 'WEBHOOK_URL_INVALID', 'url'],
    [{ url: 'ftp://hooks.example.cn/', events }, cloud, 'WEBHOOK_URL_INVALID', 'url'],
    [{ url: 'https://user:pw@hooks.example.cn/', events }, cloud, 'WEBHOOK_URL_INVALID', 'url'],
    [{ url: 'https://hooks.example.cn/#x', events }, cloud, 'WEBHOOK_URL_INVALID', 'url'],
    [{ url: 'not a url', events }, cloud, 'WEBHOOK_URL_INVALID', 'url'],
    [{ url: `https://example.cn/${'a'.repeat(2048)}`, events }, cloud, 'WEBHOOK_URL_INVALID', 'url'],
    [{ events }, cloud, 'WEBHOOK_URL_INVALID', 'url'],
    [{ url: 'https://10.0.0.5/hook', events }, cloud, 'WEBHOOK_URL_NOT_PUBLIC', 'url'],
    [{ url: 'https://169.254.169.254/latest', events }, cloud, 'WEBHOOK_URL_NOT_PUBLIC', 'url'],
    [{ url: 'https://[::ffff:192.168.0.1]/', events }, cloud, 'WEBHOOK_URL_NOT_PUBLIC', 'url'],
    [{ url: 'https://127.0.0.1/', events }, cloud, 'WEBHOOK_URL_NOT_PUBLIC', 'url'],
    [{ url: 'https://localhost/', events }, cloud, 'WEBHOOK_URL_NOT_PUBLIC', 'url'],
    [{ url: 'http://10.0.0.5/', events }, local, 'WEBHOOK_URL_INVALID', 'url'],
    [{ url: 'https://10.0.0.5/', events }, local, 'WEBHOOK_URL_NOT_PUBLIC', 'url'],
    [{ url: 'https://hooks.example.cn/' }, cloud, 'WEBHOOK_EVENT_UNKNOWN', 'events'],
    [{ url: 'https://hooks.example.cn/', events: [] }, cloud, 'WEBHOOK_EVENT_UNKNOWN', 'events'],
    [{ url: 'https://hooks.example.cn/', events: ['licence.revoked'] }, cloud, 'WEBHOOK_EVENT_UNKNOWN', 'events[0]'],
    [
      { url: 'https://hooks.example.cn/', events, filter: { licences: ['XK-1'] } },
      cloud,
      'WEBHOOK_FILTER_INVALID',
      'filter.licences[0]',
    ],
    [
      { url: 'https://hooks.example.cn/', events, filter: { usccs: ['91420100MA4K0A0A1F'] } },
      cloud,
      'WEBHOOK_FILTER_INVALID',
      'filter.usccs[0]',
    ],
    [
      { url: 'https://hooks.example.cn/', events, filter: { categories: ['6'] } },
      cloud,
      'WEBHOOK_FILTER_INVALID',
      'filter.categories[0]',
    ],
    [
      { url: 'https://hooks.example.cn/', events, filter: { categories: '06' } },
      cloud,
      'WEBHOOK_FILTER_INVALID',
      'filter.categories',
    ],
    [
      { url: 'https://hooks.example.cn/', events, filter: { categories: Array(MAX_FILTER_ENTRIES + 1).fill('06') } },
      cloud,
      'WEBHOOK_FILTER_TOO_LARGE',
      'filter',
    ],
    [{ url: 'https://hooks.example.cn/', events, description: 'a\u200bb' }, cloud, 'TEXT_NOT_PRINTABLE', 'description'],
  ] as const)('refuses %j: %s', (input, options, code, field) => {
    // Act + Assess
    expect(refusal(input as never, options)).toEqual([code, field]);
  });

  test('the local runtime accepts plain http to loopback', () => {
    // Act + Assess
    for (const url of ['http://127.0.0.1:4000/hook', 'http://localhost:4000/hook', 'http://[::1]:4000/hook']) {
      expect(parseSubscriptionRequest({ url, events }, local).url).toBe(url);
    }
  });
});

describe('subscriptionMatches', () => {
  test('by type, then by any listed licence, enterprise or category; no filter matches every licence', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 4 });
    const event = licenceEvent('licence.issued', certificate);
    const none: { licences: string[]; usccs: string[]; categories: string[] } = {
      licences: [],
      usccs: [],
      categories: [],
    };

    // Act + Assess
    expect(subscriptionMatches({ events: ['licence.issued'], filter: none }, event)).toBe(true);
    expect(subscriptionMatches({ events: ['licence.status_changed'], filter: none }, event)).toBe(false);
    const by = (filter: Partial<typeof none>) =>
      subscriptionMatches({ events: ['licence.issued'], filter: { ...none, ...filter } }, event);
    expect(by({ licences: [certificate.licenceNumber.toString()] })).toBe(true);
    expect(by({ usccs: [certificate.enterprise.uscc] })).toBe(true);
    expect(by({ categories: ['06'] })).toBe(true);
    expect(by({ licences: ['(鄂)XK06-001-09999'], usccs: [usccFor(9)], categories: ['13'] })).toBe(false);
  });
});

describe('secrets and disabling', () => {
  test('after a rotation both secrets sign until the overlap ends; then only the new one', () => {
    // Prepare
    const t0 = new Date('2026-12-06T00:00:00.000Z');
    const first = [{ secret: 'whsec_old', createdAt: t0.toISOString() }];

    // Act
    const rotated = rotatedSecrets(first, 'whsec_new', { now: t0, overlapHours: 24 });
    const during = signingSecrets(rotated, new Date(t0.getTime() + 23 * 3600_000));
    const after = signingSecrets(rotated, new Date(t0.getTime() + 24 * 3600_000));
    const again = rotatedSecrets(rotated, 'whsec_third', {
      now: new Date(t0.getTime() + 25 * 3600_000),
      overlapHours: 0,
    });

    // Assess
    expect(during).toEqual(['whsec_new', 'whsec_old']);
    expect(after).toEqual(['whsec_new']);
    expect(again.map((s) => s.secret)).toEqual(['whsec_third']);
    expect(() => rotatedSecrets(first, 'x', { now: t0, overlapHours: 73 })).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_OVERLAP_INVALID' }),
    );
  });

  test('a subscription failing for a day is due for disabling, not a moment sooner', () => {
    // Act + Assess
    const since = '2026-12-05T00:00:00.000Z';
    expect(isDueForDisabling(since, new Date('2026-12-05T23:59:59.999Z'))).toBe(false);
    expect(isDueForDisabling(since, new Date('2026-12-06T00:00:00.000Z'))).toBe(true);
    expect(isDueForDisabling(undefined, new Date('2027-01-01T00:00:00.000Z'))).toBe(false);
  });
});
