/**
 * The static artwork of every certificate — paper tint, guilloche rosette, decorative border, title divider, seal
 * ring and star — as one PDF content stream, built and compressed once per process and reused by every render.
 */
import { deflateSync } from 'node:zlib';
import { BORDER, COLORS, DIVIDER_Y, PAGE, type Rgb, SEAL } from './geometry';

/** Compact number for content streams (two decimals). @example num(90.7086) // '90.71' */
export const num = (n: number): string => String(Math.round(n * 100) / 100);
/** Fill colour operator. @example fill([1, 0, 0]) // '1 0 0 rg' */
export const fill = (c: Rgb): string => `${num(c[0])} ${num(c[1])} ${num(c[2])} rg`;
/** Stroke colour operator. @example stroke([0, 0, 0]) // '0 0 0 RG' */
export const stroke = (c: Rgb): string => `${num(c[0])} ${num(c[1])} ${num(c[2])} RG`;
const rect = (x: number, y: number, w: number, h: number) => `${num(x)} ${num(y)} ${num(w)} ${num(h)} re`;

/** Circle as four Bézier quarter arcs. */
function circle(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r;
  return [
    `${num(cx + r)} ${num(cy)} m`,
    `${num(cx + r)} ${num(cy + k)} ${num(cx + k)} ${num(cy + r)} ${num(cx)} ${num(cy + r)} c`,
    `${num(cx - k)} ${num(cy + r)} ${num(cx - r)} ${num(cy + k)} ${num(cx - r)} ${num(cy)} c`,
    `${num(cx - r)} ${num(cy - k)} ${num(cx - k)} ${num(cy - r)} ${num(cx)} ${num(cy - r)} c`,
    `${num(cx + k)} ${num(cy - r)} ${num(cx + r)} ${num(cy - k)} ${num(cx + r)} ${num(cy)} c h`,
  ].join('\n');
}

const diamond = (cx: number, cy: number, hw: number, hh: number) =>
  `${num(cx - hw)} ${num(cy)} m ${num(cx)} ${num(cy + hh)} l ${num(cx + hw)} ${num(cy)} l ${num(cx)} ${num(cy - hh)} l h`;

function star(cx: number, cy: number, r: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.382;
    const a = Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${num(cx + radius * Math.cos(a))} ${num(cy + radius * Math.sin(a))} ${i === 0 ? 'm' : 'l'}`);
  }
  return `${points.join(' ')} h`;
}

function border(): string {
  const { width: W, height: H } = PAGE;
  const ops: string[] = [];
  const frame = (inset: number) => rect(inset, inset, W - 2 * inset, H - 2 * inset);
  ops.push(stroke(COLORS.red), '2.2 w', frame(BORDER.outer), 'S');
  ops.push(stroke(COLORS.gold), '0.5 w', frame(BORDER.bandOuter), 'S', frame(BORDER.bandInner), 'S');
  ops.push(stroke(COLORS.red), '0.8 w', frame(BORDER.inner), 'S');
  // A chain of small diamonds along the band, with a square rosette in each corner.
  const mid = (BORDER.bandOuter + BORDER.bandInner) / 2;
  const corner = BORDER.bandInner - BORDER.bandOuter;
  const diamonds: string[] = [];
  const run = (from: number, to: number, at: (t: number) => [number, number], horizontal: boolean) => {
    const step = 11;
    const count = Math.floor((to - from) / step);
    const start = from + (to - from - (count - 1) * step) / 2;
    for (let i = 0; i < count; i++) {
      const [x, y] = at(start + i * step);
      diamonds.push(horizontal ? diamond(x, y, 3.6, 2.4) : diamond(x, y, 2.4, 3.6));
    }
  };
  const lo = BORDER.bandInner + 4;
  run(lo, W - lo, (t) => [t, mid], true);
  run(lo, W - lo, (t) => [t, H - mid], true);
  run(lo, H - lo, (t) => [mid, t], false);
  run(lo, H - lo, (t) => [W - mid, t], false);
  ops.push(fill(COLORS.gold), diamonds.join('\n'), 'f');
  for (const [x, y] of [
    [mid, mid],
    [W - mid, mid],
    [mid, H - mid],
    [W - mid, H - mid],
  ] as const) {
    ops.push(fill(COLORS.paper), rect(x - corner / 2, y - corner / 2, corner, corner), 'f');
    ops.push(stroke(COLORS.red), '0.8 w', rect(x - corner / 2, y - corner / 2, corner, corner), 'S');
    ops.push(fill(COLORS.red), diamond(x, y, corner / 2 - 1.2, corner / 2 - 1.2), 'f');
  }
  return ops.join('\n');
}

/** Guilloche-style rosette: overlapping circles on a ring, very light, behind the field table. */
function rosette(cx: number, cy: number): string {
  const ops = ['0.35 w', stroke([0.93, 0.88, 0.77])];
  for (let i = 0; i < 36; i++) {
    const a = (i * Math.PI) / 18;
    ops.push(circle(cx + 62 * Math.cos(a), cy + 62 * Math.sin(a), 92), 'S');
  }
  ops.push(circle(cx, cy, 158), 'S', circle(cx, cy, 161), 'S');
  return ops.join('\n');
}

function divider(y: number): string {
  const c = PAGE.width / 2;
  return [
    stroke(COLORS.gold),
    '0.6 w',
    `${num(c - 150)} ${num(y)} m ${num(c - 10)} ${num(y)} l S`,
    `${num(c + 10)} ${num(y)} m ${num(c + 150)} ${num(y)} l S`,
    fill(COLORS.red),
    diamond(c, y, 6, 3.2),
    'f',
  ].join('\n');
}

function seal(): string {
  return [
    stroke(COLORS.seal),
    '2.4 w',
    circle(SEAL.cx, SEAL.cy, SEAL.r),
    'S',
    '0.6 w',
    circle(SEAL.cx, SEAL.cy, SEAL.r - 4),
    'S',
    fill(COLORS.seal),
    star(SEAL.cx, SEAL.cy, 13),
    'f',
  ].join('\n');
}

function pageArt(): string {
  const i = BORDER.inner;
  return [
    'q',
    fill(COLORS.paper),
    rect(i, i, PAGE.width - 2 * i, PAGE.height - 2 * i),
    'f',
    rosette(PAGE.width / 2, 470),
    border(),
    divider(DIVIDER_Y),
    seal(),
    'Q',
  ].join('\n');
}

let compressed: Uint8Array | undefined;

/**
 * The static artwork, Flate-compressed once per process.
 *
 * @example
 * const stream = PDFRawStream.of(context.obj({ Filter: 'FlateDecode' }), staticArtwork());
 */
export function staticArtwork(): Uint8Array {
  compressed ??= new Uint8Array(deflateSync(pageArt(), { level: 9 }));
  return compressed;
}
