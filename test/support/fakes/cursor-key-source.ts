/**
 * In-memory {@link CursorKeySource}: a generated cursor key set that a test rotates, counting early reloads.
 *
 * @example
 * const keys = new FakeCursorKeySource(clock);
 * keys.rotate(); // a new key signs; the previous one still opens cursors during the overlap
 */
import type { Clock } from '../../../lambdas/ports/clock';
import type { CursorKeySource } from '../../../lambdas/ports/cursor-key-source';
import { type CursorKeySet, generateCursorKeySet, rotateCursorKeySet } from '../../../lambdas/shared/cursors/key-set';

export class FakeCursorKeySource implements CursorKeySource {
  refreshes = 0;
  #keys: CursorKeySet;

  constructor(private readonly clock: Clock) {
    this.#keys = generateCursorKeySet(clock.now());
  }

  async get(): Promise<CursorKeySet> {
    return this.#keys;
  }

  async refresh(): Promise<CursorKeySet> {
    this.refreshes++;
    return this.#keys;
  }

  /** Rotate now, as `npm run cursor-keys -- rotate` does. */
  rotate(): void {
    this.#keys = rotateCursorKeySet(this.#keys, this.clock.now());
  }
}
