import { describe, expect, it } from 'vitest';
import { readConfig } from '../../lambdas/shared/config';
import { functionEnvironment } from '../../lib/constructs/function-environment';
import {
  alarmThresholds,
  DEFAULT_ALARM_THRESHOLDS,
  type StageConfig,
  StageConfigError,
  selectStage,
  stages,
  validateStage,
} from '../../lib/stage-config';
import { fixtureRegistry } from './fixtures';
import { synth } from './support';

describe('stage selection', () => {
  it('defaults to dev when no stage is given', () => {
    expect(selectStage(undefined).name).toBe('dev');
    expect(selectStage('').name).toBe('dev');
  });

  it('selects prod, the China deployment', () => {
    const prod = selectStage('prod');
    expect(prod.region).toMatch(/^cn-/);
    expect(prod.terminationProtection).toBe(true);
  });

  it('names the known stages when given an unknown one', () => {
    expect(() => selectStage('staging')).toThrow(StageConfigError);
    expect(() => selectStage('staging')).toThrow(/dev, prod/);
  });

  it('applies command-line overrides and ignores empty ones', () => {
    const s = selectStage('dev', {
      publicBaseUrl: 'https://permit.hubei.example.gov.cn',
      alarmEmail: '',
      account: undefined,
    });
    expect(s.publicBaseUrl).toBe('https://permit.hubei.example.gov.cn');
    expect(s.alarmEmail).toBeUndefined();
    expect(s.account).toBeUndefined();
  });

  it.each([
    [{ publicBaseUrl: 'http://insecure.example' }, /https/],
    [{ publicBaseUrl: 'https://trailing.example/' }, /trailing slash/],
    [{ account: '12345' }, /12 digits/],
    [{ alarmEmail: 'not-an-address' }, /e-mail/],
  ])('rejects %o', (override, message) => {
    expect(() => selectStage('dev', override)).toThrow(message);
  });

  it('accepts a transparency-log origin, and refuses one with spaces or plus signs, or empty', () => {
    // Prepare
    const dev = selectStage('dev');

    // Assess
    expect(validateStage({ ...dev, logOrigin: 'permit.example.gov.cn/log' }).logOrigin).toBe(
      'permit.example.gov.cn/log',
    );
    for (const logOrigin of ['permit.example.gov.cn/my log', 'permit+log', '', 'x'.repeat(201)]) {
      expect(() => validateStage({ ...dev, logOrigin }), logOrigin).toThrow(/logOrigin/);
    }
  });

  it('takes the log key spec Ed25519 by default, and refuses another (the signer is Ed25519 only)', () => {
    // Prepare
    const dev = selectStage('dev');
    const p256 = { ...dev, logKeySpec: 'ECC_NIST_P256' } as unknown as StageConfig;

    // Assess
    expect(dev.logKeySpec).toBeUndefined();
    expect(validateStage({ ...dev, logKeySpec: 'ECC_NIST_EDWARDS25519' }).logKeySpec).toBe('ECC_NIST_EDWARDS25519');
    expect(() => validateStage(p256)).toThrow(/logKeySpec must be ECC_NIST_EDWARDS25519/);
  });

  it('fills in the alarm thresholds a stage does not set', () => {
    // Prepare
    const dev = selectStage('dev');

    // Act
    const tuned = alarmThresholds({ alarms: { verificationP99Ms: 500 } });

    // Assess
    expect(alarmThresholds(dev)).toEqual(DEFAULT_ALARM_THRESHOLDS);
    expect(DEFAULT_ALARM_THRESHOLDS).toEqual({
      http5xxRatePercent: 5,
      http5xxMinRequests: 20,
      verificationP99Ms: 300,
      oldestUndispatchedHours: 48,
      logIntegrationLagMinutes: 10,
    });
    expect(tuned).toEqual({ ...DEFAULT_ALARM_THRESHOLDS, verificationP99Ms: 500 });
  });

  it.each([
    [{ verificationP99Ms: 0 }, /alarms.verificationP99Ms must be a positive number/],
    [{ oldestUndispatchedHours: -1 }, /alarms.oldestUndispatchedHours must be a positive number/],
    [{ logIntegrationLagMinutes: Number.NaN }, /alarms.logIntegrationLagMinutes must be a positive number/],
    [{ http5xxRatePercent: 120 }, /percentage/],
    [{ http5xxMinRequests: 2.5 }, /whole number/],
  ])('refuses the alarm thresholds %o', (alarms, message) => {
    expect(() => validateStage({ ...selectStage('dev'), alarms })).toThrow(message);
  });

  it('keeps every stage valid', () => {
    for (const name of Object.keys(stages)) expect(() => selectStage(name)).not.toThrow();
  });
});

describe('function environment', () => {
  it('gives lambdas/shared/config.ts everything it requires (tokens stand in for resource names)', () => {
    // Prepare
    const s = synth({ registry: fixtureRegistry });
    const env = functionEnvironment(selectStage('dev'), s.stateful.resources);
    const resolved = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, v.startsWith('${Token[') ? `resolved-${k.toLowerCase()}` : v]),
    );
    // Act
    const config = readConfig(resolved);
    // Assess
    expect(config.signer).toEqual({ kind: 'kms', keyId: 'resolved-signing_key_id' });
    expect(config.tableName).toBe('resolved-table_name');
    expect(config.publicBaseUrl).toBe(selectStage('dev').publicBaseUrl);
    expect(config.province).toBe('鄂');
    // No origin in the stage: config.ts derives it from the public host.
    expect(config.log).toEqual({
      origin: `${new URL(selectStage('dev').publicBaseUrl).host}/log`,
      kmsKeyId: 'resolved-log_key_id',
    });
  });

  it('hands a stage’s log origin to lambdas/shared/config.ts, which accepts it', () => {
    // Prepare
    const s = synth({ registry: fixtureRegistry });
    const stage = { ...selectStage('dev'), logOrigin: 'permit.example.gov.cn/log' };
    const env = Object.fromEntries(
      Object.entries(functionEnvironment(stage, s.stateful.resources)).map(([k, v]) => [
        k,
        v.startsWith('${Token[') ? `resolved-${k.toLowerCase()}` : v,
      ]),
    );

    // Act
    const config = readConfig(env);

    // Assess
    expect(config.log.origin).toBe('permit.example.gov.cn/log');
  });
});
