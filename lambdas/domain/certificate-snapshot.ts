/**
 * The record of a certificate — what storage writes and {@link Certificate.rehydrate} reads back — with a zod schema
 * that checks a record before it becomes an entity again. It is plain data except its licence number, which stays the
 * {@link LicenceNumber} value object (its `toJSON` is the printed form, so the record serialises as it always has):
 * storage adapters write the number as text and parse it back once, when they read the record.
 *
 * Error code: `CERTIFICATE_SNAPSHOT_INVALID`.
 */
import { z } from 'zod';
import { CERTIFICATE_STATUSES } from './certificate-status';
import { isLocalDate, type LocalDate } from './dates';
import { LicenceNumber } from './licence-number';
import { PROCEDURES } from './procedure';
import { STATUS_LIST_SIZE } from './status-list/status-list';
import { TEXT_LIMITS } from './text';
import { isUscc, type Uscc } from './uscc';

const localDate = z
  .string()
  .refine(isLocalDate, 'must be a date YYYY-MM-DD')
  .transform((d) => d as LocalDate);
const instant = z.iso.datetime({ offset: true });
const name = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max * 2); // code points ≤ max; UTF-16 units ≤ 2·max

const ActorSnapshot = z.object({
  type: z.enum(['user', 'system']),
  id: text(TEXT_LIMITS.actorId),
  role: text(TEXT_LIMITS.actorRole).optional(),
});

/**
 * Kinds of change that make a new version (or, for `reissue-paper`, a new paper copy of the same version). `migrate`:
 * version 1 of a licence issued by the authority's previous system, brought in by an import (`docs/import.md`).
 *
 * @example
 * VERSION_CHANGE_KINDS.includes(certificate.lastChange.kind); // true
 */
export const VERSION_CHANGE_KINDS = ['issue', 'add-products', 'amend', 'renew', 'reissue-paper', 'migrate'] as const;

/**
 * Schema of a stored certificate, version 1.
 *
 * @example
 * const parsed = CertificateSnapshotSchema.safeParse(item.certificate);
 */
export const CertificateSnapshotSchema = z.object({
  schemaVersion: z.literal(1),
  licenceNumber: z.custom<LicenceNumber>((value) => value instanceof LicenceNumber, 'must be a licence number'),
  version: z.number().int().min(1),
  /** Increases with every change (versions, paper reissues, status changes): the optimistic-lock token. */
  revision: z.number().int().min(1),
  paperSerial: z.string().regex(/^\d{11}$/),
  enterprise: z.object({
    name: text(TEXT_LIMITS.enterpriseName),
    uscc: z
      .string()
      .refine(isUscc, 'must be a unified social credit code')
      .transform((u) => u as Uscc),
    domicile: text(TEXT_LIMITS.domicile),
    productionAddresses: z.array(text(TEXT_LIMITS.productionAddress)).min(1).max(TEXT_LIMITS.productionAddresses),
  }),
  products: z
    .array(
      z.object({
        categoryCode: z.string().regex(/^\d{2}$/),
        productCode: z.string().regex(/^\d{3}$/),
        name,
        categoryName: name,
      }),
    )
    .min(1),
  firstIssueDate: localDate,
  issueDate: localDate,
  validFrom: localDate,
  validUntil: localDate,
  issuingAuthority: text(TEXT_LIMITS.issuingAuthority),
  procedure: z.enum(PROCEDURES),
  status: z.enum(CERTIFICATE_STATUSES),
  history: z
    .array(
      z.object({
        from: z.enum(CERTIFICATE_STATUSES).nullable(),
        to: z.enum(CERTIFICATE_STATUSES),
        actor: ActorSnapshot,
        at: instant,
        publicReason: text(TEXT_LIMITS.publicReason),
        internalNotes: text(TEXT_LIMITS.internalNotes).optional(),
        legalBasis: text(TEXT_LIMITS.legalBasis),
      }),
    )
    .min(1),
  /** Status changes left out of `history` to keep the record bounded (the audit trail keeps every one). */
  earlierChanges: z.number().int().min(0).optional(),
  /**
   * The licence's slot in the published status list (`docs/status-list.md`), the same for every version: drawn at
   * random among free slots at the first issuance; absent on a licence issued before the list until the backfill.
   */
  statusListIndex: z
    .number()
    .int()
    .min(0)
    .max(STATUS_LIST_SIZE - 1)
    .optional(),
  lastChange: z.object({
    kind: z.enum(VERSION_CHANGE_KINDS),
    actor: ActorSnapshot,
    at: instant,
    /** E.g. the application id the change came from. */
    reference: z.string().min(1).max(200).optional(),
  }),
});

/**
 * A certificate as a record: plain data, the licence number a value object.
 *
 * @example
 * const snapshot: CertificateSnapshot = certificate.toSnapshot();
 */
export type CertificateSnapshot = z.output<typeof CertificateSnapshotSchema>;

/**
 * A product as recorded on a certificate (names copied from the catalogue at the time it was added).
 *
 * @example
 * certificate.products[0]; // { categoryCode: '06', productCode: '001', name, categoryName }
 */
export type CertificateProduct = CertificateSnapshot['products'][number];

/**
 * What made the current version (or paper copy).
 *
 * @example
 * certificate.lastChange; // { kind: 'add-products', actor, at: '2026-…Z', reference: 'app-42' }
 */
export type VersionChange = CertificateSnapshot['lastChange'];

/**
 * Kind of {@link VersionChange}.
 *
 * @example
 * const kind: VersionChangeKind = 'renew';
 */
export type VersionChangeKind = (typeof VERSION_CHANGE_KINDS)[number];
