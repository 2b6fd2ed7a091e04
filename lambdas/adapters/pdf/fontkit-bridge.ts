/**
 * Lets pdf-lib subset fonts with upstream fontkit 2 instead of its bundled `@pdf-lib/fontkit` 1.1, which silently
 * corrupts CJK TrueType subsets (wrong `loca` offsets for odd-length glyph records; see `../shared/NOTES.md`).
 *
 * pdf-lib calls `fontkit.create(bytes)` for every embedded font and later `subset.encodeStream()`, listening for
 * `data`/`end`/`error` events (fontkit 1's API). fontkit 2 subsets offer a synchronous `encode()` instead, so the
 * bridge adds a tiny `encodeStream()`; subsets of static TrueType fonts are written by `ttf-subset.ts` (the same
 * bytes as fontkit's, several times faster). It also hands back an already parsed font when given the same bytes, so a
 * process parses each font file once, not once per certificate.
 *
 * Text is mapped to glyphs one code point at a time (the font's cmap) instead of through fontkit's OpenType shaping
 * engine, which costs ~4 ms per certificate. Certificates print Chinese, Latin and digits, which need no shaping;
 * scripts that do (Arabic-script Uyghur, Tibetan, Mongolian) are not in Noto Sans SC and are refused before drawing
 * (`TEXT_NOT_PRINTABLE`). Without ligatures and kerning, drawn widths equal the layout's measured widths exactly.
 */
import * as fontkit from 'fontkit';
import type { PDFDocument } from 'pdf-lib';
import { fastSubsetFor, type GlyphSubset } from './ttf-subset';

/** What pdf-lib's `registerFontkit` takes (its own typing of fontkit 1). */
export type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];
type PdfLibFont = ReturnType<PdfLibFontkit['create']>;

/** A parsed font together with the exact byte array pdf-lib will be given. */
export interface ParsedFont {
  readonly bytes: Uint8Array;
  readonly font: fontkit.Font;
}

/**
 * Parse TrueType/OpenType bytes with fontkit 2 (single fonts only, not collections).
 *
 * @example
 * const parsed = parseFont(await readFile('NotoSansSC_400Regular.ttf'));
 */
export function parseFont(bytes: Uint8Array): ParsedFont {
  const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!('createSubset' in font)) throw new TypeError('font collections (.ttc) cannot be embedded; pick one font');
  return { bytes, font };
}

/**
 * A fontkit for `pdfDoc.registerFontkit()` that reuses `known` parsed fonts (matched by byte-array identity) and
 * parses anything else on the spot.
 *
 * @example
 * pdfDoc.registerFontkit(fontkitBridge([regular, bold]));
 * const font = await pdfDoc.embedFont(regular.bytes, { subset: true, customName: 'ABCDEF+NotoSansSC-Regular' });
 */
export function fontkitBridge(known: readonly ParsedFont[]): PdfLibFontkit {
  return {
    create(data) {
      const font = known.find((k) => k.bytes === data)?.font ?? parseFont(data).font;
      // fontkit 2's Font provides everything pdf-lib reads from fontkit 1's; only the typings differ.
      return withStreamingSubsets(font) as unknown as PdfLibFont;
    },
  };
}

type Handler = (value?: unknown) => void;

/** The font, except that `createSubset()` returns subsets with a fontkit-1 style `encodeStream()`. */
function withStreamingSubsets(font: fontkit.Font): fontkit.Font {
  const createSubset = () => {
    const subset = (fastSubsetFor(font) ?? font.createSubset()) as GlyphSubset & { encodeStream?: () => unknown };
    subset.encodeStream = () => {
      const handlers: Record<string, Handler> = {};
      // Emit after the caller has attached its listeners (it does so synchronously, in the same tick).
      queueMicrotask(() => {
        let bytes: Uint8Array;
        try {
          bytes = subset.encode();
        } catch (e) {
          handlers.error?.(e);
          return;
        }
        handlers.data?.(bytes);
        handlers.end?.();
      });
      const emitter = {
        on(event: string, handler: Handler) {
          handlers[event] = handler;
          return emitter;
        },
      };
      return emitter;
    };
    return subset;
  };
  const layout = (text: string) => ({ glyphs: Array.from(text, (ch) => glyphOf(font, ch.codePointAt(0) as number)) });
  // A proxy, not a prototype copy: fontkit's cached getters must keep running against the real font object, so its
  // table and glyph caches are shared by every certificate.
  return new Proxy(font, {
    get: (target, prop) =>
      prop === 'createSubset' ? createSubset : prop === 'layout' ? layout : Reflect.get(target, prop, target),
  });
}

const glyphCaches = new WeakMap<fontkit.Font, Map<number, fontkit.Glyph>>();

/** The font's glyph for a code point, cached per font (fontkit's cmap lookup is comparatively slow). */
function glyphOf(font: fontkit.Font, codePoint: number): fontkit.Glyph {
  let cache = glyphCaches.get(font);
  if (!cache) {
    cache = new Map();
    glyphCaches.set(font, cache);
  }
  let glyph = cache.get(codePoint);
  if (!glyph) {
    glyph = rememberOutline(font.glyphForCodePoint(codePoint));
    cache.set(codePoint, glyph);
  }
  return glyph;
}

type DecodableGlyph = fontkit.Glyph & { _decode?: () => unknown; [REMEMBERED]?: true };
const REMEMBERED = Symbol('permit.rememberedOutline');

/**
 * fontkit's TrueType subsetter re-decodes every glyph's outline (`_decode()`) for every subset just to see whether it
 * is a composite glyph — ~2 ms per certificate. Glyph objects are cached by the shared font, so remembering the
 * decoded record on the glyph makes that a one-time cost per glyph per process. The record is only read (this font
 * has no variation axes, the one case where fontkit rewrites outlines).
 */
function rememberOutline(glyph: fontkit.Glyph): fontkit.Glyph {
  const g = glyph as DecodableGlyph;
  const decode = g._decode;
  if (g[REMEMBERED] || typeof decode !== 'function') return glyph;
  let done = false;
  let value: unknown;
  g._decode = () => {
    if (!done) {
      value = decode.call(g);
      done = true;
    }
    return value;
  };
  g[REMEMBERED] = true;
  return glyph;
}
