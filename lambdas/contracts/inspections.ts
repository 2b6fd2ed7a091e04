/**
 * Contracts of the inspection routes — post-issuance reviews and supervision spot checks (list, record a result,
 * publish a spot check's result, list publications) — and the working-day calendar admin route.
 */
import { z } from 'zod';
import { FAIL_ACTIONS, INSPECTION_KINDS, INSPECTION_STATES } from '../domain/inspection';
import { defineRoute, STAFF } from './route';
import { printable } from './text';

/** Free text that may span lines (comments, findings). */
const multiline = (schema: z.ZodString) => printable(schema, { multiline: true });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const InspectionView = z
  .object({
    id: z.string(),
    kind: z.enum(INSPECTION_KINDS),
    licenceNo: z.string(),
    uscc: z.string(),
    enterpriseName: z.string(),
    applicationId: z.string().optional().describe('Post-issuance reviews: the application whose issuance scheduled it'),
    plan: z
      .object({ id: z.string(), name: z.string() })
      .optional()
      .describe('Spot checks: the supervision plan that drew the enterprise'),
    team: z.array(z.string()).optional().describe('Spot checks: the inspectors’ pseudonymous codes'),
    scheduledOn: z.string(),
    dueOn: z.string(),
    state: z.enum(INSPECTION_STATES),
    rectifyBy: z.string().optional(),
    publication: z
      .object({
        dueBy: z.string(),
        provisional: z
          .boolean()
          .optional()
          .describe('The count passed through a year whose holidays are not announced: recomputed when loaded'),
        publishedAt: z.string().optional(),
        publishedBy: z.string().optional(),
      })
      .optional()
      .describe('Spot checks with a result: its publication (一公开), due 20 working days after the check'),
    history: z.array(
      z.object({
        at: z.string(),
        actor: z.object({ id: z.string(), role: z.string() }),
        event: z.string(),
        result: z.record(z.string(), z.unknown()).optional(),
        late: z.boolean().optional().describe('A spot check result recorded when the check was late'),
      }),
    ),
    links: z.object({ self: z.string(), certificate: z.string() }),
  })
  .meta({ id: 'Inspection' });

const inspectionExample = {
  id: 'INSP-APP-20261127-K3M9Q2ZT7A',
  kind: 'on-site-review',
  licenceNo: '(鄂)XK06-001-00001',
  uscc: '91420100MA4K2X1R09',
  enterpriseName: '湖北长江线缆股份有限公司',
  applicationId: 'APP-20261127-K3M9Q2ZT7A',
  scheduledOn: '2026-11-27',
  dueOn: '2026-12-27',
  state: 'scheduled',
  history: [{ at: '2026-11-27T03:00:00.000Z', actor: { id: 'system', role: 'system' }, event: 'scheduled' }],
  links: { self: '/v1/inspections/INSP-APP-20261127-K3M9Q2ZT7A', certificate: '/v1/certificates/42-XK06-001-00001' },
};

const spotCheckExample = {
  id: 'INSP-PLAN-20261205-K3M9Q2ZT7A-00001',
  kind: 'spot-check',
  licenceNo: '(鄂)XK06-001-00001',
  uscc: '91420100MA4K2X1R09',
  enterpriseName: '湖北长江线缆股份有限公司',
  plan: { id: 'PLAN-20261205-K3M9Q2ZT7A', name: '2026年电线电缆产品双随机抽查' },
  team: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
  scheduledOn: '2026-12-10',
  dueOn: '2026-12-31',
  state: 'failed',
  publication: { dueBy: '2027-01-13' },
  history: [
    { at: '2026-12-08T03:00:00.000Z', actor: { id: 'system', role: 'system' }, event: 'scheduled' },
    {
      at: '2026-12-15T03:00:00.000Z',
      actor: { id: 'reviewer-1', role: 'reviewer' },
      event: 'fail',
      result: {
        outcome: 'fail',
        findings: '抽检样品导体电阻不合格',
        inspectors: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
        action: 'suspend',
        checkedOn: '2026-12-14',
      },
    },
  ],
  links: {
    self: '/v1/inspections/INSP-PLAN-20261205-K3M9Q2ZT7A-00001',
    certificate: '/v1/certificates/42-XK06-001-00001',
  },
};

/** Either kind of inspection id: a review's `INSP-APP-…` or a spot check's `INSP-PLAN-…-{5-digit position}`. */
const inspectionId = z.string().regex(/^INSP-(APP-\d{8}-[A-Z0-9]{10}|PLAN-\d{8}-[A-Z0-9]{10}-\d{5})$/);

export const listInspectionsRoute = defineRoute({
  operationId: 'listInspections',
  method: 'GET',
  path: '/v1/inspections',
  summary:
    'Scheduled inspections (post-issuance reviews and spot checks), by due date: `due` (scheduled) or `overdue` (marked by the job)',
  tags: ['inspections'],
  access: STAFF,
  request: {
    query: z.object({
      state: z.enum(['due', 'overdue']).default('due'),
      before: date.optional().describe('Only those due on or before this date'),
      cursor: z.string().max(2048).optional(),
      limit: z.coerce.number().int().min(1).max(100).optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of reviews',
      schema: z
        .object({ items: z.array(InspectionView), cursor: z.string().optional() })
        .meta({ id: 'InspectionList' }),
      example: { items: [inspectionExample, { ...spotCheckExample, state: 'scheduled', history: [] }] },
    },
  },
});

/** The day of a spot check (required there; refused on a post-issuance review). */
const checkedOn = date.describe('Spot checks (required): the day of the check, not after today');

export const InspectionResultBody = z
  .discriminatedUnion('outcome', [
    z
      .object({
        outcome: z.literal('pass'),
        comment: multiline(z.string().trim().max(1000)).optional(),
        checkedOn: checkedOn.optional(),
      })
      .strict(),
    z
      .object({
        outcome: z.literal('rectify'),
        rectifyBy: date,
        findings: multiline(z.string().trim().min(1).max(2000)),
        checkedOn: checkedOn.optional(),
      })
      .strict(),
    z
      .object({
        outcome: z.literal('fail'),
        findings: multiline(z.string().trim().min(1).max(2000)),
        inspectors: z
          .array(printable(z.string().trim().min(1).max(64)))
          .min(1)
          .max(10),
        action: z
          .enum(FAIL_ACTIONS)
          .optional()
          .describe('Spot checks: `suspend` (the default) or `revoke`; a post-issuance review accepts only `revoke`'),
        checkedOn: checkedOn.optional(),
      })
      .strict(),
  ])
  .meta({ id: 'InspectionResult' });

export const recordInspectionResultRoute = defineRoute({
  operationId: 'recordInspectionResult',
  method: 'POST',
  path: '/v1/inspections/{inspectionId}/result',
  summary:
    'Record pass, rectify (with a deadline) or fail: a failed review revokes the licence, a failed spot check suspends it (or revokes it when `action` says so) — a system action citing the inspection. A spot check result needs `checkedOn`.',
  tags: ['inspections'],
  access: ['reviewer'],
  request: {
    params: z.object({ inspectionId }),
    body: InspectionResultBody,
    bodyExample: { outcome: 'fail', findings: '生产设备与申报不符', inspectors: ['张三', '李四'] },
  },
  responses: {
    200: { description: 'The review', schema: InspectionView, example: { ...inspectionExample, state: 'failed' } },
  },
});

export const publishSpotCheckResultRoute = defineRoute({
  operationId: 'publishSpotCheckResult',
  method: 'POST',
  path: '/v1/inspections/{inspectionId}/publish',
  summary:
    'Mark a spot check’s latest result as published (一公开; due within 20 working days of the check). 409 when there is none pending.',
  tags: ['inspections'],
  access: ['officer'],
  request: {
    params: z.object({ inspectionId }),
  },
  responses: {
    200: {
      description: 'The spot check, its publication recorded',
      schema: InspectionView,
      example: {
        ...spotCheckExample,
        publication: { dueBy: '2027-01-13', publishedAt: '2026-12-16T02:00:00.000Z', publishedBy: 'officer-1' },
      },
    },
  },
});

export const listPublicationsRoute = defineRoute({
  operationId: 'listSpotCheckPublications',
  method: 'GET',
  path: '/v1/inspections/publications',
  summary:
    'Spot check results awaiting publication, by due date: `pending` (all) or `overdue` (due before today — flagged to staff)',
  tags: ['inspections'],
  access: STAFF,
  request: {
    query: z.object({
      state: z.enum(['pending', 'overdue']).default('pending'),
      cursor: z.string().max(2048).optional(),
      limit: z.coerce.number().int().min(1).max(100).optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of spot checks whose latest result is not yet public',
      schema: z
        .object({ items: z.array(InspectionView), cursor: z.string().optional() })
        .meta({ id: 'SpotCheckPublicationList' }),
      example: { items: [spotCheckExample] },
    },
  },
});

export const CalendarScheduleBody = z
  .object({
    holidays: z.array(date).max(60).describe('Statutory holidays (days off)'),
    workdays: z.array(date).max(30).describe('Adjusted working days (调休上班日, weekend days)'),
  })
  .strict()
  .meta({ id: 'YearSchedule' });

export const putCalendarRoute = defineRoute({
  operationId: 'putWorkingCalendar',
  method: 'PUT',
  path: '/v1/admin/calendar/{year}',
  summary: 'Load a year’s official holiday schedule (no deployment); open deadlines are recomputed',
  tags: ['admin'],
  access: ['admin'],
  request: {
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: CalendarScheduleBody,
    bodyExample: { holidays: ['2027-01-01', '2027-02-05', '2027-02-08'], workdays: ['2027-02-06'] },
  },
  responses: {
    200: {
      description: 'Stored; how many open deadlines changed',
      schema: z
        .object({
          year: z.number().int(),
          holidays: z.array(z.string()),
          workdays: z.array(z.string()),
          loadedBy: z.string(),
          loadedAt: z.string(),
          recomputedDeadlines: z.number().int(),
          recomputedPublications: z.number().int().describe('Pending spot-check publications whose due date moved'),
        })
        .meta({ id: 'StoredYearSchedule' }),
      example: {
        year: 2027,
        holidays: ['2027-01-01'],
        workdays: ['2027-02-06'],
        loadedBy: 'admin-1',
        loadedAt: '2026-12-01T02:00:00.000Z',
        recomputedDeadlines: 3,
        recomputedPublications: 1,
      },
    },
  },
});
