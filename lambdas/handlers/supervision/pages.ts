/**
 * 一公开's pages: `GET /supervision/plans` (the published plans, paged with a sealed cursor) and
 * `GET /supervision/plans/{planId}` (one plan: commitment before the draw; draw, proof and results after it). No
 * sign-in. Errors are pages too: 400 for a malformed id or cursor, 404 for an unknown plan or a draft.
 *
 * @example
 * // GET /supervision/plans/PLAN-20261205-K3M9Q2ZT7A?text=large → the plan page in larger text
 */
import { cursorGuard } from '../../composition/cursors';
import { supervisionDeps } from '../../composition/supervision';
import { publicPlanPageRoute, publicPlansPageRoute } from '../../contracts/supervision-pages';
import { publicPlanView } from '../../presenters/supervision-view';
import {
  largeTextOf,
  renderPlanListPage,
  renderSupervisionErrorPage,
  SUPERVISION_PAGE_HEADERS,
} from '../../presenters/web/supervision-pages';
import { renderPlanPage } from '../../presenters/web/supervision-plan-page';
import { config } from '../../shared/config';
import type { HttpEvent } from '../../shared/http';
import { type PublicPageOptions, publicPageRoute } from '../../shared/public-page-route';
import { listPlans, publishedPlan } from '../../use-cases/supervision/plans';

const deps = supervisionDeps();
const baseUrl = config().publicBaseUrl;
const disclosure = config().inspectorDisclosure;
const PAGE_SIZE = 20;

/** The request's path and query without `text` (the large-text switch sets it). */
function hereOf(event: HttpEvent): string {
  const query = new URLSearchParams(event.rawQueryString ?? '');
  query.delete('text');
  const rest = query.toString();
  return `${event.rawPath}${rest ? `?${rest}` : ''}`;
}

const pageOptions: PublicPageOptions = {
  headers: SUPERVISION_PAGE_HEADERS,
  errorPage: (error, event) =>
    renderSupervisionErrorPage(error, { largeText: largeTextOf(event.rawQueryString), here: hereOf(event) }),
  displayOnly: ['text'],
};

export const list = publicPageRoute(
  publicPlansPageRoute,
  async ({ query, nextPage, event }) => {
    const page = await listPlans(deps, 'public', {
      limit: query.limit ?? PAGE_SIZE,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    const next = await nextPage(page.cursor);
    return {
      markup: renderPlanListPage(
        { items: page.items.map((p) => publicPlanView(p)), next, first: !query.cursor, here: hereOf(event) },
        { largeText: query.text === 'large' },
      ),
    };
  },
  { ...pageOptions, cursors: cursorGuard() },
);

export const get = publicPageRoute(
  publicPlanPageRoute,
  async ({ params, query }) => {
    const { plan, checks, names } = await publishedPlan(deps, params.planId, { disclosure });
    return {
      markup: renderPlanPage(publicPlanView(plan, checks, names), { largeText: query.text === 'large', baseUrl }),
    };
  },
  pageOptions,
);
