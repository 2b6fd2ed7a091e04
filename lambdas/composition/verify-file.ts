/**
 * Wiring for the `verify-file` function (`POST /v1/verify`): the `verify` function's deps (the same table reads,
 * caches and time budget, see `verify.ts`) plus the check of an uploaded PDF's own signature. Only this function
 * wires it, so only its bundle carries PDF and CMS libraries.
 *
 * @example
 * const result = await verifyCertificate(verifyFileDeps(), { kind: 'pdf', bytes });
 */
import type { VerifyDeps } from '../use-cases/verify-certificate';
import { once } from './once';
import { pdfSignatureCheck } from './pdf-signature-check';
import { verifyDeps } from './verify';

const pdfSignatures = once(pdfSignatureCheck);

/**
 * Deps of file (and QR-text) verification; `parts` replace any of them (tests).
 *
 * @example
 * await verifyCertificate(verifyFileDeps({ pdfSignatures: fake }), { kind: 'pdf', bytes });
 */
export const verifyFileDeps = (parts: Partial<VerifyDeps> = {}): VerifyDeps =>
  verifyDeps({ pdfSignatures: pdfSignatures(), ...parts });
