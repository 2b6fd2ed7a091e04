/**
 * Where every piece of text goes on the certificate. Pure: from the document and font metrics to positioned text
 * runs and rules. Field values wrap (by character for CJK, by word for Latin); when the table does not fit, the value
 * size shrinks step by step down to a floor, then the layout is refused with a typed error.
 */
import { ValidationError } from '../../domain/errors';
import type { CertificateDocument } from './certificate-document';
import type { FontMetrics, FontMetricsSet, FontRole } from './font-metrics';
import { AUTHORITY, COLORS, PAGE, QR, type Rgb, SEAL, TABLE, TITLE } from './geometry';
import { wrapText } from './text-wrap';

/** One line of text, drawn with its first glyph's origin at (x, y). */
export interface TextRun {
  readonly text: string;
  readonly font: FontRole;
  readonly size: number;
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  readonly color: Rgb;
  /** Counter-clockwise rotation in degrees around (x, y). */
  readonly rotate?: number;
  /** Extra space after each character, in points (PDF character spacing, `Tc`). */
  readonly tracking?: number;
  /** Advance width including tracking. */
  readonly width: number;
}

export interface Rule {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly thickness: number;
  readonly color: Rgb;
}

export interface CertificateLayout {
  readonly texts: readonly TextRun[];
  readonly rules: readonly Rule[];
  /** The QR symbol's box (modules only, quiet zone outside it). */
  readonly qr: { readonly x: number; readonly y: number; readonly size: number };
  /** Value size the field table was set in (shrinks for long content). */
  readonly valueSize: number;
}

/** Largest and smallest value sizes tried, and the step between them. */
export const VALUE_SIZE = { max: 12, min: 8, step: 0.5 } as const;
/** Padding above and below each row's separator: grows to spread short content over the table, within limits. */
const ROW_PAD = { min: 8, max: 15 } as const;
const LABEL_ZH = 10.5;
const LABEL_EN = 7;

type Style = 'primary' | 'emphasis' | 'secondary';
interface Line {
  readonly text: string;
  readonly size: number;
  readonly style: Style;
  readonly x: number;
  readonly gapBefore: number;
  readonly prefix?: string;
  /** Continues the previous line (compact mode) instead of starting a new one. */
  readonly sameLine?: boolean;
}
interface Para {
  readonly text: string;
  readonly style: Style;
  /** Drawn before the first line (list numbers); the text is indented past the widest prefix of the row. */
  readonly prefix?: string;
}
interface Row {
  readonly field: string;
  readonly zh: string;
  readonly en: string;
  readonly paras: readonly Para[];
}

const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/** `2031年9月27日` @example zhDate('2031-09-27') */
export const zhDate = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
/** `27 September 2031` @example enDate('2031-09-27') */
export const enDate = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
};

function rows(doc: CertificateDocument): Row[] {
  const e = doc.enterprise;
  const numbered = (items: readonly string[]) =>
    items.map((text, i): Para => ({ text, style: 'primary', ...(items.length > 1 ? { prefix: `${i + 1}.` } : {}) }));
  const products = doc.products.flatMap((p, i): Para[] => [
    {
      text: p.categoryName ? `${p.name}（${p.categoryName}）` : p.name,
      style: 'primary',
      ...(doc.products.length > 1 ? { prefix: `${i + 1}.` } : {}),
    },
    ...(p.nameEn ? [{ text: p.nameEn, style: 'secondary' } as const] : []),
  ]);
  return [
    { field: 'enterprise.name', zh: '企业名称', en: 'Enterprise name', paras: [{ text: e.name, style: 'emphasis' }] },
    {
      field: 'enterprise.uscc',
      zh: '统一社会信用代码',
      en: 'Unified social credit code',
      paras: [{ text: e.uscc, style: 'primary' }],
    },
    { field: 'enterprise.domicile', zh: '住所', en: 'Domicile', paras: [{ text: e.domicile, style: 'primary' }] },
    {
      field: 'enterprise.productionAddresses',
      zh: '生产地址',
      en: e.productionAddresses.length > 1 ? 'Production addresses' : 'Production address',
      paras: numbered(e.productionAddresses),
    },
    { field: 'products', zh: '产品名称', en: doc.products.length > 1 ? 'Products' : 'Product', paras: products },
    { field: 'licenceNo', zh: '证书编号', en: 'Licence No.', paras: [{ text: doc.licenceNo, style: 'emphasis' }] },
    {
      field: 'validUntil',
      zh: '有效期至',
      en: 'Valid until',
      paras: [
        { text: zhDate(doc.validUntil), style: 'primary' },
        { text: enDate(doc.validUntil), style: 'secondary' },
      ],
    },
  ];
}

const styleSize = (style: Style, v: number) => (style === 'emphasis' ? v + 1.5 : style === 'secondary' ? v * 0.8 : v);
const leading = (size: number) => size * 1.42;

/**
 * Lay the field table out at value size `v`. In `compact` mode an English line follows its Chinese line on the same
 * line when it fits there, and items lose the gap between them — tried before shrinking text further.
 */
function layoutTable(
  doc: CertificateDocument,
  fonts: FontMetricsSet,
  v: number,
  compact: boolean,
  pad: number = ROW_PAD.min,
) {
  const texts: TextRun[] = [];
  const rules: Rule[] = [];
  const { regular, bold } = fonts;
  let top = TABLE.top;
  let overflowField = '';
  for (const row of rows(doc)) {
    const indent = Math.max(0, ...row.paras.map((p) => (p.prefix ? regular.widthOf(`${p.prefix} `, v) : 0)));
    const lines: Line[] = [];
    row.paras.forEach((para, pi) => {
      const size = styleSize(para.style, v);
      const last = lines.at(-1);
      if (compact && para.style === 'secondary' && last) {
        const x = last.x + regular.widthOf(last.text, last.size) + v * 0.6;
        if (x + regular.widthOf(para.text, size) <= TABLE.valueRight) {
          lines.push({ text: para.text, size, style: para.style, x, gapBefore: 0, sameLine: true });
          return;
        }
      }
      // List items hang past their number; an English line under a numbered item lines up with its text.
      const x = TABLE.valueX + (para.prefix || para.style === 'secondary' ? indent : 0);
      const wrapped = wrapText(para.text, TABLE.valueRight - x, (t) => regular.widthOf(t, size));
      wrapped.forEach((text, li) => {
        const gapBefore = !compact && li === 0 && pi > 0 && para.style !== 'secondary' ? v * 0.3 : 0;
        const prefix = li === 0 ? para.prefix : undefined;
        lines.push({ text, size, style: para.style, x, gapBefore, ...(prefix ? { prefix } : {}) });
      });
    });
    const baseline0 = top - Math.max(LABEL_ZH, lines[0]?.size ?? v) * 0.92;
    texts.push(run(bold, row.zh, LABEL_ZH, TABLE.labelX, baseline0, COLORS.ink));
    texts.push(run(regular, row.en, LABEL_EN, TABLE.labelX, baseline0 - 12, COLORS.grey));
    let y = baseline0;
    let lowest = baseline0 - 12 - LABEL_EN * 0.3;
    lines.forEach((line, i) => {
      if (i > 0 && !line.sameLine) y -= leading(line.size) + line.gapBefore;
      if (line.prefix) texts.push(run(regular, line.prefix, line.size, TABLE.valueX, y, COLORS.grey));
      texts.push(run(regular, line.text, line.size, line.x, y, line.style === 'secondary' ? COLORS.grey : COLORS.ink));
      lowest = Math.min(lowest, y - line.size * 0.3);
      if (line.x + regular.widthOf(line.text, line.size) > TABLE.valueRight + 0.01) overflowField = row.field;
    });
    const bottom = lowest - pad;
    rules.push({ x1: TABLE.labelX, y1: bottom, x2: TABLE.valueRight, y2: bottom, thickness: 0.4, color: COLORS.rule });
    if (bottom < TABLE.bottom && !overflowField) overflowField = row.field;
    top = bottom - pad;
  }
  return { texts, rules, bottom: top + pad, overflowField, rowCount: rules.length };
}

function run(font: FontMetrics, text: string, size: number, x: number, y: number, color: Rgb): TextRun {
  return { text, font: font.role, size, x, y, color, width: font.widthOf(text, size) };
}

function centred(font: FontMetrics, text: string, size: number, cx: number, y: number, color: Rgb, tracking = 0) {
  const n = [...text].length;
  const width = font.widthOf(text, size) + tracking * (n - 1);
  return { ...run(font, text, size, cx - width / 2, y, color), width, ...(tracking ? { tracking } : {}) };
}

/**
 * Lay out a (normalised, printable) certificate document.
 *
 * @example
 * const layout = layoutCertificate(normaliseDocument(doc), certificateFonts());
 * layout.texts.find((t) => t.text === '全国工业产品生产许可证');
 */
export function layoutCertificate(doc: CertificateDocument, fonts: FontMetricsSet): CertificateLayout {
  const { regular, bold } = fonts;
  let table: ReturnType<typeof layoutTable> | undefined;
  let v: number = VALUE_SIZE.max;
  let compact = false;
  search: for (; v >= VALUE_SIZE.min; v -= VALUE_SIZE.step) {
    for (compact of [false, true]) {
      table = layoutTable(doc, fonts, v, compact);
      if (!table.overflowField) break search;
    }
  }
  if (!table || table.overflowField) {
    throw tooLong(table?.overflowField ?? 'products', `the fields do not fit on the page even at ${VALUE_SIZE.min} pt`);
  }
  // Spread short content: each row gains the same padding above and below its rule (2 × per row).
  const slack = table.bottom - TABLE.bottom;
  const pad = Math.min(ROW_PAD.max, ROW_PAD.min + Math.floor((slack / (2 * table.rowCount)) * 4) / 4);
  if (pad > ROW_PAD.min) table = layoutTable(doc, fonts, v, compact, pad);
  const mid = PAGE.width / 2;
  const texts: TextRun[] = [
    centred(bold, '全国工业产品生产许可证', TITLE.zhSize, mid, TITLE.zhBaseline, COLORS.red, TITLE.zhTracking),
    centred(
      regular,
      'NATIONAL INDUSTRIAL PRODUCT PRODUCTION LICENCE',
      TITLE.enSize,
      mid,
      TITLE.enBaseline,
      COLORS.grey,
      TITLE.enTracking,
    ),
    ...table.texts,
    ...leftColumn(doc, fonts),
    ...authorityBlock(doc, fonts),
    ...sealText(doc.issuingAuthority, bold),
    centred(bold, '扫码验证', 10, QR.right - QR.size / 2, QR.bottom - 16, COLORS.ink, 2),
    centred(regular, 'Scan to verify', 7.5, QR.right - QR.size / 2, QR.bottom - 26, COLORS.grey),
  ];
  return { texts, rules: table.rules, qr: { x: QR.right - QR.size, y: QR.bottom, size: QR.size }, valueSize: v };
}

/** Version, paper serial and the note on how to verify, bottom left. */
function leftColumn(doc: CertificateDocument, { regular, bold }: FontMetricsSet): TextRun[] {
  const x = TABLE.labelX;
  const width = AUTHORITY.centerX - AUTHORITY.width / 2 - 8 - x;
  const out: TextRun[] = [];
  let y = 244;
  const field = (zh: string, en: string, value: string, fieldName: string) => {
    out.push(run(bold, zh, 8, x, y, COLORS.ink));
    out.push(run(regular, en, 7, x + bold.widthOf(zh, 8) + 4, y, COLORS.grey));
    const lines = wrapText(value, width, (t) => regular.widthOf(t, 9.5));
    if (lines.length > 2) throw tooLong(fieldName, `${fieldName} needs more than two lines`);
    for (const line of lines) {
      y -= 13;
      out.push(run(regular, line, 9.5, x, y, COLORS.ink));
    }
    y -= 19;
  };
  field('证书版本', 'Version', `第 ${doc.version} 版 · Version ${doc.version}`, 'version');
  field('纸质证书编号', 'Paper serial No.', doc.paperSerial, 'paperSerial');
  const note = [
    ['本证书的真伪与当前状态，以扫描二维码查询的结果为准。', COLORS.ink, 7] as const,
    ['Scan the QR code to confirm that this certificate is genuine and currently valid.', COLORS.grey, 6.5] as const,
  ];
  for (const [text, color, size] of note) {
    for (const line of wrapText(text, width, (t) => regular.widthOf(t, size))) {
      out.push(run(regular, line, size, x, y, color));
      y -= size * 1.4;
    }
  }
  return out;
}

/** Issuing authority above the seal, the seal's caption and the issue date below it. */
function authorityBlock(doc: CertificateDocument, { regular }: FontMetricsSet): TextRun[] {
  const cx = AUTHORITY.centerX;
  const out: TextRun[] = [centred(regular, '发证机关  Issuing authority', 7.5, cx, 250, COLORS.grey)];
  // One line if it fits at 10 pt or more; otherwise two balanced lines at 11 pt.
  let size = 13;
  while (regular.widthOf(doc.issuingAuthority, size) > AUTHORITY.width && size > 10) size -= 0.5;
  let lines = [doc.issuingAuthority];
  if (regular.widthOf(doc.issuingAuthority, size) > AUTHORITY.width) {
    size = 11;
    const half = Math.min(AUTHORITY.width, regular.widthOf(doc.issuingAuthority, size) / 2 + size);
    lines = wrapText(doc.issuingAuthority, half, (t) => regular.widthOf(t, size));
  }
  if (lines.length > 2) throw tooLong('issuingAuthority', 'the issuing authority needs more than two lines');
  lines.forEach((line, i) => {
    out.push(centred(regular, line, size, cx, 232 - i * size * 1.25, COLORS.ink));
  });
  const below = SEAL.cy - SEAL.r;
  out.push(centred(regular, '图形印章，非电子签名 · Graphic seal, not a signature', 6.2, cx, below - 10, COLORS.grey));
  out.push(centred(regular, '发证日期  Issue date', 7.5, cx, below - 26, COLORS.grey));
  out.push(centred(regular, zhDate(doc.issueDate), 12, cx, below - 41, COLORS.ink));
  out.push(centred(regular, enDate(doc.issueDate), 8, cx, below - 53, COLORS.grey));
  return out;
}

/** The authority's name along the top of the seal ring, each character upright to the ring. */
function sealText(name: string, bold: FontMetrics): TextRun[] {
  const chars = [...name.replace(/\s+/g, '')];
  const maxSpan = (250 * Math.PI) / 180;
  let size = 11;
  const geometry = (s: number) => {
    const baselineR = SEAL.r - 6.5 - s * 0.86;
    const centreR = baselineR + s * 0.42;
    return { baselineR, step: (s * 1.08) / centreR };
  };
  while (chars.length * geometry(size).step > maxSpan && size > 6) size -= 0.25;
  const { baselineR, step } = geometry(size);
  if (chars.length * step > maxSpan) throw tooLong('issuingAuthority', 'the authority name does not fit the seal');
  return chars.map((ch, i) => {
    const theta = Math.PI / 2 + ((chars.length - 1) / 2) * step - i * step;
    const w = bold.widthOf(ch, size);
    const px = SEAL.cx + baselineR * Math.cos(theta);
    const py = SEAL.cy + baselineR * Math.sin(theta);
    // Move back half a glyph along the tangent so the glyph is centred on its angle.
    const x = px - (w / 2) * Math.sin(theta);
    const y = py + (w / 2) * Math.cos(theta);
    return { ...run(bold, ch, size, x, y, COLORS.seal), rotate: ((theta - Math.PI / 2) * 180) / Math.PI };
  });
}

const tooLong = (field: string, message: string) =>
  new ValidationError('CERTIFICATE_TEXT_TOO_LONG', `the certificate cannot be laid out: ${message}`, [
    { field, message },
  ]);
