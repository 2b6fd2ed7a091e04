/**
 * Where the carrier's app secret comes from: AWS SSM Parameter Store (a `SecureString`, read with decryption) in the
 * cloud, a plain value locally (the sandbox carrier's). Cached for a few minutes, so a rotated secret takes effect
 * without a deployment and a warm function does not call SSM on every message.
 *
 * @example
 * const secrets = new SsmSecretSource(new SSMClient({}), '/permit/prod/carrier/app-secret');
 * const secret = await secrets.get();
 */
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { Clock } from '../../ports/clock';
import { systemClock } from '../clock/system-clock';

export interface SecretSource {
  get(): Promise<string>;
}

/** A fixed secret (local runtime, tests). */
export class StaticSecretSource implements SecretSource {
  constructor(private readonly secret: string) {}
  async get(): Promise<string> {
    return this.secret;
  }
}

const CACHE_MS = 5 * 60_000;

/** One SSM parameter, `GetParameter` with `WithDecryption`, cached for 5 minutes. */
export class SsmSecretSource implements SecretSource {
  #cached: { value: string; until: number } | undefined;
  #loading: Promise<string> | undefined;

  constructor(
    private readonly client: SSMClient,
    private readonly parameterName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async get(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.#cached && this.#cached.until > now) return this.#cached.value;
    this.#loading ??= this.#load(now).finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #load(now: number): Promise<string> {
    const out = await this.client.send(new GetParameterCommand({ Name: this.parameterName, WithDecryption: true }));
    const value = out.Parameter?.Value;
    if (!value) throw new Error(`SSM parameter ${this.parameterName} has no value`);
    this.#cached = { value, until: now + CACHE_MS };
    return value;
  }
}
