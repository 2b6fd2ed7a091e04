/**
 * The server-drawn SVG charts read back as a test (or a person's browser) would: every bar's value and width — widths
 * proportional to values on a scale of round ticks; zero, missing and no data drawn without a bar; one huge value
 * beside small ones; stacked segments that add up to their row's total, each in its own pattern named in a legend; the
 * share bar on 0–100 %; and what every chart must be: `role="img"` named by its title and description, escaped text,
 * no `style` attribute.
 */
import { describe, expect, test } from 'vitest';
import {
  barChart,
  chartNumber,
  legend,
  niceTicks,
  scaleWidth,
  shareBar,
  stackedBarChart,
  textWidth,
  VIEW_WIDTH,
} from '../../../../lambdas/presenters/console/charts';

interface DrawnBar {
  label: string;
  value: string;
  series?: string;
  x?: number;
  width?: number;
}

/** Every `chart__bar` group: its data attributes and its rect's geometry (none when nothing is drawn). */
function bars(svg: string): DrawnBar[] {
  const groups = svg.matchAll(
    /<g class="chart__bar" data-label="([^"]*)"(?: data-series="([^"]*)")? data-value="([^"]*)">(.*?)<\/g>/g,
  );
  return [...groups].map((m) => {
    const rect = /<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(m[4] ?? '');
    return {
      label: m[1] ?? '',
      value: m[3] ?? '',
      ...(m[2] ? { series: m[2] } : {}),
      ...(rect ? { x: Number(rect[1]), width: Number(rect[2]) } : {}),
    };
  });
}

const ticks = (svg: string): number[] => [...svg.matchAll(/data-tick="([\d.]+)"/g)].map((m) => Number(m[1]));
const text = { id: 'c1', title: '标题', description: '说明' };

describe('niceTicks and scaleWidth', () => {
  test.each([
    [7, [0, 2, 4, 6, 8]],
    [3, [0, 1, 2, 3]],
    [10, [0, 5, 10]],
    [0.4, [0, 1]],
    [0, [0, 1]],
    [Number.NaN, [0, 1]],
    [1_000_000, [0, 500_000, 1_000_000]],
    [99, [0, 50, 100]],
  ])('max %d → %j', (max, expected) => {
    // Act / Assess
    expect(niceTicks(max)).toEqual(expected);
  });

  test('widths are proportional, capped at the plot, and a positive value is never invisible', () => {
    // Act / Assess
    expect(scaleWidth(3, 6, 240)).toBe(120);
    expect(scaleWidth(12, 6, 240)).toBe(240);
    expect(scaleWidth(1, 1_000_000, 240)).toBe(0.5);
    expect(scaleWidth(0, 6, 240)).toBe(0);
  });
});

describe('barChart', () => {
  test('bar widths are proportional to the values, on a scale whose top is the round tick above the largest', () => {
    // Act
    const svg = barChart({ ...text, bars: [1, 2, 4, 7].map((value, i) => ({ label: `W${i}`, value })) }).toString();

    // Assess
    const drawn = bars(svg);
    expect(drawn.map((b) => b.value)).toEqual(['1', '2', '4', '7']);
    expect(ticks(svg)).toEqual([0, 2, 4, 6, 8]);
    const perUnit = (drawn[0]?.width ?? 0) / 1;
    expect(perUnit).toBeGreaterThan(0);
    for (const b of drawn) expect(b.width).toBeCloseTo(Number(b.value) * perUnit, 1);
    // The top tick (8) spans the whole plot: 7 of 8 is 7/8 of it, and every bar starts at the same x.
    expect(new Set(drawn.map((b) => b.x)).size).toBe(1);
    expect((drawn[3]?.width ?? 0) + (drawn[0]?.x ?? 0)).toBeLessThan(VIEW_WIDTH);
    // Each value is written at its bar's end.
    expect(svg).toContain('>7</text>');
  });

  test('zeros, a missing figure and no data at all: an axis 0–1 and no bar drawn', () => {
    // Act
    const zeros = barChart({
      ...text,
      bars: [
        { label: 'a', value: 0 },
        { label: 'b', value: null },
      ],
    }).toString();
    const empty = barChart({ ...text, bars: [] }).toString();

    // Assess
    expect(bars(zeros)).toEqual([
      { label: 'a', value: '0' },
      { label: 'b', value: '' },
    ]);
    expect(zeros).toContain('>—</text>');
    expect(ticks(zeros)).toEqual([0, 1]);
    expect(bars(empty)).toEqual([]);
    expect(ticks(empty)).toEqual([0, 1]);
    expect(empty).toMatch(/viewBox="0 0 360 \d+"/);
  });

  test('one huge value: it fills the plot, a tiny one stays visible, numbers are written compactly', () => {
    // Act
    const svg = barChart({
      ...text,
      bars: [
        { label: 'huge', value: 1_000_000 },
        { label: 'tiny', value: 1 },
      ],
    }).toString();

    // Assess
    const [huge, tiny] = bars(svg);
    expect(ticks(svg)).toEqual([0, 500_000, 1_000_000]);
    expect((huge?.x ?? 0) + (huge?.width ?? 0)).toBeLessThanOrEqual(VIEW_WIDTH - 56);
    expect(tiny?.width).toBe(0.5);
    expect(svg).toContain('>100万</text>');
    expect(chartNumber(1_000_000, 'en')).toBe('1M');
    expect(chartNumber(2.5)).toBe('2.5');
  });

  test('long labels go above their bars; short ones sit left of them', () => {
    // Act
    const above = barChart({ ...text, bars: [{ label: 'Notification–commitment procedure', value: 2 }] }).toString();
    const left = barChart({ ...text, bars: [{ label: 'W49', value: 2 }] }).toString();

    // Assess: above, the bar starts near the left edge under its label; left, it starts after the label column
    expect(bars(above)[0]?.x).toBeLessThan(5);
    // …and no grid line runs through the label above (every line starts below the label's baseline)
    const lineTops = [...above.matchAll(/<line class="chart__grid"[^>]* y1="([\d.]+)"/g)].map((m) => Number(m[1]));
    const labelBaseline = Number(/<text class="chart__label" x="[\d.]+" y="([\d.]+)"/.exec(above)?.[1]);
    expect(lineTops.length).toBeGreaterThan(0);
    for (const top of lineTops) expect(top).toBeGreaterThan(labelBaseline);
    expect(bars(left)[0]?.x).toBeGreaterThan(textWidth('W49'));
  });
});

describe('stackedBarChart and legend', () => {
  const series = [
    { key: 'a', label: '告知承诺' },
    { key: 'b', label: '后置现场审查' },
    { key: 'c', label: '一般程序' },
  ];

  test('segments lie end to end and add up to the row’s total, each series in its own pattern', () => {
    // Act
    const svg = stackedBarChart({
      ...text,
      series,
      rows: [
        { label: 'W48', values: { a: 1, b: 2, c: 3 } },
        { label: 'W49', values: { a: 0, b: 6, c: 0 } },
      ],
    }).toString();

    // Assess
    const drawn = bars(svg);
    expect(drawn.map((b) => `${b.label}/${b.series}=${b.value}`)).toEqual([
      'W48/a=1',
      'W48/b=2',
      'W48/c=3',
      'W49/a=0',
      'W49/b=6',
      'W49/c=0',
    ]);
    const [a, b, c, , full] = drawn;
    expect(b?.x).toBeCloseTo((a?.x ?? 0) + (a?.width ?? 0), 1);
    expect(c?.x).toBeCloseTo((b?.x ?? 0) + (b?.width ?? 0), 1);
    // Both rows total 6: the same length; a segment's width is its share of it.
    expect((a?.width ?? 0) + (b?.width ?? 0) + (c?.width ?? 0)).toBeCloseTo(full?.width ?? 0, 1);
    expect(c?.width).toBeCloseTo((full?.width ?? 0) / 2, 1);
    expect([...svg.matchAll(/data-total="(\d+)"/g)].map((m) => m[1])).toEqual(['6', '6']);
    expect(svg).toContain('<pattern id="c1-pattern-1"');
    expect(svg).toContain('<pattern id="c1-pattern-2"');
    expect(svg).toContain('fill="url(#c1-pattern-2)"');
  });

  test('the legend names each series beside a swatch of its pattern', () => {
    // Act
    const markup = legend('c1', series).toString();

    // Assess
    expect(markup).toContain('fill="url(#c1-pattern-1)"');
    expect(markup).toContain('后置现场审查');
    expect(markup.match(/<li>/g)).toHaveLength(3);
  });
});

describe('shareBar', () => {
  test('the share filled on a 0–100 % track, the percentage written; no share: an empty track and words', () => {
    // Act
    const svg = shareBar({ ...text, label: '9个工作日内', share: 0.75, emptyText: '无数据' }).toString();
    const none = shareBar({ ...text, label: '9个工作日内', share: null, emptyText: '无数据' }).toString();

    // Assess
    const track = /<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="\d+" fill="#fff"/.exec(svg);
    const [filled] = bars(svg);
    expect(filled?.value).toBe('0.75');
    expect(filled?.width).toBeCloseTo(Number(track?.[2]) * 0.75, 1);
    expect(svg).toContain('>75%</text>');
    expect(ticks(svg)).toEqual([0, 25, 50, 75, 100]);
    expect(bars(none)).toEqual([{ label: '9个工作日内', value: '' }]);
    expect(none).toContain('>无数据</text>');
  });
});

describe('large text', () => {
  test('draws text and bars a quarter larger in the same viewBox width, values unchanged', () => {
    // Act
    const bars2 = [{ label: 'W49', value: 3 }];
    const normal = barChart({ ...text, bars: bars2 }).toString();
    const large = barChart({ ...text, bars: bars2, large: true }).toString();

    // Assess
    expect(normal).toContain('font-size="16"');
    expect(large).toContain('font-size="20"');
    expect(large).toMatch(/<rect [^>]*height="25"/);
    expect(bars(large).map((b) => b.value)).toEqual(['3']);
    expect(large).toMatch(/viewBox="0 0 360 /);
  });

  test('a tick value that would touch its neighbour is not written; the first and the top one always are', () => {
    // Act
    const normal = shareBar({ ...text, label: 'x', share: 0.5, emptyText: '' }).toString();
    const large = shareBar({ ...text, label: 'x', share: 0.5, emptyText: '', large: true }).toString();
    const written = (svg: string) => [...svg.matchAll(/<text class="chart__tick"[^>]*>([^<]*)</g)].map((m) => m[1]);

    // Assess: every grid line stays; in large text 75 % gives way to 100 %
    expect(written(normal)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(written(large)).toEqual(['0%', '25%', '50%', '100%']);
    expect(ticks(large)).toEqual([0, 25, 50, 75, 100]);
  });
});

describe('every chart', () => {
  test('is an image named by its own title and description, with escaped text and no style attribute', () => {
    // Act
    const charts = [
      barChart({ id: 'x', title: '<b>', description: '"d"', bars: [{ label: '<script>', value: 1 }] }),
      stackedBarChart({ id: 'x', title: 't', description: 'd', series: [{ key: 'k', label: 'K' }], rows: [] }),
      shareBar({ id: 'x', title: 't', description: 'd', label: '<i>', share: 0.5, emptyText: '' }),
    ].map(String);

    // Assess
    for (const svg of charts) {
      expect(svg).toMatch(
        /^<svg class="chart__svg" viewBox="0 0 360 [\d.]+" role="img" aria-labelledby="x-title x-desc"/,
      );
      expect(svg).toContain('<title id="x-title">');
      expect(svg).toContain('<desc id="x-desc">');
      expect(svg).not.toMatch(/style=|<script|<b>|<i>/);
    }
    expect(charts[0]).toContain('&lt;script&gt;');
  });
});
