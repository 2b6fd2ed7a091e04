/**
 * One value read from its source at most once per lifetime, however many callers ask at once (they share the read in
 * flight); a failed read is not kept, so the next caller tries again. The caches of the verify function use it for the
 * one item each serves to every request: the log's latest checkpoint, the published status list.
 *
 * @example
 * const head = new ExpiringValue(() => store.head(), clock, 2000);
 * await head.get(); // read; again within 2 s: the same promise
 */
import type { Clock } from '../ports/clock';

export class ExpiringValue<T> {
  #held: { readonly at: number; readonly value: Promise<T> } | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  get(): Promise<T> {
    const now = this.clock.now().getTime();
    if (!this.#held || now - this.#held.at >= this.ttlMs) {
      const value = this.load();
      this.#held = { at: now, value };
      value.catch(() => {
        if (this.#held?.value === value) this.#held = undefined;
      });
    }
    return this.#held.value;
  }
}
