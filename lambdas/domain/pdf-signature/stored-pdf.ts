/**
 * A certificate PDF as the register keeps it: where it is, its digest and size, and its PAdES level.
 */
import type { PadesLevel } from './finding';

/**
 * A stored certificate PDF. `pades` is absent for a file without a PDF signature (issued before PDF signatures, or
 * while no certificate was configured for the signing key). A B-B file later timestamped is replaced here by its B-T
 * file; both digests stay registered for the same version.
 *
 * @example
 * const pdf: StoredPdf = { key: 'certificates/…/v1/ab12….pdf', sha256: 'ab12…', size: 48213, pades: 'B-T' };
 */
export interface StoredPdf {
  readonly key: string;
  readonly sha256: string;
  readonly size: number;
  readonly pades?: PadesLevel;
}
