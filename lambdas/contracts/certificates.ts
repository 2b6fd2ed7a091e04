/**
 * Contracts of the certificate routes (issue, read, list, download, status). Semantic checks (USCC check character,
 * known products, printable text, transitions) happen in the domain; these schemas check shape, types and sizes.
 */
import { z } from 'zod';
import { CERTIFICATE_STATUSES, STATUS_ACTIONS } from '../domain/certificate-status';
import { LICENCE_NUMBER_PATTERN, LicenceNumber } from '../domain/licence-number';
import { PROCEDURES } from '../domain/procedure';
import { TEXT_LIMITS } from '../domain/text';
import { PostalAddressBody } from './postal-address';
import { defineRoute, idempotencyKey, STAFF } from './route';
import { printable } from './text';
import { parsedBy } from './value-objects';

const text = (max: number, description: string) => printable(z.string().trim().min(1).max(max)).describe(description);

/**
 * A licence number in a request — a path parameter, or a body field of an application — parsed here, once, into the
 * {@link LicenceNumber} value object: printed or URL-safe form, full-width forms normalised. A malformed number is a
 * 400 with the value object's own code and message (`LICENCE_NUMBER_FORMAT`, `LICENCE_NUMBER_PROVINCE`, …) naming the
 * field (`path.licenceNo`, `body.licenceNo`); the OpenAPI document describes the text. A path parameter arrives
 * percent-decoded (API Gateway decodes path parameters; the local gateway does the same), so it is parsed as it is:
 * decoding it again would turn an encoded `%` (`%2528`) into a different character.
 *
 * @example
 * LicenceNoParam.parse('42-XK06-001-00001').toString(); // '(鄂)XK06-001-00001'
 */
export const LicenceNoParam = z
  .string()
  .min(10)
  .max(40)
  .transform(parsedBy((text) => LicenceNumber.parse(text)))
  .describe(
    'Licence number, printed form `(鄂)XK06-001-00001` (URL-encoded) or URL-safe form `42-XK06-001-00001`; ' +
      'full-width forms as a Chinese IME types them are read too',
  )
  // The canonical forms, for the document (zod drops a transform's `examples` from the input schema); not enforced
  // here, so the full-width forms still reach the parser.
  .meta({ pattern: LICENCE_NUMBER_PATTERN });

const IdempotencyHeaders = z.object({
  'idempotency-key': idempotencyKey(
    'Client-chosen key (e.g. a UUID): the same key and body returns the same certificate',
  ),
});

export const EnterpriseBody = z.object({
  name: text(TEXT_LIMITS.enterpriseName * 2, '企业名称 Enterprise name'),
  uscc: z.string().trim().length(18).describe('统一社会信用代码 Unified social credit code (18 characters)'),
  domicile: text(TEXT_LIMITS.domicile * 2, '住所 Registered domicile'),
  productionAddresses: z
    .array(text(TEXT_LIMITS.productionAddress * 2, '生产地址 Production address'))
    .min(1)
    .max(TEXT_LIMITS.productionAddresses),
});

export const DecisionBody = z.object({
  publicReason: text(TEXT_LIMITS.publicReason * 2, 'Reason shown to verifiers'),
  legalBasis: text(TEXT_LIMITS.legalBasis * 2, 'Legal basis of the decision'),
  internalNotes: printable(
    z
      .string()
      .trim()
      .max(TEXT_LIMITS.internalNotes * 2),
  )
    .optional()
    .describe('Staff-only notes'),
});

export const IssueCertificateBody = z
  .object({
    enterprise: EnterpriseBody,
    products: z
      .array(z.string().regex(/^\d{2}-\d{3}$/, 'product key `CC-PPP`, e.g. `06-001`'))
      .min(1)
      .max(50)
      .describe('Catalogue product keys; the first decides the licence number of a new certificate'),
    decision: DecisionBody.optional(),
    paperCopy: z
      .object({ address: PostalAddressBody })
      .strict()
      .optional()
      .describe('Mail the paper certificate (free of charge) to this address; personal data, never shown publicly'),
  })
  .strict()
  .meta({ id: 'IssueCertificateRequest' });

const issueExample = {
  enterprise: {
    name: '湖北长江线缆股份有限公司',
    uscc: '91420100MA4K2X1R09',
    domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
    productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
  },
  products: ['06-001'],
};

const StatusChangeView = z.object({
  from: z.enum(CERTIFICATE_STATUSES).nullable(),
  to: z.enum(CERTIFICATE_STATUSES),
  at: z.string(),
  actor: z.object({ type: z.enum(['user', 'system']), id: z.string(), role: z.string().optional() }),
  publicReason: z.string(),
  legalBasis: z.string(),
  internalNotes: z.string().optional().describe('Present for staff only'),
});

const ProductView = z.object({
  key: z.string(),
  categoryCode: z.string(),
  productCode: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  categoryName: z.object({ zh: z.string(), en: z.string() }),
});

export const CertificateView = z
  .object({
    licenceNo: z.string().describe('Printed form, e.g. (鄂)XK06-001-00001'),
    licenceNoUrlSafe: z.string().describe('URL-safe form, e.g. 42-XK06-001-00001'),
    version: z.number().int(),
    revision: z.number().int().describe('Changes with every update; send it back as expectedRevision'),
    status: z.enum([...CERTIFICATE_STATUSES, 'expired']).describe('Effective status today (expired is derived)'),
    storedStatus: z.enum(CERTIFICATE_STATUSES),
    procedure: z.enum(PROCEDURES),
    paperSerial: z.string(),
    statusListIndex: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("The licence's slot in the signed status list (docs/status-list.md); absent until it has one"),
    enterprise: z.object({
      name: z.string(),
      uscc: z.string(),
      domicile: z.string(),
      productionAddresses: z.array(z.string()),
    }),
    products: z.array(ProductView),
    firstIssueDate: z.string(),
    issueDate: z.string(),
    validFrom: z.string(),
    validUntil: z.string(),
    issuingAuthority: z.string(),
    pdf: z.object({
      sha256: z.string(),
      size: z.number().int(),
      /**
       * The file's PAdES signature (docs/pdf-signatures.md): `B-T` signed and timestamped, `B-B` signed (a timestamp
       * may follow), `none` without a PDF signature (issued before PDF signatures).
       */
      signature: z.enum(['B-B', 'B-T', 'none']),
    }),
    qr: z.object({ text: z.string() }),
    history: z.array(StatusChangeView),
    earlierChanges: z
      .number()
      .int()
      .optional()
      .describe('Status changes older than those in `history`, left out of it (the audit trail lists every one)'),
    links: z.object({
      self: z.string(),
      pdf: z.string(),
      verify: z.string(),
      status: z.string(),
      dispatches: z.string().describe('Postal dispatches of its paper copies (owner and staff)'),
    }),
  })
  .meta({ id: 'Certificate' });

export const CertificateSummaryView = z.object({
  licenceNo: z.string(),
  licenceNoUrlSafe: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  version: z.number().int(),
  validUntil: z.string(),
  procedure: z.string(),
  links: z.object({ self: z.string() }),
});

export const CertificateList = z
  .object({
    items: z.array(CertificateSummaryView),
    cursor: z.string().optional().describe('Pass back for the next page'),
  })
  .meta({ id: 'CertificateList' });

const certificateExample = {
  licenceNo: '(鄂)XK06-001-00001',
  licenceNoUrlSafe: '42-XK06-001-00001',
  version: 1,
  revision: 1,
  status: 'valid',
  storedStatus: 'valid',
  procedure: 'post-issuance-review',
  paperSerial: '20260000001',
  enterprise: issueExample.enterprise,
  products: [
    {
      key: '06-001',
      categoryCode: '06',
      productCode: '001',
      name: { zh: '电线电缆', en: 'Wires and cables' },
      categoryName: { zh: '电线电缆', en: 'Wires and cables' },
    },
  ],
  firstIssueDate: '2026-11-27',
  issueDate: '2026-11-27',
  validFrom: '2026-11-27',
  validUntil: '2031-11-26',
  issuingAuthority: '湖北省市场监督管理局',
  pdf: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', size: 45210, signature: 'B-T' },
  qr: { text: 'https://permit.amr.hubei.gov.cn/v/AEB2…' },
  history: [
    {
      from: null,
      to: 'valid',
      at: '2026-11-27T02:00:00.000Z',
      actor: { type: 'user', id: 'officer-1', role: 'officer' },
      publicReason: '准予许可 / Licence granted',
      legalBasis: '《中华人民共和国工业产品生产许可证管理条例》',
    },
  ],
  links: {
    self: '/v1/certificates/42-XK06-001-00001',
    pdf: '/v1/certificates/42-XK06-001-00001/pdf',
    verify: '/v1/verify/42-XK06-001-00001',
    status: '/v1/certificates/42-XK06-001-00001/status',
    dispatches: '/v1/certificates/42-XK06-001-00001/dispatches',
  },
};

const listExample = {
  items: [
    {
      licenceNo: '(鄂)XK06-001-00001',
      licenceNoUrlSafe: '42-XK06-001-00001',
      enterpriseName: '湖北长江线缆股份有限公司',
      uscc: '91420100MA4K2X1R09',
      status: 'valid',
      version: 1,
      validUntil: '2031-11-26',
      procedure: 'post-issuance-review',
      links: { self: '/v1/certificates/42-XK06-001-00001' },
    },
  ],
};

const PageQuery = {
  cursor: z.string().max(2048).optional().describe('Cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('Page size (default 25)'),
};

export const issueCertificateRoute = defineRoute({
  operationId: 'issueCertificate',
  method: 'POST',
  path: '/v1/certificates',
  summary: 'Issue a certificate (or a new version adding products to the enterprise’s live one)',
  tags: ['certificates'],
  access: ['officer'],
  request: { headers: IdempotencyHeaders, body: IssueCertificateBody, bodyExample: issueExample },
  responses: {
    201: {
      description: 'Issued (or replayed: header `idempotent-replayed: true`)',
      schema: CertificateView,
      example: certificateExample,
    },
  },
});

export const getCertificateRoute = defineRoute({
  operationId: 'getCertificate',
  method: 'GET',
  path: '/v1/certificates/{licenceNo}',
  summary: 'A certificate with its status history (staff, or the enterprise that holds it)',
  tags: ['certificates'],
  access: [...STAFF, 'enterprise'],
  request: { params: z.object({ licenceNo: LicenceNoParam }) },
  responses: { 200: { description: 'The certificate', schema: CertificateView, example: certificateExample } },
});

export const listCertificatesRoute = defineRoute({
  operationId: 'listCertificates',
  method: 'GET',
  path: '/v1/certificates',
  summary:
    'List certificates, newest first, by enterprise or status, or by enterprise-name prefix in name order (staff)',
  tags: ['certificates'],
  access: STAFF,
  request: {
    query: z.object({
      uscc: z.string().trim().length(18).optional().describe('Only this enterprise'),
      status: z.enum(CERTIFICATE_STATUSES).optional().describe('Only this stored status'),
      namePrefix: z
        .string()
        .max(TEXT_LIMITS.enterpriseName * 2)
        .optional()
        .describe(
          'Enterprises whose name starts with this, in name order (full-width/half-width, letter case and white space ' +
            'do not matter); one filter at a time',
        ),
      ...PageQuery,
    }),
  },
  responses: { 200: { description: 'A page of certificates', schema: CertificateList, example: listExample } },
});

export const listMyCertificatesRoute = defineRoute({
  operationId: 'listMyCertificates',
  method: 'GET',
  path: '/v1/me/certificates',
  summary: 'The calling enterprise’s certificates',
  tags: ['certificates'],
  access: ['enterprise'],
  request: { query: z.object(PageQuery) },
  responses: { 200: { description: 'A page of certificates', schema: CertificateList, example: listExample } },
});

export const downloadCertificateRoute = defineRoute({
  operationId: 'downloadCertificatePdf',
  method: 'GET',
  path: '/v1/certificates/{licenceNo}/pdf',
  summary: 'Download the electronic certificate: 302 to a presigned URL valid 5 minutes (audited)',
  tags: ['certificates'],
  access: [...STAFF, 'enterprise'],
  request: {
    params: z.object({ licenceNo: LicenceNoParam }),
    query: z.object({ version: z.coerce.number().int().min(1).max(65535).optional().describe('Default: current') }),
  },
  responses: {
    302: {
      description: 'Redirect to the PDF',
      headers: { location: { description: 'Presigned S3 URL (≤ 5 minutes)' } },
    },
  },
});

export const ChangeStatusBody = z
  .object({
    action: z.enum(STATUS_ACTIONS),
    publicReason: text(TEXT_LIMITS.publicReason * 2, 'Reason shown to verifiers'),
    legalBasis: text(TEXT_LIMITS.legalBasis * 2, 'Legal basis'),
    internalNotes: printable(
      z
        .string()
        .trim()
        .max(TEXT_LIMITS.internalNotes * 2),
    ).optional(),
    expectedRevision: z.number().int().min(1).optional().describe('Refuse (409) if the certificate changed since'),
  })
  .strict()
  .meta({ id: 'ChangeStatusRequest' });

export const changeStatusRoute = defineRoute({
  operationId: 'changeCertificateStatus',
  method: 'POST',
  path: '/v1/certificates/{licenceNo}/status',
  summary: 'Suspend, reinstate, revoke or cancel a licence (audited; illegal transitions are 409)',
  tags: ['certificates'],
  access: ['officer'],
  request: {
    params: z.object({ licenceNo: LicenceNoParam }),
    body: ChangeStatusBody,
    bodyExample: {
      action: 'suspend',
      publicReason: '责令停产整改',
      legalBasis: '《工业产品生产许可证管理条例》第四十五条',
    },
  },
  responses: {
    200: { description: 'The certificate after the change', schema: CertificateView, example: certificateExample },
  },
});

export const AuditList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        licenceNo: z.string(),
        action: z.string(),
        actor: z.object({ type: z.string(), id: z.string(), role: z.string().optional() }),
        details: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
    cursor: z.string().optional(),
  })
  .meta({ id: 'AuditList' });

export const listAuditRoute = defineRoute({
  operationId: 'listCertificateAudit',
  method: 'GET',
  path: '/v1/certificates/{licenceNo}/audit',
  summary: 'The audit trail of a licence, newest first (staff)',
  tags: ['certificates'],
  access: STAFF,
  request: { params: z.object({ licenceNo: LicenceNoParam }), query: z.object(PageQuery) },
  responses: {
    200: {
      description: 'A page of audit events',
      schema: AuditList,
      example: {
        items: [
          {
            id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
            at: '2026-11-27T02:00:00.000Z',
            licenceNo: '(鄂)XK06-001-00001',
            action: 'certificate.issued',
            actor: { type: 'user', id: 'officer-1', role: 'officer' },
          },
        ],
      },
    },
  },
});
