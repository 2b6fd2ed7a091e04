/**
 * Local key store for the embedded runtime: ES256 keys under a directory (`LOCAL_KEY_DIR`, e.g. `./.permit/keys`).
 *
 * - `jwks.json` — the key ring as the published JWKS (public keys, statuses, periods; see `docs/keys.md`);
 * - `<kid>.private.jwk` — the current key's private JWK, file mode 0600 in a 0700 directory.
 *
 * A key is created on first use. Rotation retires the current key and deletes its private file: a retired key
 * never signs again, so keeping it would only give it a chance to leak. Times come from the injected clock.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { DependencyUnavailableError } from '../../domain/errors';
import { compromiseKeyRecord, rotateKeyRecords } from '../../domain/signing/key-ring';
import { KeySet, toPublishedJwk } from '../../domain/signing/key-set';
import type { KeyRecord, PublicEcJwk } from '../../domain/signing/keys';
import type { Clock } from '../../ports/clock';
import type { KeyRing } from '../../ports/key-ring';
import type { Signer } from '../../ports/signer';
import { systemClock } from '../clock/system-clock';
import { createNodeSigner, type PrivateEcJwk } from './node-signer';

const RING_FILE = 'jwks.json';

/**
 * @example
 * const store = await LocalKeyStore.open({ dir: '.permit/keys', clock });
 * const signer = await store.signer();
 * const jwks = (await store.keySet()).toJwks();
 */
export class LocalKeyStore implements KeyRing {
  /** The store makes its own keys: a compromised current key is rotated out first. */
  readonly newKeysFrom = 'ring' as const;
  #signer: Signer | undefined;
  /** The ring last parsed, by its file text: re-reading the file is cheap, re-importing every key is not. */
  #parsed: { readonly text: string; readonly set: KeySet } | undefined;

  private constructor(
    readonly dir: string,
    private readonly clock: Clock,
  ) {}

  /**
   * Open the store, creating the directory and a first current key if there is none.
   *
   * @example
   * const store = await LocalKeyStore.open({ dir: config().signer.dir });
   */
  static async open(opts: { dir: string; clock?: Clock }): Promise<LocalKeyStore> {
    const store = new LocalKeyStore(opts.dir, opts.clock ?? systemClock);
    await mkdir(opts.dir, { recursive: true, mode: 0o700 });
    if (!(await store.#readRing())) await store.#createFirstKey();
    return store;
  }

  /** Path of a key's private JWK file. @example store.privateKeyPath(kid) */
  privateKeyPath(kid: string): string {
    return join(this.dir, `${kid}.private.jwk`);
  }

  /**
   * Every key record (current, retired, compromised), read from disk on each call so a rotation by the CLI in
   * another process is seen.
   *
   * @example
   * const records = await store.keyRecords();
   */
  async keyRecords(): Promise<readonly KeyRecord[]> {
    return (await this.keySet()).records;
  }

  /** The validated key set. @example (await store.keySet()).toJwks() */
  async keySet(): Promise<KeySet> {
    const set = await this.#readRing();
    if (!set) throw unavailable(`no key ring in ${this.dir}`);
    return set;
  }

  /**
   * A signer for the current key (cached while the key stays current).
   *
   * @example
   * const { qrText } = await signCertificateClaims(claims, await store.signer(), baseUrl);
   */
  async signer(): Promise<Signer> {
    const current = (await this.keySet()).current();
    if (!current) throw unavailable('the key ring has no current key');
    if (this.#signer?.kid === current.kid) return this.#signer;
    let jwk: PrivateEcJwk;
    try {
      jwk = JSON.parse(await readFile(this.privateKeyPath(current.kid), 'utf8')) as PrivateEcJwk;
    } catch (e) {
      throw unavailable(`private key of ${current.kid} is missing or unreadable`, e);
    }
    this.#signer = await createNodeSigner(jwk);
    if (this.#signer.kid !== current.kid) throw unavailable(`private key file does not match kid ${current.kid}`);
    return this.#signer;
  }

  /**
   * Retire the current key (its period ends now) and create a new current key.
   *
   * @example
   * const next = await store.rotate();
   */
  async rotate(): Promise<KeyRecord> {
    const records = await this.keyRecords();
    const next = await this.#generateKey();
    const updated = rotateKeyRecords(records, next, this.clock.now());
    await this.#writeRing(updated);
    await this.#dropPrivateKeysExcept(next.kid, updated);
    return updated[updated.length - 1] as KeyRecord;
  }

  /**
   * Mark a key compromised from `at`; if it is the current key, rotate first so signing continues with a fresh key.
   *
   * @example
   * await store.compromise(kid, new Date('2026-10-01T00:00:00+08:00'));
   */
  async compromise(kid: string, at: Date, now = this.clock.now()): Promise<{ readonly rotatedTo?: KeyRecord }> {
    let rotatedTo: KeyRecord | undefined;
    // Validate before rotating, so a mistyped kid or a future time changes nothing.
    compromiseKeyRecord(
      (await this.keyRecords()).map((r) => (r.kid === kid && r.status === 'current' ? { ...r, status: 'retired' } : r)),
      kid,
      at,
      now,
    );
    if ((await this.keySet()).current()?.kid === kid) rotatedTo = await this.rotate();
    const updated = compromiseKeyRecord(await this.keyRecords(), kid, at, now);
    await this.#writeRing(updated);
    await rm(this.privateKeyPath(kid), { force: true });
    return rotatedTo ? { rotatedTo } : {};
  }

  /**
   * The port's name for {@link compromise}, judged at `now` (the caller's clock).
   *
   * @example
   * await store.markCompromised(kid, at, clock.now());
   */
  markCompromised(kid: string, at: Date, now: Date): Promise<{ readonly rotatedTo?: KeyRecord }> {
    return this.compromise(kid, at, now);
  }

  async #createFirstKey(): Promise<void> {
    const key = await this.#generateKey();
    const records = rotateKeyRecords([], key, this.clock.now());
    // Write the whole ring to a private temporary file, then link it into place: `link` fails if the ring exists, so
    // when another process created it meanwhile, theirs is kept (and never seen half-written) and our key dropped.
    const tmp = join(this.dir, `${RING_FILE}.${key.kid}.tmp`);
    await writeFile(tmp, ringJson(records), { mode: 0o644 });
    try {
      await link(tmp, join(this.dir, RING_FILE));
    } catch (e) {
      await rm(this.privateKeyPath(key.kid), { force: true });
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async #generateKey(): Promise<{ kid: string; jwk: PublicEcJwk }> {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { kty, crv, x, y, d } = privateKey.export({ format: 'jwk' });
    const jwk = { kty, crv, x, y } as PublicEcJwk;
    const kid = await calculateJwkThumbprint(jwk, 'sha256');
    const path = this.privateKeyPath(kid);
    await writeFile(path, `${JSON.stringify({ ...jwk, d })}\n`, { flag: 'wx', mode: 0o600 });
    await chmod(path, 0o600); // in case a umask or an odd file system widened it
    return { kid, jwk };
  }

  async #readRing(): Promise<KeySet | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.dir, RING_FILE), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw unavailable(`cannot read ${RING_FILE}`, e);
    }
    if (this.#parsed?.text !== text) this.#parsed = { text, set: await KeySet.fromJwks(JSON.parse(text)) };
    return this.#parsed.set;
  }

  /** Replace the ring atomically (write a temporary file, then rename over the old one). */
  async #writeRing(records: readonly KeyRecord[]): Promise<void> {
    await KeySet.fromRecords(records); // never write a ring that would not load
    const tmp = join(this.dir, `${RING_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(tmp, ringJson(records), { mode: 0o644 });
    await rename(tmp, join(this.dir, RING_FILE));
  }

  async #dropPrivateKeysExcept(kid: string, records: readonly KeyRecord[]): Promise<void> {
    for (const r of records) if (r.kid !== kid) await rm(this.privateKeyPath(r.kid), { force: true });
  }
}

const ringJson = (records: readonly KeyRecord[]): string =>
  `${JSON.stringify({ keys: records.map(toPublishedJwk) }, null, 2)}\n`;

const unavailable = (message: string, cause?: unknown) =>
  new DependencyUnavailableError('LOCAL_KEY_STORE', message, cause === undefined ? undefined : { cause });
