/**
 * Contracts of the public verification routes, all served by the one read-only `verify` function:
 *
 * - `GET /v/{payload+}` — the URL in every certificate's QR: an HTML page, or JSON for `Accept: application/json`;
 * - `GET /v1/verify/{licenceNo}` — lookup by licence number (optionally with `?qr=` to check a QR belongs to it);
 * - `POST /v1/verify` — a certificate PDF (`application/pdf`) or a scanned QR text (`application/json`);
 * - `GET /.well-known/jwks.json` — the published key set, for offline verifiers.
 *
 * Every verdict answers 200 (the verification ran; the body says what it found); only a path that cannot be a
 * verification link at all answers 400, with the same result shape (`PATH_MALFORMED`).
 */
import * as z from 'zod/mini';
import { EXAMPLE_RESULTS } from '../domain/verification/examples';
import { VerificationResultBody } from '../domain/verification/schema';
import { defineRoute } from './route';

/**
 * Largest accepted `POST /v1/verify` body: 2 MiB. Permit's certificates are 23–45 KB, so this leaves room for richer
 * templates (a seal image) while keeping the hash, the metadata scan and the Lambda event small: API Gateway passes a
 * PDF base64-encoded (×4/3), and 2 MiB becomes ~2.8 MB of the 6 MB Lambda payload limit. API Gateway's own 10 MB cap
 * is never the limit that matters. A JSON `{ "qr": … }` needs under 2 KB; its string fields are capped on their own.
 */
export const MAX_VERIFY_BODY_BYTES = 2 * 1024 * 1024;

const HTML_NOTE =
  'With `Accept: text/html` (or no preference) the answer is the verification page (`text/html`, strict CSP, ' +
  '`cache-control: no-store`, `vary: Accept`); with `Accept: application/json` it is this JSON.';

export const VerifyQrRequest = z
  .strictObject({
    qr: z
      .string()
      .check(
        z.maxLength(16_384),
        z.describe('The scanned QR text, e.g. `https://permit.amr.hubei.gov.cn/v/AHQ…` (or its Base32 payload)'),
      ),
    licenceNo: z
      .optional(z.string().check(z.maxLength(64)))
      .check(z.describe('A licence number presented beside the QR (e.g. on a label); the QR must be this licence')),
  })
  .check(z.meta({ id: 'VerifyQrRequest' }));

/** A PDF upload arrives as bytes (the request parser hands non-JSON bodies over as a Buffer). */
const PdfBytes = z.instanceof(Uint8Array).check(z.describe('The certificate PDF, `application/pdf`'));

export const verifyQrUrlRoute = defineRoute({
  operationId: 'verifyQrUrl',
  method: 'GET',
  path: '/v/{payload+}',
  summary: 'The QR URL: verify the signed claims it carries (page for browsers, JSON on request)',
  description:
    'Runs all six checks against the key set and the register. ' +
    HTML_NOTE +
    ' Every verdict is 200. A path that cannot be a QR payload (more than one segment, characters outside A–Z a–z ' +
    '0–9) is 400 with the malformed-link page, or this JSON with `PATH_MALFORMED`.',
  tags: ['verification'],
  access: 'public',
  request: {
    params: z.object({
      payload: z.string().check(z.describe('Upper-case Base32 record, 162 characters (`docs/qr-format.md`)')),
    }),
  },
  responses: {
    200: {
      description: 'The verification result (any verdict)',
      schema: VerificationResultBody,
      example: EXAMPLE_RESULTS.valid,
    },
    400: { description: 'Not a verification link', schema: VerificationResultBody },
  },
});

export const verifyLookupRoute = defineRoute({
  operationId: 'verifyByLicenceNumber',
  method: 'GET',
  path: '/v1/verify/{licenceNo}',
  summary: 'Look a licence up by its number: public register fields and status (no signature to check)',
  description:
    'JSON by default; the verification page when `Accept` prefers `text/html` (a browser). Public fields only: ' +
    'enterprise name, USCC, products, dates, authority, status with its date and published reason. With `?qr=` the ' +
    'QR is verified online instead, and must be this licence (else `invalid`, `RECORD_MISMATCH`). Every verdict is 200.',
  tags: ['verification'],
  access: 'public',
  request: {
    params: z.object({
      licenceNo: z
        .string()
        .check(
          z.maxLength(64),
          z.describe('Licence number, printed form `(鄂)XK06-001-00001` (URL-encoded) or URL-safe `42-XK06-001-00001`'),
        ),
    }),
    query: z.object({
      qr: z
        .optional(z.string().check(z.maxLength(16_384)))
        .check(z.describe('A scanned QR text that must belong to this licence')),
    }),
  },
  responses: {
    200: { description: 'The lookup result (any verdict)', schema: VerificationResultBody },
  },
});

export const verifySubmissionRoute = defineRoute({
  operationId: 'verifySubmission',
  method: 'POST',
  path: '/v1/verify',
  summary: 'Verify a certificate file (is this exact PDF one Permit issued?) or a scanned QR text',
  description:
    '`application/pdf`: valid only if the file’s SHA-256 is that of an issued version **and** the QR text in its ' +
    'metadata verifies and names that same version; any other file is `invalid` with `FILE_ALTERED`. The file’s own ' +
    'PDF (PAdES) signature is the `pdfSignature` check: a broken one (`PDF_SIGNATURE_DIGEST`, …) makes the answer ' +
    '`invalid`, a file issued before PDF signatures says `PDF_SIGNATURE_ABSENT` without failing. For a QR text it is ' +
    '`PDF_SIGNATURE_NOT_APPLICABLE`. ' +
    '`application/json` `{ "qr": "…" }`: verifies the scanned text. A compact JWS is not accepted here (a ' +
    'certificate carries only the QR). Every verdict is 200; bodies over 2 MiB are 413.',
  tags: ['verification'],
  access: 'public',
  request: {
    body: z.union([VerifyQrRequest, PdfBytes]),
    bodyContentTypes: ['application/json', 'application/pdf'],
    maxBodyBytes: MAX_VERIFY_BODY_BYTES,
    bodyExample: { qr: 'https://permit.amr.hubei.gov.cn/v/AHQOPT4ARA2DYFZKABGX345BAABEQSBAAQAKVCJROQ4QEQCQ6R…' },
  },
  responses: {
    200: {
      description: 'The verification result (any verdict)',
      schema: VerificationResultBody,
      example: EXAMPLE_RESULTS.file,
    },
  },
});

export const JwksBody = z
  .object({
    keys: z.array(
      z
        .object({
          kty: z.literal('EC'),
          crv: z.literal('P-256'),
          x: z.string(),
          y: z.string(),
          kid: z.string().check(z.describe('RFC 7638 thumbprint')),
          use: z.literal('sig'),
          alg: z.literal('ES256'),
          'permit:status': z.enum(['current', 'retired', 'compromised']),
          'permit:signedFrom': z.number().check(z.int()),
          'permit:signedUntil': z.optional(z.number().check(z.int())),
          'permit:compromisedAt': z.optional(z.number().check(z.int())),
        })
        .check(z.describe('See docs/keys.md')),
    ),
  })
  .check(z.meta({ id: 'Jwks' }));

export const jwksRoute = defineRoute({
  operationId: 'getJwks',
  method: 'GET',
  path: '/.well-known/jwks.json',
  summary: 'The certificate-signing key set (current, retired and compromised keys with their periods)',
  description:
    'Save it for offline verification (`npm run verify -- <qr> --offline --jwks <file>`). Cacheable 5 minutes.',
  tags: ['verification'],
  access: 'public',
  responses: {
    200: {
      description: 'The JWKS (`application/jwk-set+json`)',
      schema: JwksBody,
      contentType: 'application/jwk-set+json',
      headers: { 'cache-control': { description: '`public, max-age=300`' } },
    },
  },
});
