import type { SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { SsmSecretSource } from '../../../lambdas/adapters/carrier/secret-source';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { readCarrierConfig } from '../../../lambdas/shared/carrier-config';

describe('readCarrierConfig', () => {
  it('takes the secret from an SSM parameter when one is named, else from CARRIER_APP_SECRET', () => {
    // Prepare
    const base = { CARRIER_BASE_URL: 'https://open.example.cn/', CARRIER_APP_KEY: 'permit' };

    // Act
    const cloud = readCarrierConfig({ ...base, CARRIER_SECRET_PARAMETER: '/permit/dev/carrier/app-secret' });
    const local = readCarrierConfig({ ...base, CARRIER_APP_SECRET: 's', CARRIER_TIMEOUT_MS: '800' });

    // Assess
    expect(cloud).toMatchObject({
      baseUrl: 'https://open.example.cn',
      secret: { kind: 'ssm', parameter: '/permit/dev/carrier/app-secret' },
      timeoutMs: 5000,
      retryBaseSeconds: 15,
    });
    expect(local).toMatchObject({ secret: { kind: 'value', value: 's' }, timeoutMs: 800 });
  });

  it('fails fast naming the missing or malformed variable', () => {
    // Assess
    expect(() => readCarrierConfig({ CARRIER_APP_KEY: 'k', CARRIER_APP_SECRET: 's' })).toThrow('CARRIER_BASE_URL');
    expect(() => readCarrierConfig({ CARRIER_BASE_URL: 'https://x.cn', CARRIER_APP_KEY: 'k' })).toThrow(
      'CARRIER_APP_SECRET',
    );
    expect(() =>
      readCarrierConfig({
        CARRIER_BASE_URL: 'https://x.cn',
        CARRIER_APP_KEY: 'k',
        CARRIER_APP_SECRET: 's',
        CARRIER_TIMEOUT_MS: 'soon',
      }),
    ).toThrow('CARRIER_TIMEOUT_MS');
  });
});

describe('SsmSecretSource', () => {
  it('reads the parameter with decryption once, caches it for 5 minutes, then reads again', async () => {
    // Prepare
    const calls: unknown[] = [];
    const client = {
      send: async (command: { input: unknown }) => {
        calls.push(command.input);
        return { Parameter: { Value: `secret-${calls.length}` } };
      },
    } as unknown as SSMClient;
    const clock = new ManualClock('2026-11-27T10:00:00+08:00');
    const source = new SsmSecretSource(client, '/permit/dev/carrier/app-secret', clock);

    // Act
    const [a, b] = await Promise.all([source.get(), source.get()]);
    clock.advance({ minutes: 4 });
    const c = await source.get();
    clock.advance({ minutes: 2 });
    const d = await source.get();

    // Assess
    expect([a, b, c, d]).toEqual(['secret-1', 'secret-1', 'secret-1', 'secret-2']);
    expect(calls).toEqual([
      { Name: '/permit/dev/carrier/app-secret', WithDecryption: true },
      { Name: '/permit/dev/carrier/app-secret', WithDecryption: true },
    ]);
  });
});
