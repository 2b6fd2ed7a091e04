/**
 * The published key set in memory: {@link FakeKeyRecordSource} (the key records, as the key ring or the local key
 * store keep them, with a switch to make reading fail) and {@link FakeKeySetProvider} (the key set verifiers check
 * against — the same `KeySet` object while the records are unchanged, as the cache answers; a refresh reads again).
 *
 * @example
 * const source = new FakeKeyRecordSource([signer.record(clock.now())]);
 * const keys = new FakeKeySetProvider(source);
 * source.failure = 'error'; // keys.get() now throws, keys.refresh() answers undefined
 */
import { KeySet } from '../../../lambdas/domain/signing/key-set';
import type { KeyRecord } from '../../../lambdas/domain/signing/keys';
import type { KeyRecordSource } from '../../../lambdas/ports/key-record-source';
import type { KeySetProvider } from '../../../lambdas/ports/key-set-provider';
import { stored } from './storage';

export class FakeKeyRecordSource implements KeyRecordSource {
  /** `error`: every read rejects. */
  failure: 'none' | 'error' = 'none';
  reads = 0;

  constructor(public records: KeyRecord[] = []) {}

  async keyRecords(): Promise<readonly KeyRecord[]> {
    this.reads++;
    if (this.failure === 'error')
      throw Object.assign(new Error('injected: key ring unreadable'), { name: 'TimeoutError' });
    return stored(this.records);
  }
}

export class FakeKeySetProvider implements KeySetProvider {
  refreshes = 0;
  #loaded: { readonly text: string; readonly keySet: KeySet } | undefined;

  constructor(readonly source: FakeKeyRecordSource = new FakeKeyRecordSource()) {}

  async get(): Promise<KeySet> {
    const records = await this.source.keyRecords();
    const text = JSON.stringify(records);
    if (this.#loaded?.text !== text) this.#loaded = { text, keySet: await KeySet.fromRecords(records) };
    return this.#loaded.keySet;
  }

  async refresh(): Promise<KeySet | undefined> {
    this.refreshes++;
    return this.get().catch(() => undefined);
  }
}
