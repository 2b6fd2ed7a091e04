/**
 * Charts drawn on the server as inline SVG (no chart library, nothing from a CDN, no script): horizontal bars, stacked
 * bars and a single share bar. Each is an `<svg role="img">` named by its own `<title>` and `<desc>` (what it shows);
 * the page puts the data table beside it, and the table is the accessible source.
 *
 * Strict CSP: only SVG presentation attributes (`fill`, `stroke`, `font-size`, …), never a `style` attribute; the
 * stylesheet's `.chart*` classes size the SVG (it scales with its `viewBox`, so it fits 360 px and grows with large
 * text). Series are told apart by more than colour: each stacked series has its own fill pattern (solid, stripes,
 * dots) shown in a legend with its name, and every bar carries its value as text at its end.
 *
 * Every drawn bar is a `<g class="chart__bar">` with `data-label` and `data-value` (a stacked segment also
 * `data-series`), and its `<rect>`'s width is the value on the chart's scale, so a test can read a chart back and compare
 * it with its table. Geometry: {@link niceTicks} and {@link scaleWidth}.
 *
 * @example
 * barChart({ id: 'overdue', title: '逾期核查', description: '按到期周统计', bars: [{ label: 'W49', value: 2 }] });
 */
import { escapeHtml, html, type SafeHtml, trusted } from '../web/escape';

/** The viewBox is this wide; the page scales it to the column (see `.chart__svg`). */
export const VIEW_WIDTH = 360;
/** Text and bar sizes in viewBox units; large-text mode (大字模式) draws both a quarter larger. */
const FONT = 16;
const BAR = 20;
const LARGE = 1.25;
const ROW_GAP = 10;
/** Room at each bar's end for its value. */
const VALUE_ROOM = 56;
/** Room under the bars for the axis's tick labels. */
const AXIS_ROOM = 26;
/** A label this wide (estimated) or narrower sits left of its bar; longer labels go above it. */
const MAX_LEFT_LABEL = 110;

const TEXT_COLOUR = '#1a1a1a';
const GRID_COLOUR = '#8a93a3';

/** One bar: its label, its value (null: no figure, nothing drawn) and, optionally, how the value is written. */
export interface Bar {
  readonly label: string;
  readonly value: number | null;
  readonly valueText?: string;
}

/** What every chart is called and how it is described to assistive technology; `id` is unique on the page. */
export interface ChartText {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Large-text mode: the chart's text and bars a quarter larger (the viewBox keeps its width). */
  readonly large?: boolean;
}

/** A stacked series: its key in each row's values and its name in the legend. */
export interface Series {
  readonly key: string;
  readonly label: string;
}

/**
 * Axis ticks from 0 to a round maximum at or above `max`: a step of 1, 2 or 5 × 10ⁿ giving at most `count` steps
 * (whole numbers for counts). No data or all zero still gets an axis: 0 and 1.
 *
 * @example
 * niceTicks(7); // [0, 2, 4, 6, 8]
 * niceTicks(0); // [0, 1]
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}

/**
 * The width of a bar for `value` on a scale whose top tick is `top`, over `plot` units: proportional, never wider
 * than the plot; a value above zero is at least half a unit wide, so a tiny one beside a huge one still shows.
 *
 * @example
 * scaleWidth(3, 6, 240); // 120
 */
export function scaleWidth(value: number, top: number, plot: number): number {
  if (!(value > 0) || !(top > 0)) return 0;
  return Math.min(plot, Math.max(0.5, (value / top) * plot));
}

/**
 * A number as a chart writes it: in full up to 9,999, compact beyond (1.2万 / 12K), so it fits beside its bar.
 *
 * @example
 * chartNumber(12_345, 'zh-CN'); // '1.2万'
 */
export function chartNumber(value: number, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (Math.abs(value) < 10_000) return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** The width of a text in viewBox units, estimated: a CJK character or `%` is an em, anything else about 0.6 em. */
export function textWidth(text: string, size = FONT): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uff00-\uffef%]/.test(ch) ? 1 : 0.6;
  return em * size;
}

const round = (n: number): string => String(Math.round(n * 100) / 100);

interface Frame {
  readonly font: number;
  readonly bar: number;
  readonly labelWidth: number;
  readonly labelAbove: boolean;
  readonly plotX: number;
  readonly plotWidth: number;
  readonly rowHeight: number;
}

/** Where labels go (left of the bars when they are short, above otherwise) and the plot's extent. */
function frameFor(labels: readonly string[], large = false): Frame {
  const font = large ? FONT * LARGE : FONT;
  const bar = large ? BAR * LARGE : BAR;
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, font)));
  const labelAbove = widest > MAX_LEFT_LABEL * (large ? LARGE : 1);
  const labelWidth = labelAbove ? 0 : Math.ceil(widest) + 8;
  const plotX = labelWidth + 2;
  return {
    font,
    bar,
    labelWidth,
    labelAbove,
    plotX,
    plotWidth: VIEW_WIDTH - plotX - VALUE_ROOM * (large ? LARGE : 1),
    rowHeight: labelAbove ? font + 6 + bar + ROW_GAP : bar + ROW_GAP,
  };
}

/** The `<svg>` element around a chart's content, named by its title and description. */
function svg(text: ChartText, frame: Frame, height: number, content: string): SafeHtml {
  const id = escapeHtml(text.id);
  return trusted(
    `<svg class="chart__svg" viewBox="0 0 ${VIEW_WIDTH} ${round(height)}" role="img" ` +
      `aria-labelledby="${id}-title ${id}-desc" font-size="${frame.font}" fill="${TEXT_COLOUR}">` +
      `<title id="${id}-title">${escapeHtml(text.title)}</title><desc id="${id}-desc">${escapeHtml(text.description)}</desc>` +
      `${content}</svg>`,
  );
}

/** Grid lines and tick labels under `rows` rows. */
function axis(
  frame: Frame,
  ticks: readonly number[],
  top: number,
  rows: number,
  lang: 'zh-CN' | 'en',
  unit = '',
): string {
  const bottom = rows * frame.rowHeight;
  // With labels above the bars, a grid line runs beside each bar only, never through a label's text.
  const spans: readonly (readonly [number, number])[] = frame.labelAbove
    ? Array.from({ length: rows }, (_, i) => {
        const barY = i * frame.rowHeight + frame.font + 6;
        return [barY - 3, i === rows - 1 ? bottom : barY + frame.bar + 3] as const;
      })
    : [[0, bottom]];
  // A tick's value is written under its line unless it would touch the one before (large text, long numbers): the
  // first and the top tick are always written, the top one in place of a neighbour it would touch.
  const placed = ticks.map((tick) => {
    const x = frame.plotX + scaleWidth(tick, top, frame.plotWidth);
    const text = chartNumber(tick, lang) + unit;
    const width = textWidth(text, frame.font);
    const anchor = tick === 0 ? 'start' : tick === top ? 'end' : 'middle';
    const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
    return { tick, x, text, anchor, left, right: left + width, written: true };
  });
  let previous: (typeof placed)[number] | undefined;
  for (const p of placed) {
    if (previous && p.left < previous.right + 4) {
      if (p.tick === top && previous.tick !== 0) previous.written = false;
      else p.written = false;
    }
    if (p.written) previous = p;
  }
  return placed
    .map((p) => {
      const lines = spans.map(
        ([y1, y2]) =>
          `<line class="chart__grid" x1="${round(p.x)}" x2="${round(p.x)}" y1="${round(y1)}" y2="${round(y2)}" stroke="${GRID_COLOUR}" stroke-width="${p.tick === 0 ? 1.5 : 0.5}"/>`,
      );
      const label = p.written
        ? `<text class="chart__tick" x="${round(p.x)}" y="${round(bottom + frame.font + 4)}" text-anchor="${p.anchor}">${escapeHtml(p.text)}</text>`
        : '';
      return `<g data-tick="${p.tick}">${lines.join('')}${label}</g>`;
    })
    .join('');
}

/** A row's label, left of its bar or above it; returns the label markup and the bar's top. */
function rowLabel(frame: Frame, index: number, label: string): { markup: string; barY: number } {
  const y = index * frame.rowHeight;
  if (frame.labelAbove) {
    return {
      markup: `<text class="chart__label" x="${frame.plotX}" y="${round(y + frame.font)}">${escapeHtml(label)}</text>`,
      barY: y + frame.font + 6,
    };
  }
  return {
    markup: `<text class="chart__label" x="${frame.labelWidth - 4}" y="${round(y + frame.bar / 2 + frame.font / 3)}" text-anchor="end">${escapeHtml(label)}</text>`,
    barY: y,
  };
}

/**
 * A horizontal bar chart: one bar a row, its value written at its end, an axis of round ticks below.
 *
 * @example
 * barChart({ id: 'median', title: '办理用时中位数', description: '…', bars: [{ label: '告知承诺', value: 3 }], unit: '' });
 */
export function barChart(
  spec: ChartText & {
    readonly bars: readonly Bar[];
    readonly lang?: 'zh-CN' | 'en';
    /** Written after each tick value (e.g. `%`). */
    readonly unit?: string;
    /** The scale's top instead of the largest value's round tick (e.g. 100 for percentages). */
    readonly top?: number;
    readonly fill?: string;
  },
): SafeHtml {
  const lang = spec.lang ?? 'zh-CN';
  const frame = frameFor(
    spec.bars.map((b) => b.label),
    spec.large,
  );
  const ticks = spec.top ? niceTicks(spec.top) : niceTicks(Math.max(0, ...spec.bars.map((b) => b.value ?? 0)));
  const top = ticks.at(-1) as number;
  const rows = spec.bars
    .map((bar, i) => {
      const { markup, barY } = rowLabel(frame, i, bar.label);
      const width = bar.value === null ? 0 : scaleWidth(bar.value, top, frame.plotWidth);
      const text = bar.valueText ?? (bar.value === null ? '—' : chartNumber(bar.value, lang));
      return (
        `${markup}<g class="chart__bar" data-label="${escapeHtml(bar.label)}" data-value="${bar.value ?? ''}">` +
        (width > 0
          ? `<rect x="${frame.plotX}" y="${round(barY)}" width="${round(width)}" height="${frame.bar}" fill="${spec.fill ?? '#0b4f8a'}"/>`
          : '') +
        `<text class="chart__value" x="${round(frame.plotX + width + 4)}" y="${round(barY + frame.bar / 2 + frame.font / 3)}">${escapeHtml(text)}</text></g>`
      );
    })
    .join('');
  const height = spec.bars.length * frame.rowHeight + AXIS_ROOM * (spec.large ? LARGE : 1);
  return svg(spec, frame, height, axis(frame, ticks, top, spec.bars.length, lang, spec.unit) + rows);
}

/** The fill patterns of stacked series, told apart without colour: solid, stripes, dots (then again, outlined). */
const PATTERNS: readonly { readonly fill: (id: string) => string; readonly defs: (id: string) => string }[] = [
  { fill: () => '#0b4f8a', defs: () => '' },
  {
    fill: (id) => `url(#${id})`,
    defs: (id) =>
      `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect width="6" height="6" fill="#fff3dc"/><rect width="2.5" height="6" fill="#8a4b00"/></pattern>`,
  },
  {
    fill: (id) => `url(#${id})`,
    defs: (id) =>
      `<pattern id="${id}" width="5" height="5" patternUnits="userSpaceOnUse">` +
      `<rect width="5" height="5" fill="#e7f4ea"/><circle cx="2.5" cy="2.5" r="1.5" fill="#17522a"/></pattern>`,
  },
];

const patternId = (chart: string, index: number): string => `${chart}-pattern-${index}`;

/**
 * The legend of a stacked chart, as HTML beside it (it wraps and grows with the text): a swatch in each series' own
 * pattern (the pattern is defined in the chart's SVG), and its name.
 *
 * @example
 * legend('weekly', series);
 */
export function legend(chartId: string, series: readonly Series[]): SafeHtml {
  const items = series.map((s, i) => {
    const pattern = PATTERNS[i % PATTERNS.length] as (typeof PATTERNS)[number];
    const swatch = trusted(
      `<svg class="chart__swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">` +
        `<rect x="0.5" y="0.5" width="15" height="15" fill="${pattern.fill(patternId(chartId, i))}" stroke="${TEXT_COLOUR}"/></svg>`,
    );
    return html`<li>${swatch} ${s.label}</li>`;
  });
  return html`<ul class="chart__legend">${items}</ul>`;
}

/**
 * Stacked horizontal bars: a row per category, a segment per series in its own pattern, the row's total at its end.
 * Draw {@link legend} with the same id beside it.
 *
 * @example
 * stackedBarChart({ id: 'weekly', title, description, series, rows: [{ label: 'W49', values: { general: 2 } }] });
 */
export function stackedBarChart(
  spec: ChartText & {
    readonly series: readonly Series[];
    readonly rows: readonly { readonly label: string; readonly values: Readonly<Record<string, number>> }[];
    readonly lang?: 'zh-CN' | 'en';
  },
): SafeHtml {
  const lang = spec.lang ?? 'zh-CN';
  const frame = frameFor(
    spec.rows.map((r) => r.label),
    spec.large,
  );
  const totals = spec.rows.map((r) => spec.series.reduce((n, s) => n + (r.values[s.key] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const top = ticks.at(-1) as number;
  const defs = spec.series
    .map((_, i) => (PATTERNS[i % PATTERNS.length] as (typeof PATTERNS)[number]).defs(patternId(spec.id, i)))
    .join('');
  const rows = spec.rows
    .map((row, r) => {
      const { markup, barY } = rowLabel(frame, r, row.label);
      let x = frame.plotX;
      let cumulative = 0;
      const segments = spec.series
        .map((s, i) => {
          const value = row.values[s.key] ?? 0;
          // Each segment ends where the running total ends, so the segments add up to the total's bar exactly.
          cumulative += value;
          const end = frame.plotX + scaleWidth(cumulative, top, frame.plotWidth);
          const width = value > 0 ? end - x : 0;
          const pattern = PATTERNS[i % PATTERNS.length] as (typeof PATTERNS)[number];
          const out =
            `<g class="chart__bar" data-label="${escapeHtml(row.label)}" data-series="${escapeHtml(s.key)}" data-value="${value}">` +
            (width > 0
              ? `<rect x="${round(x)}" y="${round(barY)}" width="${round(width)}" height="${frame.bar}" fill="${pattern.fill(patternId(spec.id, i))}" stroke="${TEXT_COLOUR}" stroke-width="0.75"><title>${escapeHtml(`${row.label} · ${s.label}: ${value}`)}</title></rect>`
              : '') +
            '</g>';
          x = Math.max(x, end);
          return out;
        })
        .join('');
      const total = totals[r] as number;
      return (
        `${markup}${segments}<text class="chart__value" x="${round(x + 4)}" y="${round(barY + frame.bar / 2 + frame.font / 3)}" ` +
        `data-label="${escapeHtml(row.label)}" data-total="${total}">${escapeHtml(chartNumber(total, lang))}</text>`
      );
    })
    .join('');
  const height = spec.rows.length * frame.rowHeight + AXIS_ROOM * (spec.large ? LARGE : 1);
  return svg(spec, frame, height, `<defs>${defs}</defs>${axis(frame, ticks, top, spec.rows.length, lang)}${rows}`);
}

/**
 * A single share (0–1) as one bar on a 0–100 % scale: the filled part is the share, the outlined track the rest, the
 * percentage written at its end; null (nothing to measure) draws the empty track and `emptyText`.
 *
 * @example
 * shareBar({ id: 'in-time', title, description, label: '9个工作日内发证', share: 0.75, emptyText: '无数据' });
 */
export function shareBar(
  spec: ChartText & {
    readonly label: string;
    readonly share: number | null;
    readonly emptyText: string;
    readonly lang?: 'zh-CN' | 'en';
  },
): SafeHtml {
  const lang = spec.lang ?? 'zh-CN';
  const base = frameFor([], spec.large);
  const frame: Frame = { ...base, labelAbove: true, rowHeight: base.font + 6 + base.bar + ROW_GAP };
  const ticks = [0, 25, 50, 75, 100];
  const percent = spec.share === null ? null : Math.round(spec.share * 1000) / 10;
  const { markup, barY } = rowLabel(frame, 0, spec.label);
  const width = percent === null ? 0 : scaleWidth(percent, 100, frame.plotWidth);
  const text = percent === null ? spec.emptyText : `${chartNumber(percent, lang)}%`;
  const content =
    axis(frame, ticks, 100, 1, lang, '%') +
    markup +
    `<rect x="${frame.plotX}" y="${round(barY)}" width="${round(frame.plotWidth)}" height="${frame.bar}" fill="#fff" stroke="${GRID_COLOUR}"/>` +
    `<g class="chart__bar" data-label="${escapeHtml(spec.label)}" data-value="${spec.share ?? ''}">` +
    (width > 0
      ? `<rect x="${frame.plotX}" y="${round(barY)}" width="${round(width)}" height="${frame.bar}" fill="#17522a"/>`
      : '') +
    // The percentage after the track; with nothing to measure, the words inside the empty track.
    `<text class="chart__value" x="${round(percent === null ? frame.plotX + 6 : frame.plotX + frame.plotWidth + 4)}" y="${round(barY + frame.bar / 2 + frame.font / 3)}">${escapeHtml(text)}</text></g>`;
  return svg(spec, frame, frame.rowHeight + AXIS_ROOM * (spec.large ? LARGE : 1), content);
}
