/**
 * Contracts of 双随机、一公开 supervision: the inspectors' registry (admin), the registry of inspection objects and the
 * spot-check plans (officer: create, freeze, draw), and the public, unauthenticated plan pages' JSON (一公开).
 * The draw's record itself is `contracts/supervision-record.ts`.
 */
import { z } from 'zod';
import { PROCEDURES, type Procedure } from '../domain/procedure';
import { PLAN_STATES } from '../domain/supervision/plan';
import { defineRoute, PAGE_QUERY, STAFF } from './route';
import { SupervisionDrawRecord } from './supervision-record';
import { printable } from './text';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const line = (max: number) => printable(z.string().trim().min(1).max(max));
const categoryCode = z.string().regex(/^\d{2}$/, 'a two-digit product category code');
const districtCode = z.string().regex(/^\d{6}$/, 'a six-digit GB/T 2260 division code');
const PageQuery = PAGE_QUERY;
const history = z.array(
  z.object({ at: z.string(), actor: z.object({ id: z.string(), role: z.string() }), event: z.string() }),
);

// ---- inspectors (执法检查人员名录库) -------------------------------------------------------------------------------

export const InspectorParams = z.object({
  inspectorId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/)
    .describe('The admin’s identifier of the inspector (e.g. the law-enforcement certificate number)'),
});

export const InspectorView = z
  .object({
    id: z.string(),
    code: z.string().describe('Stable pseudonymous code: the only name the public record uses'),
    name: z.string(),
    unit: z.string(),
    district: z.string(),
    categories: z.array(z.string()),
    maxChecksPerPlan: z.number().int(),
    active: z.boolean(),
    leave: z.array(z.object({ from: z.string(), to: z.string(), note: z.string().optional() })),
    recusals: z.array(z.object({ uscc: z.string(), reason: z.string(), recordedAt: z.string() })),
    history,
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'Inspector' });

const inspectorExample = {
  id: '4201-2019-0034',
  code: 'INS-7K2M9QXA',
  name: '张三',
  unit: '武汉市市场监督管理局',
  district: '420100',
  categories: ['06'],
  maxChecksPerPlan: 5,
  active: true,
  leave: [],
  recusals: [],
  history: [{ at: '2026-12-01T02:00:00.000Z', actor: { id: 'admin-1', role: 'admin' }, event: 'registered' }],
  links: { self: '/v1/supervision/inspectors/4201-2019-0034' },
};

export const RegisterInspectorBody = z
  .object({
    id: InspectorParams.shape.inspectorId,
    name: line(40),
    unit: line(80),
    district: districtCode,
    categories: z.array(categoryCode).min(1).max(50),
    maxChecksPerPlan: z.number().int().min(1).max(1000),
  })
  .strict()
  .meta({ id: 'RegisterInspector' });

export const registerInspectorRoute = defineRoute({
  operationId: 'registerInspector',
  method: 'POST',
  path: '/v1/supervision/inspectors',
  summary: 'Register an inspector (执法检查人员); a pseudonymous code is assigned for the public record',
  tags: ['supervision'],
  access: ['admin'],
  request: {
    body: RegisterInspectorBody,
    bodyExample: {
      id: '4201-2019-0034',
      name: '张三',
      unit: '武汉市市场监督管理局',
      district: '420100',
      categories: ['06'],
      maxChecksPerPlan: 5,
    },
  },
  responses: { 201: { description: 'Registered', schema: InspectorView, example: inspectorExample } },
});

export const listInspectorsRoute = defineRoute({
  operationId: 'listInspectors',
  method: 'GET',
  path: '/v1/supervision/inspectors',
  summary: 'The inspectors’ registry, by id',
  tags: ['supervision'],
  access: ['officer', 'admin'],
  request: { query: z.object(PageQuery) },
  responses: {
    200: {
      description: 'A page of inspectors',
      schema: z.object({ items: z.array(InspectorView), cursor: z.string().optional() }).meta({ id: 'InspectorList' }),
      example: { items: [inspectorExample] },
    },
  },
});

export const getInspectorRoute = defineRoute({
  operationId: 'getInspector',
  method: 'GET',
  path: '/v1/supervision/inspectors/{inspectorId}',
  summary: 'One inspector with leave, recusals and history',
  tags: ['supervision'],
  access: ['officer', 'admin'],
  request: { params: InspectorParams },
  responses: { 200: { description: 'The inspector', schema: InspectorView, example: inspectorExample } },
});

export const ChangeInspectorBody = z
  .object({
    name: line(40).optional(),
    unit: line(80).optional(),
    district: districtCode.optional(),
    categories: z.array(categoryCode).min(1).max(50).optional(),
    maxChecksPerPlan: z.number().int().min(1).max(1000).optional(),
    active: z.boolean().optional().describe('false retires the inspector: never drawn again'),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one field to change' })
  .meta({ id: 'ChangeInspector' });

export const changeInspectorRoute = defineRoute({
  operationId: 'changeInspector',
  method: 'PATCH',
  path: '/v1/supervision/inspectors/{inspectorId}',
  summary: 'Change an inspector’s particulars, categories, per-plan maximum, or retire them',
  tags: ['supervision'],
  access: ['admin'],
  request: { params: InspectorParams, body: ChangeInspectorBody, bodyExample: { maxChecksPerPlan: 3 } },
  responses: { 200: { description: 'The inspector', schema: InspectorView, example: inspectorExample } },
});

export const LeaveBody = z
  .object({ from: date, to: date, note: printable(z.string().trim().max(200)).optional() })
  .strict()
  .meta({ id: 'InspectorLeave' });

export const addInspectorLeaveRoute = defineRoute({
  operationId: 'addInspectorLeave',
  method: 'POST',
  path: '/v1/supervision/inspectors/{inspectorId}/leave',
  summary: 'Record a period of leave: the inspector is not drawn for a plan whose check window meets it',
  tags: ['supervision'],
  access: ['admin'],
  request: { params: InspectorParams, body: LeaveBody, bodyExample: { from: '2027-01-04', to: '2027-01-08' } },
  responses: { 200: { description: 'The inspector', schema: InspectorView, example: inspectorExample } },
});

export const RecusalBody = z
  .object({
    uscc: z.string().trim().length(18).describe('统一社会信用代码 of the enterprise (18 characters)'),
    reason: line(200),
  })
  .strict()
  .meta({ id: 'InspectorRecusal' });

export const addInspectorRecusalRoute = defineRoute({
  operationId: 'addInspectorRecusal',
  method: 'POST',
  path: '/v1/supervision/inspectors/{inspectorId}/recusals',
  summary: 'Record a recusal (回避): the inspector is never sent to that enterprise (the reason stays private)',
  tags: ['supervision'],
  access: ['admin'],
  request: {
    params: InspectorParams,
    body: RecusalBody,
    bodyExample: { uscc: '91420100MA4K2X1R09', reason: '近亲属在该企业任职' },
  },
  responses: { 200: { description: 'The inspector', schema: InspectorView, example: inspectorExample } },
});

// ---- inspection objects (检查对象名录库) ---------------------------------------------------------------------------

const ScopeFields = {
  categories: z.array(categoryCode).max(50).default([]).describe('Product category codes; empty: any'),
  districts: z
    .array(z.string().regex(/^\d{2}(\d{2}){0,2}$/, 'a GB/T 2260 prefix: 2, 4 or 6 digits'))
    .max(50)
    .default([])
    .describe('Division-code prefixes (province, city, county) of the USCC; empty: any'),
  procedures: z.array(z.enum(PROCEDURES)).max(3).default([]).describe('Empty: any'),
};

/** A comma-separated list of items matching `item` (one pattern for the whole text, so OpenAPI states it exactly). */
const commaList = (item: string, maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .regex(new RegExp(`^(${item})(,(${item}))*$`))
    .optional()
    .transform((s) => (s ? [...new Set(s.split(','))] : []));

export const listInspectionObjectsRoute = defineRoute({
  operationId: 'listInspectionObjects',
  method: 'GET',
  path: '/v1/supervision/enterprises',
  summary:
    'The registry of inspection objects: licences valid today, by category, district prefix and procedure (a page ' +
    'may hold fewer than asked; follow the cursor)',
  tags: ['supervision'],
  access: STAFF,
  request: {
    query: z.object({
      category: commaList('\\d{2}', 150).describe('Comma-separated category codes, e.g. `06,16`'),
      district: commaList('\\d{2}(\\d{2}){0,2}', 350).describe(
        'Comma-separated division-code prefixes, e.g. `4201,4202`',
      ),
      procedure: z
        .string()
        .max(100)
        .regex(new RegExp(`^(${PROCEDURES.join('|')})(,(${PROCEDURES.join('|')}))*$`))
        .optional()
        .transform((s) => (s ? ([...new Set(s.split(','))] as Procedure[]) : []))
        .describe('Comma-separated procedures'),
      ...PageQuery,
    }),
  },
  responses: {
    200: {
      description: 'A page of licences in the scope',
      schema: z
        .object({
          items: z.array(
            z.object({
              licenceNo: z.string(),
              enterpriseName: z.string(),
              uscc: z.string(),
              district: z.string(),
              categories: z.array(z.string()),
              procedure: z.string(),
              validUntil: z.string(),
            }),
          ),
          cursor: z.string().optional(),
        })
        .meta({ id: 'InspectionObjectList' }),
    },
  },
});

// ---- plans (抽查计划) ---------------------------------------------------------------------------------------------

export const PlanParams = z.object({
  planId: z
    .string()
    .regex(/^PLAN-\d{8}-[A-Z0-9]{10}$/)
    .describe('Plan id'),
});

const SampleSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('count'), count: z.number().int().min(1).max(100_000) }).strict(),
    z
      .object({ kind: z.literal('ratio'), basisPoints: z.number().int().min(1).max(10_000).describe('1 = 0.01 %') })
      .strict(),
  ])
  .describe('How many enterprises: a count, or a ratio of the candidates rounded up');

export const CreatePlanBody = z
  .object({
    name: line(100),
    legalBasis: line(500),
    scope: z.object(ScopeFields).strict().default({ categories: [], districts: [], procedures: [] }),
    sample: SampleSchema,
    inspectorsPerCheck: z.number().int().min(0).max(20).describe('At least 2 (422 otherwise)'),
    excludeOwnDistrict: z.boolean().default(true).describe('Never send an inspector into their own district'),
    window: z.object({ from: date, to: date }).strict().describe('The check window; checks are due by `to`'),
    entropy: z
      .object({
        source: line(200).describe('The public body and the value it publishes'),
        date: date.describe('The day it publishes the value (today or later)'),
        format: z.enum(['decimal', 'hex']),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'CreateSupervisionPlan' });

const planExample = {
  id: 'PLAN-20261205-K3M9Q2ZT7A',
  name: '2026年第四季度电线电缆产品双随机抽查',
  legalBasis: '《工业产品生产许可证管理条例》第三十八条；《市场监督管理行政处罚程序规定》',
  scope: { categories: ['06'], districts: ['4201'], procedures: [] },
  rules: { sample: { kind: 'count', count: 30 }, inspectorsPerCheck: 2, excludeOwnDistrict: true },
  window: { from: '2026-12-14', to: '2027-01-29' },
  entropy: { source: '中国福利彩票双色球第2026141期开奖号码', date: '2026-12-08', format: 'decimal' },
  state: 'frozen',
  commitment: {
    at: '2026-12-05T02:00:00.000Z',
    enterpriseDigest: '5c0f…',
    inspectorDigest: '91aa…',
    commitment: '66687aad…',
    enterpriseCount: 500,
    inspectorCount: 20,
    sampleSize: 30,
  },
  links: {
    self: '/v1/supervision/plans/PLAN-20261205-K3M9Q2ZT7A',
    public: '/v1/public/supervision/plans/PLAN-20261205-K3M9Q2ZT7A',
  },
};

const PlanFields = {
  id: z.string(),
  name: z.string(),
  legalBasis: z.string(),
  scope: z.object({
    categories: z.array(z.string()),
    districts: z.array(z.string()),
    procedures: z.array(z.string()),
  }),
  rules: z.object({
    sample: z.union([
      z.object({ kind: z.literal('count'), count: z.number() }),
      z.object({ kind: z.literal('ratio'), basisPoints: z.number() }),
    ]),
    inspectorsPerCheck: z.number(),
    excludeOwnDistrict: z.boolean(),
  }),
  window: z.object({ from: z.string(), to: z.string() }),
  entropy: z.object({
    source: z.string(),
    date: z.string(),
    format: z.enum(['decimal', 'hex']),
    value: z.string().optional().describe('Entered at the draw'),
  }),
  state: z.enum(PLAN_STATES),
  commitment: z
    .object({
      at: z.string(),
      enterpriseDigest: z.string(),
      inspectorDigest: z.string(),
      commitment: z.string().describe('SHA-256 of the secret, published before the draw'),
      enterpriseCount: z.number().int(),
      inspectorCount: z.number().int(),
      sampleSize: z.number().int(),
    })
    .optional()
    .describe('Published when the plan is frozen'),
  draw: z
    .object({
      at: z.string(),
      secret: z.string().describe('Revealed by the draw'),
      seed: z.string(),
      drawn: z.number().int(),
      skipped: z.number().int(),
      shortfall: z.number().int(),
      complete: z.boolean(),
    })
    .optional(),
};

export const PlanView = z
  .object({
    ...PlanFields,
    createdAt: z.string(),
    createdBy: z.string(),
    history,
    links: z.object({ self: z.string(), public: z.string(), record: z.string().optional() }),
  })
  .meta({ id: 'SupervisionPlan' });

export const createPlanRoute = defineRoute({
  operationId: 'createSupervisionPlan',
  method: 'POST',
  path: '/v1/supervision/plans',
  summary: 'Create a spot-check plan (抽查计划), a draft until frozen',
  tags: ['supervision'],
  access: ['officer'],
  request: {
    body: CreatePlanBody,
    bodyExample: {
      name: planExample.name,
      legalBasis: planExample.legalBasis,
      scope: planExample.scope,
      sample: { kind: 'count', count: 30 },
      inspectorsPerCheck: 2,
      excludeOwnDistrict: true,
      window: planExample.window,
      entropy: planExample.entropy,
    },
  },
  responses: {
    201: {
      description: 'The draft',
      schema: PlanView,
      example: { ...planExample, state: 'draft', commitment: undefined },
    },
  },
});

export const listPlansRoute = defineRoute({
  operationId: 'listSupervisionPlans',
  method: 'GET',
  path: '/v1/supervision/plans',
  summary: 'Spot-check plans, newest first (drafts included)',
  tags: ['supervision'],
  access: STAFF,
  request: { query: z.object(PageQuery) },
  responses: {
    200: {
      description: 'A page of plans',
      schema: z.object({ items: z.array(PlanView), cursor: z.string().optional() }).meta({ id: 'SupervisionPlanList' }),
    },
  },
});

export const getPlanRoute = defineRoute({
  operationId: 'getSupervisionPlan',
  method: 'GET',
  path: '/v1/supervision/plans/{planId}',
  summary: 'One plan with its history',
  tags: ['supervision'],
  access: STAFF,
  request: { params: PlanParams },
  responses: { 200: { description: 'The plan', schema: PlanView, example: planExample } },
});

export const freezePlanRoute = defineRoute({
  operationId: 'freezeSupervisionPlan',
  method: 'POST',
  path: '/v1/supervision/plans/{planId}/freeze',
  summary:
    'Freeze a draft: fix both candidate lists, publish their SHA-256 digests and the commitment H(secret); 422 when ' +
    'the candidates cannot satisfy the plan, 409 when already frozen',
  tags: ['supervision'],
  access: ['officer'],
  request: { params: PlanParams },
  responses: { 200: { description: 'The frozen plan', schema: PlanView, example: planExample } },
});

export const DrawBody = z
  .object({
    entropyValue: z
      .string()
      .max(256)
      .describe('The value the named source published (decimal or hex digits as declared, 8–128 characters)'),
  })
  .strict()
  .meta({ id: 'DrawSupervisionPlan' });

export const drawPlanRoute = defineRoute({
  operationId: 'drawSupervisionPlan',
  method: 'POST',
  path: '/v1/supervision/plans/{planId}/draw',
  summary:
    'Draw a frozen plan with the published entropy value: the secret is revealed, enterprises and inspectors drawn, ' +
    'one inspection scheduled per drawn enterprise; 409 before the entropy’s date or when drawn already',
  tags: ['supervision'],
  access: ['officer'],
  request: { params: PlanParams, body: DrawBody, bodyExample: { entropyValue: '0309141922270611' } },
  responses: { 200: { description: 'The drawn plan', schema: PlanView, example: { ...planExample, state: 'drawn' } } },
});

// ---- 一公开: public, no sign-in -------------------------------------------------------------------------------------

export const PublicCheckView = z
  .object({
    position: z.number().int().describe('1-based, in the order drawn'),
    inspectionId: z.string(),
    enterpriseName: z.string(),
    uscc: z.string(),
    licenceNo: z.string(),
    team: z.array(z.string()).describe('Inspectors’ pseudonymous codes'),
    teamNames: z
      .array(z.string())
      .optional()
      .describe('Their names, in the same order — only where the authority’s disclosure policy publishes them'),
    state: z.string().describe('scheduled, overdue, or the published result'),
    result: z
      .object({
        outcome: z.enum(['pass', 'rectify', 'fail']),
        checkedOn: z.string().optional(),
        publishedAt: z.string(),
        findings: z.string().optional(),
        action: z.string().optional(),
      })
      .optional()
      .describe('Once published'),
  })
  .meta({ id: 'PublicSpotCheck' });

export const PublicPlanView = z
  .object({
    ...PlanFields,
    checks: z.array(PublicCheckView).optional().describe('After the draw: the drawn enterprises and their results'),
    links: z.object({ self: z.string(), page: z.string(), record: z.string().optional() }),
  })
  .meta({ id: 'PublicSupervisionPlan' });

export const listPublicPlansRoute = defineRoute({
  operationId: 'listPublicSupervisionPlans',
  method: 'GET',
  path: '/v1/public/supervision/plans',
  summary: 'Published spot-check plans (frozen and drawn), newest first — no sign-in',
  tags: ['supervision', 'public'],
  access: 'public',
  request: { query: z.object(PageQuery) },
  responses: {
    200: {
      description: 'A page of plans',
      schema: z
        .object({ items: z.array(PublicPlanView), cursor: z.string().optional() })
        .meta({ id: 'PublicSupervisionPlanList' }),
    },
  },
});

export const getPublicPlanRoute = defineRoute({
  operationId: 'getPublicSupervisionPlan',
  method: 'GET',
  path: '/v1/public/supervision/plans/{planId}',
  summary:
    'A plan as published: its commitment before the draw; the draw, the drawn enterprises and their published ' +
    'results after it — no sign-in',
  tags: ['supervision', 'public'],
  access: 'public',
  request: { params: PlanParams },
  responses: { 200: { description: 'The plan', schema: PublicPlanView } },
});

export const getDrawRecordRoute = defineRoute({
  operationId: 'getSupervisionDrawRecord',
  method: 'GET',
  path: '/v1/public/supervision/plans/{planId}/record',
  summary:
    'The draw’s record and proof: everything `npm run verify-draw` needs to recompute it (docs/supervision-draw.md); ' +
    '409 before the draw — no sign-in',
  tags: ['supervision', 'public'],
  access: 'public',
  request: { params: PlanParams },
  responses: { 200: { description: 'The record (format permit-supervision-draw/1)', schema: SupervisionDrawRecord } },
});
