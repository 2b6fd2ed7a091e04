/**
 * GET /console/workbench/statistics — 统计: the figures of `GET /v1/stats` (the same use case, for the period chosen
 * in the page's plain GET form) as SVG charts with their tables. A period the use case refuses (`DATE_INVALID`,
 * `STATS_PERIOD_INVALID`) is the form again (400) with the reason beside its field.
 */
import { statsDeps } from '../../composition/stats';
import { consoleWorkbenchStatisticsRoute } from '../../contracts/console-workbench';
import { ValidationError } from '../../domain/errors';
import { statisticsBody } from '../../presenters/console/workbench-statistics';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { getStats, type StatsDeps } from '../../use-cases/applications/stats';

const TITLE = { zh: '统计', en: 'Statistics' };

/**
 * The page, through the API's own statistics use case.
 *
 * @example
 * await statisticsPage(statsDeps(), request);
 */
export async function statisticsPage(
  deps: StatsDeps,
  { query, ctx }: ConsoleRequest<typeof consoleWorkbenchStatisticsRoute>,
): Promise<ConsoleResult> {
  // A blank date field arrives empty: the default for that bound.
  const from = query.from?.trim() || undefined;
  const to = query.to?.trim() || undefined;
  const period = { from: from ?? '', to: to ?? '' };
  try {
    const stats = await getStats(deps, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    return { kind: 'page', title: TITLE, body: statisticsBody({ stats, period }, ctx).toString() };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const field = error.details.issues?.[0]?.field === 'to' ? 'to' : 'from';
    return {
      kind: 'page',
      status: 400,
      title: TITLE,
      body: statisticsBody({ period: { ...period, error: { code: error.code, field } } }, ctx).toString(),
    };
  }
}

const deps = statsDeps();

export const handler = consoleRoute(consoleWorkbenchStatisticsRoute, (r) => statisticsPage(deps, r));
