/**
 * HTML escaping for server-rendered pages. The `html` tag escapes every interpolated value unless it is already
 * {@link SafeHtml}, so forgetting to escape is impossible by construction; `escapeHtml` is the one primitive.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape text for HTML element content and for quoted attribute values (single or double quotes).
 *
 * @example
 * escapeHtml('<img src=x onerror="alert(1)">'); // '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  // Most text (names, addresses, dates) has nothing to escape: one scan, no copy.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITIES[c] ?? c) : text;
}

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/** Markup that is already safe: produced by {@link html} or a trusted constant. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), numbers, safe markup, lists of these, or nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

/**
 * Mark a trusted constant (an icon, the stylesheet) as markup. Never call it with data.
 *
 * @example
 * const icon = trusted('<svg aria-hidden="true">…</svg>');
 */
export const trusted = (markup: string): SafeHtml => new SafeHtml(markup);

/**
 * Template tag that escapes every interpolation.
 *
 * @example
 * html`<dd>${certificate.enterpriseName}</dd>`; // a name with "<script>" becomes "&lt;script&gt;"
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) {
    let out = '';
    for (const item of v) out += render(item);
    return out;
  }
  return escapeHtml(String(v));
}
