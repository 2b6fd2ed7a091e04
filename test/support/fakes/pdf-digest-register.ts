/**
 * In-memory {@link PdfDigestRegister}: the PDF digests committed issuances and reprints registered in the shared
 * {@link FakeTable} (anything that is not a SHA-256 in lower-case hex is never registered, as in the adapter).
 *
 * @example
 * const register = new FakePdfDigestRegister(table);
 * (await register.registered([version.pdf.sha256])).has(version.pdf.sha256); // true once committed
 */
import type { PdfDigestRegister } from '../../../lambdas/ports/pdf-digest-register';
import { FakeTable } from './table';

const SHA256 = /^[0-9a-f]{64}$/;

export class FakePdfDigestRegister implements PdfDigestRegister {
  /** How often the register was asked (the sweep asks once per listed page). */
  asked = 0;

  constructor(readonly table: FakeTable = new FakeTable()) {}

  async registered(sha256s: readonly string[]): Promise<ReadonlySet<string>> {
    this.asked++;
    return new Set(sha256s.filter((s) => SHA256.test(s) && this.table.pdfDigests.has(s)));
  }
}
