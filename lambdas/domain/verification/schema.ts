/**
 * The JSON answer of the verify routes as a zod schema: validates responses in tests and becomes the
 * `VerificationResult` component of the OpenAPI document. The refinements restate the model's invariants, so a
 * contract test fails if a handler ever sends a green answer the rule would not give.
 */
import * as z from 'zod/mini';
import { EXAMPLE_RESULTS } from './examples';
import {
  CERTIFICATE_STATUSES,
  CHECK_NAMES,
  CHECK_OUTCOMES,
  VERDICTS,
  VERIFICATION_MODES,
  type VerificationResult,
} from './model';
import { REASONS, type ReasonCode } from './reasons';
import { PDF_SIGNATURE_NEUTRAL } from './verdict';

/** The skips a `valid` answer may carry: no QR (lookup), no file, a file from before PDF signatures. */
const NEUTRAL_SKIPS: readonly string[] = ['SIGNATURE_NOT_APPLICABLE', ...PDF_SIGNATURE_NEUTRAL];

/** Every reason code by check, for the OpenAPI description (`format: FORMAT_OK, …; signature: …`). */
const CODE_LIST = CHECK_NAMES.map(
  (name) =>
    `${name}: ${(Object.keys(REASONS) as ReasonCode[])
      .filter((code) => REASONS[code].check === name)
      .map((code) => `\`${code}\``)
      .join(', ')}`,
).join('; ');

const Bilingual = z
  .object({ zh: z.string().check(z.describe('Chinese (shown first)')), en: z.string().check(z.describe('English')) })
  .check(z.meta({ id: 'BilingualText' }));

const Check = z
  .object({
    name: z
      .enum(CHECK_NAMES)
      .check(
        z.describe(
          "`signature`: the QR's signature; `pdfSignature`: an uploaded PDF's own PAdES signature (files only)",
        ),
      ),
    outcome: z.enum(CHECK_OUTCOMES).check(z.describe('`unavailable`: a dependency could not be reached; never green')),
    code: z
      .string()
      .check(
        z.describe(
          `Stable reason code, one of the catalogue's (\`lambdas/domain/verification/reasons.ts\`): ${CODE_LIST}`,
        ),
      ),
    reason: Bilingual,
    warning: z.optional(Bilingual).check(z.describe('Present when a newer certificate version exists')),
  })
  .check(z.meta({ id: 'VerificationCheck' }));

const Day = z.iso.date();

const PublicCertificate = z
  .object({
    licenceNo: z.string().check(z.describe('Canonical licence number, e.g. `(鄂)XK05-001-00042`')),
    version: z.number().check(z.int(), z.minimum(1)),
    latestVersion: z.number().check(z.int(), z.minimum(1)),
    enterpriseName: z.string(),
    uscc: z.string().check(z.length(18)),
    products: z.array(z.object({ name: z.string(), nameEn: z.optional(z.string()) })),
    issueDate: Day,
    validUntil: Day.check(z.describe('Last day of validity (Asia/Shanghai)')),
    issuingAuthority: z.string(),
    status: z.enum(CERTIFICATE_STATUSES),
    statusChangedAt: z.optional(z.union([z.iso.datetime({ offset: true }), Day])),
    publicReason: z.optional(z.string()).check(z.describe('The reason the authority published with a status change')),
    statusListIndex: z
      .optional(z.number().check(z.int(), z.minimum(0)))
      .check(z.describe("The licence's slot in the signed status list (docs/status-list.md)")),
  })
  .check(z.meta({ id: 'PublicCertificate' }));

const SignedClaims = z
  .object({
    licenceNo: z.string(),
    version: z.number().check(z.int(), z.minimum(1)),
    uscc: z.string(),
    issueDate: Day,
    validUntil: Day,
  })
  .check(z.meta({ id: 'SignedClaims' }));

const Base64Hash = z.string().check(z.regex(/^[A-Za-z0-9+/]{43}=$/), z.describe('A SHA-256 hash, base64'));

/** A version's transparency-log inclusion (`LogInclusion`). */
export const LogInclusionBody = z
  .discriminatedUnion('state', [
    z.object({
      state: z.literal('included'),
      index: z.number().check(z.int(), z.minimum(0)),
      treeSize: z.number().check(z.int(), z.minimum(1)),
      entry: z
        .string()
        .check(z.describe('The entry (canonical bytes, base64); its leaf hash is SHA-256(0x00 ‖ entry)')),
      proof: z.array(Base64Hash).check(z.describe('The audit path, leaf to root (RFC 9162 §2.1.3)')),
      checkpoint: z.string().check(z.describe('The signed checkpoint (C2SP signed note) the proof leads to')),
      text: Bilingual,
    }),
    z.object({ state: z.enum(['pending', 'missing', 'unavailable']), text: Bilingual }),
  ])
  .check(z.meta({ id: 'LogInclusion' }));

/**
 * The verification answer.
 *
 * @example
 * VerificationResultBody.parse(JSON.parse(response.body));
 */
export const VerificationResultBody = z
  .object({
    verdict: z.enum(VERDICTS),
    mode: z.enum(VERIFICATION_MODES),
    signatureValid: z.boolean().check(z.describe('The QR signature verified (says nothing about status)')),
    summary: Bilingual,
    checks: z.array(Check).check(z.length(CHECK_NAMES.length), z.describe('All seven checks, in this fixed order')),
    claims: z.nullable(SignedClaims).check(z.describe('Verified signed claims; null unless the signature passed')),
    certificate: z
      .nullable(PublicCertificate)
      .check(z.describe('Public register fields; null unless the record matched')),
    statusAsOf: z
      .nullable(z.iso.datetime({ offset: true }))
      .check(z.describe('When the status was read; null if not read')),
    checkedAt: z.iso.datetime({ offset: true }),
    log: z.optional(LogInclusionBody).check(z.describe("The version's issuance entry in the public transparency log")),
  })
  .check(
    z.superRefine((r, ctx) => {
      r.checks.forEach((c, i) => {
        if (c.name !== CHECK_NAMES[i]) ctx.addIssue({ code: 'custom', path: ['checks', i, 'name'], message: 'order' });
      });
      const signature = r.checks.find((c) => c.name === 'signature');
      if (r.signatureValid !== (signature?.outcome === 'pass')) {
        ctx.addIssue({ code: 'custom', path: ['signatureValid'], message: 'must equal signature check passed' });
      }
      if (r.verdict === 'valid' && (r.mode === 'offline' || !r.certificate || !r.statusAsOf)) {
        ctx.addIssue({ code: 'custom', path: ['verdict'], message: 'valid needs online status and a certificate' });
      }
      if (r.verdict === 'valid' && r.checks.some((c) => c.outcome !== 'pass' && !NEUTRAL_SKIPS.includes(c.code))) {
        ctx.addIssue({ code: 'custom', path: ['verdict'], message: 'valid needs every check to pass' });
      }
    }),
  )
  .check(
    z.meta({
      id: 'VerificationResult',
      description: 'The answer to one verification: verdict, the seven ordered checks and the public certificate view.',
      examples: [
        EXAMPLE_RESULTS.valid,
        EXAMPLE_RESULTS.revoked,
        EXAMPLE_RESULTS.forged,
        EXAMPLE_RESULTS.offline,
        EXAMPLE_RESULTS.alteredFile,
      ],
    }),
  );

// The schema and the model must describe the same thing; this line stops compiling if they drift apart.
export type VerificationResultJson = z.infer<typeof VerificationResultBody>;
const _modelFitsSchema = ({ log, ...r }: VerificationResult): VerificationResultJson => ({
  ...r,
  checks: [...r.checks],
  certificate: r.certificate && { ...r.certificate, products: [...r.certificate.products] },
  ...(log ? { log: log.state === 'included' ? { ...log, proof: [...log.proof] } : log } : {}),
});
void _modelFitsSchema;
