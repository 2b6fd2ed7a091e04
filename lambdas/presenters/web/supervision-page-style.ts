/**
 * The stylesheet of 一公开's plan pages: the verification page's ({@link PAGE_STYLE}, same header, cards, fields and
 * palette) plus what plans need — a wider column, state badges, a table of drawn enterprises that becomes one card
 * per enterprise below 64rem (each cell then shows its `data-label`), digests and commands that wrap anywhere, and
 * large text (`html.large`: 20 px base, every rem grows with it). A constant, hashed once for the CSP.
 */
import { createHash } from 'node:crypto';
import { PAGE_STYLE, PALETTE } from './page-style';

const p = PALETTE;

/**
 * The stylesheet, byte for byte as emitted inside `<style>`.
 *
 * @example
 * `<style>${SUPERVISION_PAGE_STYLE}</style>`
 */
export const SUPERVISION_PAGE_STYLE = `${PAGE_STYLE}
html.large{font-size:125%}
html.large body{font-size:20px}
.wide .site-inner,.wide main,.wide .foot{max-width:62rem}
.site-inner{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem}
.site-tools{margin:0;font-size:.95rem}
.site-tools a{color:#fff;display:inline-block;padding:.5rem .25rem;min-height:44px;line-height:1.75}
.crumbs{margin:1rem 0 0;font-size:.95rem}
a{color:#0b3a75;text-underline-offset:.15em}
.lead{margin:0 0 1rem}
.state{display:inline-flex;flex-wrap:wrap;align-items:center;gap:.1rem .4rem;font-weight:700;border:2px solid;border-radius:1rem;padding:.15rem .7rem;margin:0 0 .75rem}
.state svg{flex:none;width:1.25em;height:1.25em}
.state .en{color:inherit;font-weight:600}
.state-frozen{color:${p.warn.fg};background:${p.warn.bg};border-color:${p.warn.border}}
.state-drawn{color:${p.good.fg};background:${p.good.bg};border-color:${p.good.border}}
.plans{list-style:none;margin:0;padding:0}
.plans h2 a{color:inherit}
.digest{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-weight:400;font-size:.92em;overflow-wrap:anywhere;word-break:break-all}
.fields dd .en{display:block}
.rules{margin:0;padding-left:1.2rem;font-weight:400}
.nowrap{white-space:nowrap}
.rules li{margin:0 0 .35rem}
.explain{margin:0 0 .75rem;padding-left:1.4rem}
.explain li{margin:0 0 .5rem}
.cmd{margin:.25rem 0 .75rem;padding:.75rem;background:#f0f2f5;border:1px solid #d5d9df;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.92rem}
.cmd code{background:none;padding:0}
.links{margin:0;padding-left:1.2rem}
.links li{margin:0 0 .4rem}
.table{width:100%;border-collapse:collapse;background:#fff;font-size:.95rem}
.table caption{text-align:left;font-weight:600;padding:0 0 .5rem}
.table th,.table td{text-align:left;vertical-align:top;padding:.55rem .6rem;border-bottom:1px solid #c9ced6}
.table thead th{background:#eef1f5;font-size:.9rem;line-height:1.35}
.table thead th span{display:block;font-weight:400;color:${p.muted.fg}}
.table td .en{display:block}
.team{list-style:none;margin:0;padding:0}
.result{display:inline-flex;align-items:center;gap:.35rem;font-weight:700}
.result svg{flex:none;width:1.2em;height:1.2em}
.result-pass{color:${p.good.fg}}
.result-fail{color:${p.bad.fg}}
.result-rectify,.result-overdue{color:${p.warn.fg}}
.result-scheduled{color:${p.unknown.fg}}
.result-note{margin:.25rem 0 0;font-size:.9rem}
.card h3{margin:1rem 0 .35rem}
.card .warn-text{color:${p.warn.fg};font-weight:600}
.again{flex-wrap:wrap;column-gap:.4em}
.again span{margin-left:0}
.pager{display:flex;flex-wrap:wrap;gap:.75rem;margin:0 0 1rem}
.pager .again{margin:0;flex:1 1 12rem}
@media (max-width:63.99rem){
.table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.table,.table tbody,.table caption{display:block}
.table tr{display:block;border:1px solid #b9bec7;border-radius:8px;margin:0 0 .75rem;padding:.3rem 0}
.table td,.table th{display:block;border:0;padding:.3rem .8rem}
.table td[data-label]::before{content:attr(data-label);display:block;font-size:.85rem;font-weight:600;color:${p.muted.fg}}
}
@media (min-width:40rem){html.large body{font-size:21px}}
@media (min-width:64rem){
.table td{overflow-wrap:break-word}
.table .digest{word-break:normal;white-space:nowrap}
.table thead th:first-child{white-space:nowrap}
}
`;

/**
 * The CSP source for {@link SUPERVISION_PAGE_STYLE}: `'sha256-<base64>'`.
 *
 * @example
 * `style-src ${SUPERVISION_PAGE_STYLE_HASH}`
 */
export const SUPERVISION_PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(SUPERVISION_PAGE_STYLE, 'utf8').digest('base64')}'`;
