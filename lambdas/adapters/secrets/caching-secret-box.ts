/**
 * A {@link SecretBox} that remembers what it opened: the webhook worker opens the same few secrets for every delivery,
 * and a KMS Decrypt per delivery would cost a round trip and a request each. Sealing is passed through; at most
 * `max` opened values are kept (the oldest forgotten first), only in this process's memory.
 *
 * @example
 * const box = new CachingSecretBox(secretBox());
 */
import type { SecretBox } from '../../ports/secret-box';

export class CachingSecretBox implements SecretBox {
  readonly #opened = new Map<string, Promise<string>>();

  constructor(
    private readonly box: SecretBox,
    private readonly max = 1000,
  ) {}

  seal(plaintext: string, context: string): Promise<string> {
    return this.box.seal(plaintext, context);
  }

  open(sealed: string, context: string): Promise<string> {
    const key = `${context}\n${sealed}`;
    const known = this.#opened.get(key);
    if (known) return known;
    const opened = this.box.open(sealed, context);
    this.#opened.set(key, opened);
    // A failed open is not kept: the next caller tries again.
    opened.catch(() => this.#opened.delete(key));
    if (this.#opened.size > this.max) this.#opened.delete(this.#opened.keys().next().value as string);
    return opened;
  }
}
