/**
 * What a check of a certificate PDF's own signature (PAdES, `docs/pdf-signatures.md`) found. The QR signature proves
 * the claims; this one proves the file: who signed it, and that no byte of it changed since. Types only.
 */

/** PAdES baseline levels Permit produces: B-B (signature only) and B-T (with an RFC 3161 timestamp). */
export const PADES_LEVELS = ['B-B', 'B-T'] as const;
export type PadesLevel = (typeof PADES_LEVELS)[number];

/**
 * Why a PDF signature does not hold:
 * - `malformed`: no readable signature dictionary or CMS where one is announced;
 * - `byte-range`: the signed byte range does not cover the whole file except the signature's own hex string;
 * - `digest`: the signed bytes' SHA-256 is not the one the signature names (a byte changed);
 * - `cms-signature`: the CMS signature does not verify with its certificate;
 * - `untrusted-chain`: the signing certificate does not chain to a configured trust anchor (or is not valid then);
 * - `modified-after-signing`: an incremental update after the signature changes more than a document timestamp may;
 * - `timestamp-invalid`: a timestamp (in the signature or a document timestamp) is broken or covers other data.
 */
export const PDF_SIGNATURE_PROBLEMS = [
  'malformed',
  'byte-range',
  'digest',
  'cms-signature',
  'untrusted-chain',
  'modified-after-signing',
  'timestamp-invalid',
] as const;
export type PdfSignatureProblem = (typeof PDF_SIGNATURE_PROBLEMS)[number];

/**
 * The finding:
 * - `valid`: every signature and timestamp holds and chains to a trust anchor;
 * - `absent`: the file carries no PDF signature (issued before PDF signatures, or before a certificate was configured);
 * - `invalid`: with the first problem found;
 * - `unavailable`: the trust anchors could not be read, so nothing can be said.
 *
 * @example
 * const f: PdfSignatureFinding = { state: 'valid', level: 'B-T', signer: '湖北省市场监督管理局', timestampedAt: '2026-12-06T05:00:00.000Z' };
 */
export type PdfSignatureFinding =
  | {
      readonly state: 'valid';
      readonly level: PadesLevel;
      /** The signing certificate's subject common name (or organisation). */
      readonly signer: string;
      /** The RFC 3161 time (ISO), for B-T. */
      readonly timestampedAt?: string;
      /** True when the timestamp is a document timestamp added after issuance (B-B upgraded to B-T). */
      readonly documentTimestamp?: boolean;
    }
  | { readonly state: 'absent' }
  | { readonly state: 'invalid'; readonly problem: PdfSignatureProblem }
  | { readonly state: 'unavailable' };
