/**
 * Contracts of 一公开's pages: the published spot-check plans as bilingual HTML for anyone with a browser — no sign-in,
 * no script, no cookie. The same data as the public JSON (`GET /v1/public/supervision/plans…`, see
 * `contracts/supervision.ts`), which each page links to; the JSON's `links.page` points back here.
 *
 * Both pages take `?text=large` (大字 larger text), a plain link on every page that the page's own links keep. A bad
 * request is a page too: 400 for a malformed plan id or cursor, 404 for a plan that is unknown or not yet published
 * (a draft), each naming its error code.
 */
import { z } from 'zod';
import { defineRoute } from './route';
import { PlanParams } from './supervision';

const PAGE_NOTE =
  'Answers `text/html` (zh-CN with English alongside; strict CSP, one hashed inline stylesheet, no script); errors ' +
  'are pages too, with the error code. `?text=large` shows larger text (the page’s links keep it).';

const TextQuery = {
  text: z
    .string()
    .max(16)
    .optional()
    .describe('`large`: larger text (大字); anything else: standard text. Display only: cursors are not bound to it'),
};

const Page = z.string().describe('The HTML page');

export const publicPlansPageRoute = defineRoute({
  operationId: 'publicSupervisionPlansPage',
  method: 'GET',
  path: '/supervision/plans',
  summary: '一公开: the published spot-check plans (frozen and drawn), newest first, as a page — no sign-in',
  description: `${PAGE_NOTE} Paged like the JSON list: the “next page” link carries the sealed cursor.`,
  tags: ['supervision', 'public'],
  access: 'public',
  request: {
    query: z.object({
      cursor: z.string().max(2048).optional().describe('Cursor from the previous page’s “next page” link'),
      limit: z.coerce.number().int().min(1).max(100).optional().describe('Plans per page (default 20)'),
      ...TextQuery,
    }),
  },
  responses: {
    200: { description: 'The page of plans', schema: Page, contentType: 'text/html' },
    400: {
      description: 'A malformed query or cursor (a page naming the code)',
      schema: Page,
      contentType: 'text/html',
    },
  },
});

export const publicPlanPageRoute = defineRoute({
  operationId: 'publicSupervisionPlanPage',
  method: 'GET',
  path: '/supervision/plans/{planId}',
  summary:
    '一公开: one plan as a page — its rules and commitment before the draw; the draw, how to verify it, and the drawn ' +
    'enterprises with their published results after it — no sign-in',
  description: PAGE_NOTE,
  tags: ['supervision', 'public'],
  access: 'public',
  request: { params: PlanParams, query: z.object(TextQuery) },
  responses: {
    200: { description: 'The plan', schema: Page, contentType: 'text/html' },
    400: { description: 'Not a plan id (a page naming the code)', schema: Page, contentType: 'text/html' },
    404: { description: 'No such published plan (unknown, or a draft)', schema: Page, contentType: 'text/html' },
  },
});
