/**
 * Where the cursor key set comes from, and how it is rotated: an SSM `SecureString` parameter in the cloud (created
 * by the stateful stack, read with decryption), a file under the data directory locally (created by the runtime on
 * first start, mode 0600). Both are read once and cached; a key id the cache does not know triggers one early reload
 * (at most every 30 s), so a cursor sealed after a rotation opens on a function that started before it.
 *
 * @example
 * const source = new SsmCursorKeySource(ssmClient(), '/permit/prod/cursor-keys');
 * const keys = await source.get();
 */

import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { DependencyUnavailableError } from '../../domain/errors';
import type { Clock } from '../../ports/clock';
import type { CursorKeySource } from '../../ports/cursor-key-source';
import {
  type CursorKeySet,
  generateCursorKeySet,
  parseCursorKeySet,
  rotateCursorKeySet,
  serialiseCursorKeySet,
} from '../../shared/cursors/key-set';
import { systemClock } from '../clock/system-clock';

const unavailable = (message: string, cause: unknown) =>
  new DependencyUnavailableError('CURSOR_KEYS_UNAVAILABLE', message, { cause });

/**
 * A fixed key set (tests).
 *
 * @example
 * const source = new StaticCursorKeySource(generateCursorKeySet(clock.now()));
 * source.set(rotateCursorKeySet(await source.get(), clock.now()));
 */
export class StaticCursorKeySource implements CursorKeySource {
  constructor(private keys: CursorKeySet) {}
  async get(): Promise<CursorKeySet> {
    return this.keys;
  }
  async refresh(): Promise<CursorKeySet> {
    return this.keys;
  }
  /** Replace the set (a rotation in a test). */
  set(keys: CursorKeySet): void {
    this.keys = keys;
  }
}

/**
 * The local key file. Its stat is checked on every `get` (microseconds) and the file re-parsed only when it
 * changed, so `npm run cursor-keys -- rotate` in another process takes effect at once.
 *
 * @example
 * const source = new FileCursorKeySource('.permit/cursor-keys.json');
 */
export class FileCursorKeySource implements CursorKeySource {
  #parsed: { readonly stamp: string; readonly keys: CursorKeySet } | undefined;

  constructor(readonly path: string) {}

  async get(): Promise<CursorKeySet> {
    try {
      const st = statSync(this.path);
      const stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
      if (this.#parsed?.stamp !== stamp)
        this.#parsed = { stamp, keys: parseCursorKeySet(readFileSync(this.path, 'utf8')) };
      return this.#parsed.keys;
    } catch (error) {
      throw unavailable(`cannot read the cursor key file ${this.path}`, error);
    }
  }

  refresh(): Promise<CursorKeySet> {
    return this.get();
  }
}

const CACHE_MS = 5 * 60_000;
const MIN_REFRESH_MS = 30_000;

/**
 * One SSM parameter, `GetParameter` with decryption, cached for 5 minutes (a rotation reaches every warm function
 * within that, and the old key stays accepted for 24 h).
 *
 * @example
 * const source = new SsmCursorKeySource(new SSMClient({}), '/permit/dev/cursor-keys');
 */
export class SsmCursorKeySource implements CursorKeySource {
  #cached: { readonly keys: CursorKeySet; readonly at: number } | undefined;
  #loading: Promise<CursorKeySet> | undefined;

  constructor(
    private readonly client: Pick<SSMClient, 'send'>,
    readonly parameterName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  get(): Promise<CursorKeySet> {
    const now = this.clock.now().getTime();
    if (this.#cached && now - this.#cached.at < CACHE_MS) return Promise.resolve(this.#cached.keys);
    return this.#load();
  }

  refresh(): Promise<CursorKeySet> {
    const now = this.clock.now().getTime();
    if (this.#cached && now - this.#cached.at < MIN_REFRESH_MS) return Promise.resolve(this.#cached.keys);
    return this.#load();
  }

  #load(): Promise<CursorKeySet> {
    this.#loading ??= (async () => {
      try {
        const at = this.clock.now().getTime();
        const keys = parseCursorKeySet(await readParameter(this.client, this.parameterName));
        this.#cached = { keys, at };
        return keys;
      } catch (error) {
        throw unavailable(`cannot read the cursor key parameter ${this.parameterName}`, error);
      }
    })().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }
}

async function readParameter(client: Pick<SSMClient, 'send'>, name: string): Promise<string> {
  const out = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  const value = out.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${name} has no value`);
  return value;
}

/**
 * Create the local key file unless it exists (the runtime calls this at every start; an existing file is kept, so
 * cursors survive restarts). Mode 0600; `wx` so two starting processes never overwrite each other.
 *
 * @example
 * ensureCursorKeyFile(join(dataDir, 'cursor-keys.json')); // { created: true } the first time
 */
export function ensureCursorKeyFile(path: string, clock: Clock = systemClock): { created: boolean } {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, serialiseCursorKeySet(generateCursorKeySet(clock.now())), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    parseCursorKeySet(readFileSync(path, 'utf8')); // an unreadable file fails the start, not the first list
    return { created: false };
  }
  chmodSync(path, 0o600); // in case a umask or an odd file system widened it
  return { created: true };
}

/**
 * Rotate the local key file (atomically: a private temporary file renamed over it).
 *
 * @example
 * const next = rotateCursorKeyFile('.permit/cursor-keys.json');
 */
export function rotateCursorKeyFile(path: string, clock: Clock = systemClock): CursorKeySet {
  const next = rotateCursorKeySet(parseCursorKeySet(readFileSync(path, 'utf8')), clock.now());
  const tmp = `${path}.${randomUUID()}.tmp`;
  writeFileSync(tmp, serialiseCursorKeySet(next), { flag: 'wx', mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return next;
}

/**
 * Rotate the cloud key set: read the parameter, rotate, write it back as a `SecureString` (the account's `aws/ssm`
 * key). Needs `ssm:GetParameter` and `ssm:PutParameter` on the parameter — an operator's role, not a function's.
 *
 * @example
 * await rotateCursorKeyParameter(new SSMClient({ region: 'cn-north-1' }), '/permit/prod/cursor-keys');
 */
export async function rotateCursorKeyParameter(
  client: Pick<SSMClient, 'send'>,
  name: string,
  clock: Clock = systemClock,
): Promise<CursorKeySet> {
  const next = rotateCursorKeySet(parseCursorKeySet(await readParameter(client, name)), clock.now());
  await client.send(
    new PutParameterCommand({ Name: name, Value: serialiseCursorKeySet(next), Type: 'SecureString', Overwrite: true }),
  );
  return next;
}

/**
 * Read the cloud key set (for `npm run cursor-keys -- show`).
 *
 * @example
 * describeCursorKeySet(await readCursorKeyParameter(client, name), new Date());
 */
export async function readCursorKeyParameter(client: Pick<SSMClient, 'send'>, name: string): Promise<CursorKeySet> {
  return parseCursorKeySet(await readParameter(client, name));
}
