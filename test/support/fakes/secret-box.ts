/**
 * In-memory {@link SecretBox}: a value sealed under one context opens only under that context, and an altered value
 * does not open — as the KMS and local adapters behave. The sealed text shows nothing of the secret.
 *
 * @example
 * const box = new FakeSecretBox();
 * await box.open(await box.seal('whsec_…', 'WH-1'), 'WH-1'); // 'whsec_…'
 */
import { randomUUID } from 'node:crypto';
import { UnprocessableError } from '../../../lambdas/domain/errors';
import type { SecretBox } from '../../../lambdas/ports/secret-box';

export class FakeSecretBox implements SecretBox {
  readonly #sealed = new Map<string, { readonly plaintext: string; readonly context: string }>();

  async seal(plaintext: string, context: string): Promise<string> {
    const token = `v1.fake.${randomUUID()}`;
    this.#sealed.set(token, { plaintext, context });
    return token;
  }

  async open(sealed: string, context: string): Promise<string> {
    const found = this.#sealed.get(sealed);
    if (!found || found.context !== context) {
      throw new UnprocessableError('SECRET_UNREADABLE', 'the sealed secret does not open under this context');
    }
    return found.plaintext;
  }
}
