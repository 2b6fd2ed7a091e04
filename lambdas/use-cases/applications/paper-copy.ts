/**
 * The postal address of an application's paper copy, read back from the application item. A one-line address is
 * stored as `{ line }`, which `postalAddressFromItem` (domain/postal-address.ts) does not accept back as of this
 * writing, so it is turned into the one-line input form before being validated again.
 *
 * @example
 * const address = paperCopyAddress(application.paperCopy.address);
 */
import { type PostalAddress, parsePostalAddress } from '../../domain/postal-address';

export function paperCopyAddress(stored: unknown): PostalAddress {
  const record = (stored ?? {}) as { address?: unknown };
  const part = record.address as { line?: unknown } | undefined;
  const input =
    part && typeof part === 'object' && typeof part.line === 'string' ? { ...record, address: part.line } : record;
  return parsePostalAddress(input, 'paperCopy.address');
}
