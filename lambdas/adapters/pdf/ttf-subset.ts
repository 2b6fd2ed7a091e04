/**
 * A TrueType subset writer for fonts embedded in PDFs, byte-for-byte the file fontkit 2's `TTFSubset.encode()`
 * writes (tables head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm; zero checksums), without its generic
 * `restructure` encoding, which costs ~1 ms per certificate. Each glyph's record, components and metrics are read
 * from the font once per process and reused by every subset; the constant tables are copied from the font file.
 *
 * Only for static TrueType fonts (`glyf` outlines, no variation axes): {@link fastSubsetFor} returns undefined for
 * anything else and the caller keeps fontkit's own subsetter.
 */
import type * as fontkit from 'fontkit';

/**
 * What pdf-lib calls on a subset (fontkit 1's API, see `fontkit-bridge.ts`).
 *
 * @example
 * const subset: GlyphSubset = fastSubsetFor(font) ?? font.createSubset();
 */
export interface GlyphSubset {
  includeGlyph(glyph: number | { readonly id: number }): number;
  encode(): Uint8Array;
}

interface TableEntry {
  readonly offset: number;
  readonly length: number;
}

/** The parts of fontkit's font object read here (internal, stable across fontkit 2.x). */
interface FontInternals {
  readonly stream: { readonly buffer: Uint8Array };
  readonly directory: { readonly tables: Record<string, TableEntry | undefined> };
  readonly loca: { readonly version: number; readonly offsets: readonly number[] };
  readonly _variationProcessor?: unknown;
  getGlyph(gid: number): fontkit.Glyph;
}

interface GlyphRecord {
  /** The glyph's `glyf` record as in the font (component ids still the font's). */
  readonly bytes: Uint8Array;
  /** Compound glyphs: each component's glyph id and where it is written in `bytes`. */
  readonly components: readonly { readonly glyphID: number; readonly pos: number }[];
  readonly advance: number;
  readonly bearing: number;
}

/** Per font: its constant tables and the glyph records read so far. */
interface FontSource {
  readonly font: FontInternals;
  readonly glyf: TableEntry;
  readonly head: Uint8Array;
  readonly hhea: Uint8Array;
  readonly maxp: Uint8Array;
  readonly cvt?: Uint8Array;
  readonly prep?: Uint8Array;
  readonly fpgm?: Uint8Array;
  readonly glyphs: Map<number, GlyphRecord>;
}

const sources = new WeakMap<object, FontSource | null>();

/**
 * A fast subset of `font`, or undefined when the font is not a static TrueType font (use fontkit's subsetter then).
 *
 * @example
 * const subset = fastSubsetFor(font) ?? font.createSubset();
 * const id = subset.includeGlyph(font.glyphForCodePoint(0x6e56));
 * const ttf = subset.encode();
 */
export function fastSubsetFor(font: fontkit.Font): GlyphSubset | undefined {
  let source = sources.get(font);
  if (source === undefined) {
    source = sourceOf(font as unknown as FontInternals);
    sources.set(font, source);
  }
  return source ? new TrueTypeSubset(source) : undefined;
}

function sourceOf(font: FontInternals): FontSource | null {
  const tables = font.directory?.tables;
  const bytes = font.stream?.buffer;
  if (!tables || !bytes || font._variationProcessor || !font.loca) return null;
  const { glyf, head, hhea, maxp } = tables;
  if (!glyf || !head || !hhea || !maxp || tables.fvar) return null;
  const raw = (entry: TableEntry | undefined) =>
    entry ? Uint8Array.from(bytes.subarray(entry.offset, entry.offset + entry.length)) : undefined;
  return {
    font,
    glyf,
    head: raw(head) as Uint8Array,
    hhea: raw(hhea) as Uint8Array,
    maxp: raw(maxp) as Uint8Array,
    ...optional('cvt', raw(tables['cvt '])),
    ...optional('prep', raw(tables.prep)),
    ...optional('fpgm', raw(tables.fpgm)),
    glyphs: new Map(),
  };
}

const optional = <K extends string>(key: K, value: Uint8Array | undefined) =>
  (value ? { [key]: value } : {}) as { [P in K]?: Uint8Array };

type Decoded = { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;

function glyphRecord(source: FontSource, gid: number): GlyphRecord {
  let record = source.glyphs.get(gid);
  if (record) return record;
  const { font, glyf } = source;
  const glyph = font.getGlyph(gid) as fontkit.Glyph & { _decode(): Decoded; _getMetrics(): { leftBearing: number } };
  const decoded = glyph._decode();
  const start = glyf.offset + (font.loca.offsets[gid] as number);
  const end = glyf.offset + (font.loca.offsets[gid + 1] as number);
  record = {
    bytes: Uint8Array.from(font.stream.buffer.subarray(start, end)),
    components:
      decoded && decoded.numberOfContours < 0
        ? (decoded.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos }))
        : [],
    advance: glyph.advanceWidth,
    bearing: glyph._getMetrics().leftBearing,
  };
  source.glyphs.set(gid, record);
  return record;
}

class TrueTypeSubset implements GlyphSubset {
  readonly #source: FontSource;
  readonly glyphs: number[] = [];
  readonly mapping = new Map<number, number>();

  constructor(source: FontSource) {
    this.#source = source;
    this.includeGlyph(0); // always the missing glyph, as fontkit does
  }

  includeGlyph(glyph: number | { readonly id: number }): number {
    const gid = typeof glyph === 'number' ? glyph : glyph.id;
    let id = this.mapping.get(gid);
    if (id === undefined) {
      id = this.glyphs.push(gid) - 1;
      this.mapping.set(gid, id);
    }
    return id;
  }

  encode(): Uint8Array {
    const source = this.#source;
    // Glyphs first (compound glyphs add their components to the end of the list as they go), as fontkit does.
    const records: Uint8Array[] = [];
    const metrics: GlyphRecord[] = [];
    let glyfLength = 0;
    for (let i = 0; i < this.glyphs.length; i++) {
      const record = glyphRecord(source, this.glyphs[i] as number);
      let bytes = record.bytes;
      if (record.components.length > 0) {
        bytes = Uint8Array.from(bytes);
        const view = new DataView(bytes.buffer);
        for (const c of record.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
      }
      records.push(bytes);
      metrics.push(record);
      glyfLength += bytes.length;
    }
    const count = records.length;
    const longLoca = source.font.loca.version === 1;
    const tables: [string, number, (out: DataView, at: number) => void][] = [];
    const copy = (bytes: Uint8Array) => (out: DataView, at: number) =>
      new Uint8Array(out.buffer, out.byteOffset).set(bytes, at);
    tables.push([
      'head',
      source.head.length,
      (out, at) => {
        copy(source.head)(out, at);
        out.setInt16(at + 50, source.font.loca.version); // indexToLocFormat
      },
    ]);
    tables.push([
      'hhea',
      source.hhea.length,
      (out, at) => {
        copy(source.hhea)(out, at);
        out.setUint16(at + 34, count); // numberOfMetrics
      },
    ]);
    tables.push([
      'loca',
      (count + 1) * (longLoca ? 4 : 2),
      (out, at) => {
        let offset = 0;
        for (let i = 0; i <= count; i++) {
          if (longLoca) out.setUint32(at + 4 * i, offset);
          else out.setUint16(at + 2 * i, offset >>> 1);
          offset += records[i]?.length ?? 0;
        }
      },
    ]);
    tables.push([
      'maxp',
      source.maxp.length,
      (out, at) => {
        copy(source.maxp)(out, at);
        out.setUint16(at + 4, count); // numGlyphs
      },
    ]);
    if (source.cvt) tables.push(['cvt ', source.cvt.length, copy(source.cvt)]);
    if (source.prep) tables.push(['prep', source.prep.length, copy(source.prep)]);
    tables.push([
      'glyf',
      glyfLength,
      (out, at) => {
        const target = new Uint8Array(out.buffer, out.byteOffset);
        for (const r of records) {
          target.set(r, at);
          at += r.length;
        }
      },
    ]);
    tables.push([
      'hmtx',
      4 * count,
      (out, at) => {
        for (let i = 0; i < count; i++) {
          const m = metrics[i] as GlyphRecord;
          out.setUint16(at + 4 * i, m.advance);
          out.setInt16(at + 4 * i + 2, m.bearing);
        }
      },
    ]);
    if (source.fpgm) tables.push(['fpgm', source.fpgm.length, copy(source.fpgm)]);

    const header = 12 + 16 * tables.length;
    const total = tables.reduce((n, [, length]) => n + length, header);
    const bytes = new Uint8Array(total);
    const out = new DataView(bytes.buffer);
    const power = 2 ** Math.floor(Math.log2(tables.length));
    out.setUint32(0, 0x74727565); // 'true', as fontkit writes it
    out.setUint16(4, tables.length);
    out.setUint16(6, power * 16); // searchRange
    out.setUint16(8, Math.log2(power)); // entrySelector
    out.setUint16(10, tables.length * 16 - power * 16); // rangeShift
    let at = header;
    tables.forEach(([tag, length, write], i) => {
      const entry = 12 + 16 * i;
      for (let c = 0; c < 4; c++) out.setUint8(entry + c, tag.charCodeAt(c));
      out.setUint32(entry + 4, 0); // checkSum: fontkit writes none
      out.setUint32(entry + 8, at);
      out.setUint32(entry + 12, length);
      write(out, at);
      at += length;
    });
    return bytes;
  }
}
