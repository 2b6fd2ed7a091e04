/**
 * The postal address of an application's paper copy, read back from the application item and validated again.
 *
 * @example
 * const address = paperCopyAddress(application.paperCopy.address);
 */
import { type PostalAddress, parsePostalAddress } from '../../domain/postal-address';

export function paperCopyAddress(stored: unknown): PostalAddress {
  // Stored one-line addresses (`{ line }`) parse again: see parsePostalAddress.
  return parsePostalAddress(stored, 'paperCopy.address');
}
