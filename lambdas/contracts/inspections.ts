/** Contracts of the post-issuance review routes (list, record a result) and the working-day calendar admin route. */
import { z } from 'zod';
import { INSPECTION_STATES } from '../domain/inspection';
import { defineRoute, STAFF } from './route';
import { printable } from './text';

/** Free text that may span lines (comments, findings). */
const multiline = (schema: z.ZodString) => printable(schema, { multiline: true });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const InspectionView = z
  .object({
    id: z.string(),
    kind: z.enum(['routine-inspection', 'on-site-review']),
    licenceNo: z.string(),
    uscc: z.string(),
    enterpriseName: z.string(),
    applicationId: z.string(),
    scheduledOn: z.string(),
    dueOn: z.string(),
    state: z.enum(INSPECTION_STATES),
    rectifyBy: z.string().optional(),
    history: z.array(
      z.object({
        at: z.string(),
        actor: z.object({ id: z.string(), role: z.string() }),
        event: z.string(),
        result: z.record(z.string(), z.unknown()).optional(),
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

export const listInspectionsRoute = defineRoute({
  operationId: 'listInspections',
  method: 'GET',
  path: '/v1/inspections',
  summary: 'Scheduled post-issuance reviews, by due date: `due` (scheduled) or `overdue` (marked by the job)',
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
      example: { items: [inspectionExample] },
    },
  },
});

export const InspectionResultBody = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('pass'), comment: multiline(z.string().trim().max(1000)).optional() }).strict(),
    z
      .object({
        outcome: z.literal('rectify'),
        rectifyBy: date,
        findings: multiline(z.string().trim().min(1).max(2000)),
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
      })
      .strict(),
  ])
  .meta({ id: 'InspectionResult' });

export const recordInspectionResultRoute = defineRoute({
  operationId: 'recordInspectionResult',
  method: 'POST',
  path: '/v1/inspections/{inspectionId}/result',
  summary: 'Record pass, rectify (with a deadline) or fail (revokes the licence as a system action citing the review)',
  tags: ['inspections'],
  access: ['reviewer'],
  request: {
    params: z.object({ inspectionId: z.string().regex(/^INSP-APP-\d{8}-[A-Z0-9]{10}$/) }),
    body: InspectionResultBody,
    bodyExample: { outcome: 'fail', findings: '生产设备与申报不符', inspectors: ['张三', '李四'] },
  },
  responses: {
    200: { description: 'The review', schema: InspectionView, example: { ...inspectionExample, state: 'failed' } },
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
        })
        .meta({ id: 'StoredYearSchedule' }),
      example: {
        year: 2027,
        holidays: ['2027-01-01'],
        workdays: ['2027-02-06'],
        loadedBy: 'admin-1',
        loadedAt: '2026-12-01T02:00:00.000Z',
        recomputedDeadlines: 3,
      },
    },
  },
});
