/**
 * The console's one stylesheet, served as `/console/assets/console.css?v=<hash>` (long-cached, the hash changes with
 * the content). No inline styles anywhere: the CSP's `style-src 'self'` forbids them.
 *
 * Base text 17 px (1.0625rem), 21 px in large-text mode (大字模式, `html.large`: the root size grows, everything is in
 * rem). Works from 360 px up and at 200 % zoom with no horizontal scrolling (no fixed widths; tables reflow into
 * stacked rows below 40rem; long words wrap). Text contrast ≥ 7:1 on its background; a 3 px focus ring on everything
 * focusable.
 *
 * Classes for page bodies (the pages are written with exactly these):
 * - `.stack` — vertical rhythm: children spaced 1rem apart (`.stack--tight` 0.5rem).
 * - `.card` — a bordered white panel (`.card__title` its heading); `.cards` — a `<ul>` of cards side by side where
 *   the width allows (one a row on a phone).
 * - `.badge` with `.badge--valid|suspended|revoked|cancelled|expired|pending` — a status in words (put an icon or
 *   the word inside; colour is never the only signal).
 * - `.field` — a label, hint (`.field__hint`), control and `.field__error` (the message next to the field; give the
 *   control `aria-describedby` and `aria-invalid="true"`).
 * - `.button`, `.button--primary`, `.button--link` (a button that looks like a link: the sign-out form).
 * - `.table` — a data table; in a `.table-wrap` below 40rem each row becomes a card whose cells show their
 *   `data-label` attribute as a caption.
 * - `.timeline` — an `<ol>` of steps (`.timeline__when`, `.timeline__what`).
 * - `.progress` — a `<progress>` bar (upload progress).
 * - `.notice` with `.notice--error|info|success` — a message box (use `role="alert"` for errors, `role="status"` else);
 *   a modifier alone draws the box as well.
 * - `.visually-hidden` — text for screen readers only.
 * - `.muted` — secondary text; `.actions` — a row of buttons that wraps.
 * - `.choice` — a checkbox or radio button with its label beside it and its hint under the label (`.choices`: a
 *   list of them, unbulleted); a fieldset's `legend` is its group's heading.
 * - workbench: statistics — `.chart` (a `<figure>` holding a server-drawn chart), `.chart__svg` (the chart's
 *   `<svg>`: as wide as the column up to 30rem, scaled by its viewBox; `.chart__label`, `.chart__value`,
 *   `.chart__tick`, `.chart__grid`, `.chart__bar` mark its parts), `.chart__legend` (a list of series, each a
 *   `.chart__swatch` in its pattern and its name), `.stats-figures` (a `<dl>` of headline figures, `.stats-figure`
 *   one figure), `.stats-period` (the period form; `.stats-period__fields` its two dates side by side where they
 *   fit), `.stats-overdue` (an overdue count: icon and word beside the number), `.stats-section` (a chart with its
 *   table).
 * - `.wb-nowrap` (workbench: certificates) — a short table cell kept on one line (an audit action, a version), so a
 *   two-character heading is not squeezed to one character a line; only for words a few characters long.
 * - Workbench, inspections / dispatches / administration: `.filters` — a GET filter form whose fields sit side by
 *   side where the width allows; `.overdue` — the overdue mark (an icon and the word, dark red, never colour alone);
 *   `.facts` — a `<dl>` of label/value pairs in two columns where the width allows; `.timeline__note` — a step's
 *   note (findings) under it; `.kid` — a signing key id (monospace, wraps anywhere); `.mark` — an icon and its word
 *   side by side (a day's kind, a year's source). Month and date-time inputs in a `.field` look like its other inputs.
 * - Workbench, worklist and applications: `.filters` — a GET filter form whose fields sit side by side where the width
 *   allows (`.filters__title` its heading, `.filters__overdue` its checkbox); `.worklist__kind` — the kind under an
 *   application's id; `.row--overdue` — an overdue row (a left rule; the row also says 已逾期 with an icon);
 *   `.doc-frame` — a PDF opened in the page (`<iframe>`, full width, most of the viewport's height); `.doc-image` — a
 *   scan opened in the page (`<img>`, bordered, never wider than its card); `.doc__digest` — a SHA-256 that wraps.
 * - Workbench, inspectors: `.choices--columns` — a long list of `.choice` boxes in columns where the width allows
 *   (the product categories); `.wb-details` — a `<details>` card holding a form that is closed until wanted, its
 *   `<summary>` drawn as a link.
 *
 * @example
 * `<div class="card stack"><h2 class="card__title">…</h2><span class="badge badge--valid">有效</span></div>`
 */
export const CONSOLE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
html.large{font-size:125%}
body{margin:0;font-family:system-ui,"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:1.0625rem;line-height:1.65;color:#1a1a1a;background:#f4f5f7;overflow-wrap:anywhere}
a{color:#0b4f8a;text-underline-offset:.15em}
a:hover{color:#083c69}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
img,svg{max-width:100%;height:auto}
h1,h2,h3{line-height:1.3}
h1{font-size:1.75rem;margin:0 0 1rem}
h2{font-size:1.3rem;margin:0 0 .5rem}
h3{font-size:1.1rem;margin:0 0 .4rem}
p{margin:0 0 .75rem}
.skip-link{position:absolute;left:.5rem;top:-10rem;background:#fff;color:#0b4f8a;padding:.6rem 1rem;z-index:10;border:2px solid #0b4f8a}
.skip-link:focus{top:.5rem}
.site-header{background:#0b3d6b;color:#fff}
.site-header a{color:#fff}
.site-header__inner,.site-nav__inner,.site-main,.site-footer__inner{max-width:64rem;margin:0 auto;padding-left:1rem;padding-right:1rem}
.site-header__inner{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
.site-name{margin:0;font-weight:700;font-size:1.15rem}
/* Chinese phrases break at their separators, not one character from their end (许可\n证); a phrase too long for the line still wraps. */
.site-name,.site-footer p,h1{word-break:keep-all;overflow-wrap:anywhere}
.site-name a{text-decoration:none}
.site-user{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem}
.site-user form{margin:0}
.site-nav{background:#fff;border-bottom:1px solid #c9ced6}
.site-nav__inner{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem}
.site-nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0 1.25rem}
.site-nav li a{display:inline-block;padding:.6rem 0;font-weight:600;text-decoration:none;border-bottom:3px solid transparent}
.site-nav li a[aria-current=page]{border-bottom-color:#0b4f8a}
.prefs{display:flex;flex-wrap:wrap;gap:0 1rem;padding:.4rem 0}
.site-main{padding-top:1.5rem;padding-bottom:3rem}
.site-main:focus{outline:none}
.site-footer{border-top:1px solid #c9ced6;background:#fff;color:#3d3d3d;font-size:.95rem}
.site-footer__inner{padding-top:1rem;padding-bottom:1.5rem}
.stack>*+*{margin-top:1rem}
.stack--tight>*+*{margin-top:.5rem}
.stack>*{margin-bottom:0}
.card{background:#fff;border:1px solid #b9bec7;border-radius:8px;padding:1rem 1.25rem}
.card__title{margin:0 0 .5rem}
.cards{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,18rem),1fr));gap:1rem}
.badge{display:inline-flex;align-items:center;gap:.3rem;padding:.1rem .6rem;border-radius:999px;font-weight:600;font-size:.95rem;border:1px solid currentColor;white-space:nowrap}
.badge svg{width:1em;height:1em;flex:none}
.badge--valid{color:#17522a;background:#e7f4ea}
.badge--suspended{color:#6b4100;background:#fff3dc}
.badge--revoked{color:#8e1b1b;background:#fdecea}
.badge--cancelled{color:#3b3b3b;background:#ececec}
.badge--expired{color:#553322;background:#f1ebe8}
.badge--pending{color:#0b4f8a;background:#e5f0fa}
.field{margin:0 0 1.25rem}
.field label,.field legend{display:block;font-weight:600;margin:0 0 .25rem}
.field__hint{display:block;color:#3d3d3d;margin:0 0 .35rem}
.field input[type=text],.field input[type=email],.field input[type=tel],.field input[type=date],.field input[type=number],.field input[type=file],.field select,.field textarea{display:block;width:100%;max-width:40rem;font:inherit;padding:.55rem .7rem;border:2px solid #5b6270;border-radius:6px;background:#fff;color:#1a1a1a}
/* As specific as the field rules above (an input's type), so an invalid input's border turns red too. */
.field [aria-invalid=true],.field input[aria-invalid=true],.field select[aria-invalid=true],.field textarea[aria-invalid=true]{border-color:#a4262c}
.field__error{display:block;color:#a4262c;font-weight:600;margin:.3rem 0 0}
fieldset{border:0;padding:0;margin:0}
legend{font-weight:700;font-size:1.15rem;margin:0 0 .5rem;padding:0}
.choices{list-style:none;padding:0;margin:0}
.choice{display:grid;grid-template-columns:auto 1fr;column-gap:.6rem;align-items:start;margin:0 0 1rem}
.choice input{width:1.3rem;height:1.3rem;margin:.2rem 0 0}
.choice label{font-weight:600}
.choice p{grid-column:2;margin:.15rem 0 0}
.button{display:inline-flex;align-items:center;justify-content:center;gap:.4rem;min-height:44px;padding:.55rem 1.2rem;font:inherit;font-weight:600;border:2px solid #0b4f8a;border-radius:6px;background:#fff;color:#0b4f8a;text-decoration:none;cursor:pointer}
.button:hover{background:#e5f0fa}
.button--primary{background:#0b4f8a;color:#fff}
.button--primary:hover{background:#083c69;color:#fff}
.button--link{min-height:auto;padding:0;border:0;background:none;color:inherit;text-decoration:underline;font-weight:400}
.button--link:hover{background:none}
.site-header .button--link{color:#fff}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
.table{width:100%;border-collapse:collapse;background:#fff}
.table caption{text-align:left;font-weight:600;padding:0 0 .5rem}
.table th,.table td{text-align:left;vertical-align:top;padding:.55rem .7rem;border-bottom:1px solid #c9ced6}
.table thead th{background:#eef1f5}
@media (max-width:40rem){
.table-wrap .table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.table-wrap .table tr{display:block;border:1px solid #b9bec7;border-radius:8px;margin:0 0 .75rem;background:#fff}
.table-wrap .table td,.table-wrap .table th{display:block;border:0;padding:.3rem .8rem}
.table-wrap .table td[data-label]::before{content:attr(data-label);display:block;font-size:.9rem;font-weight:600;color:#3d3d3d}
}
.timeline{list-style:none;margin:0;padding:0 0 0 1.25rem;border-left:3px solid #8a93a3}
.timeline>li{position:relative;margin:0 0 1rem;padding-left:.5rem}
.timeline>li::before{content:"";position:absolute;left:-1.75rem;top:.45rem;width:.85rem;height:.85rem;border-radius:50%;background:#0b4f8a;border:2px solid #fff}
.timeline__when{display:block;color:#3d3d3d;font-size:.95rem}
.timeline__what{display:block;font-weight:600}
.progress{display:block;width:100%;max-width:40rem;height:1rem;accent-color:#0b4f8a}
.notice{border-left:6px solid #0b4f8a;background:#e5f0fa;padding:.75rem 1rem;margin:0 0 1rem;border-radius:0 6px 6px 0}
/* A modifier alone is a whole message box too (p class="notice--error"): never text flush against its tint. */
.notice--error,.notice--info,.notice--success{border-left:6px solid;padding:.75rem 1rem;border-radius:0 6px 6px 0}
.notice--error{border-color:#a4262c;background:#fdecea}
.notice--info{border-color:#0b4f8a;background:#e5f0fa}
.notice--success{border-color:#17522a;background:#e7f4ea}
.muted{color:#3d3d3d}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
dl{margin:0}
dt{font-weight:600}
dd{margin:0 0 .5rem}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
/* workbench: statistics */
.chart{margin:0}
.chart__svg{display:block;width:100%;max-width:30rem;height:auto;overflow:visible}
.chart__legend{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.chart__legend li{display:inline-flex;align-items:center;gap:.4rem}
.chart__swatch{width:1.1em;height:1.1em;flex:none}
.stats-figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,9rem),1fr));gap:.75rem}
.stats-figure{background:#fff;border:1px solid #b9bec7;border-radius:8px;padding:.6rem .9rem}
.stats-figure dt{font-weight:600;color:#3d3d3d;font-size:.95rem}
.stats-figure dd{margin:0;font-size:1.4rem;font-weight:700}
.stats-period__fields{display:flex;flex-wrap:wrap;gap:0 1.5rem}
.stats-period__fields .field{flex:1 1 14rem}
.stats-overdue{display:inline-flex;flex-wrap:wrap;align-items:center;gap:.35rem}
.stats-overdue svg{width:1em;height:1em;flex:none}
p.stats-overdue{display:flex}
.stats-section{border-top:1px solid #c9ced6;padding-top:1rem}
@media print{.stats-period{display:none}.stats-section,.chart{break-inside:avoid}.stats-figure{border-color:#000}}
/* workbench: certificates */
.wb-nowrap{white-space:nowrap}
/* workbench: inspections, dispatches, administration */
.filters{display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:flex-end}
.filters .field{flex:1 1 14rem;margin-bottom:.75rem}
.filters .actions{margin-bottom:.75rem}
.overdue{display:inline-flex;align-items:center;gap:.3rem;font-weight:700;color:#8e1b1b}
.overdue svg{width:1em;height:1em}
.facts{display:grid;grid-template-columns:minmax(0,12rem) minmax(0,1fr);gap:.25rem 1rem}
.facts dd{margin:0}
@media (max-width:40rem){.facts{grid-template-columns:minmax(0,1fr)}.facts dd{margin:0 0 .5rem}}
.timeline__note{display:block;white-space:pre-line}
.kid{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere;word-break:break-all}
.notice--error svg,.notice--info svg,.notice--success svg,.card svg.icon{width:1.1em;height:1.1em;vertical-align:-.15em}
.mark{display:inline-flex;align-items:center;gap:.35rem}
.mark svg{width:1em;height:1em;flex:none}
.field input[type=month],.field input[type=datetime-local]{display:block;width:100%;max-width:40rem;font:inherit;padding:.55rem .7rem;border:2px solid #5b6270;border-radius:6px;background:#fff;color:#1a1a1a}
/* workbench: applications */
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,13rem),1fr));gap:0 1rem;align-items:end}
.filters__title{grid-column:1/-1}
.filters .field{margin:0 0 1rem}
.filters .field select{max-width:none}
.filters__overdue{align-self:center}
.filters .actions{grid-column:1/-1}
.worklist__kind{display:block;font-weight:400;font-size:.95rem}
.row--overdue>th{border-left:6px solid #a4262c}
.doc-frame{display:block;width:100%;height:75vh;min-height:20rem;border:1px solid #5b6270;background:#fff}
.doc-image{display:block;border:1px solid #5b6270;background:#fff}
.doc__digest{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}
/* workbench: inspectors */
.choices--columns{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,15rem),1fr));column-gap:1.5rem}
.choices--columns .choice{margin-bottom:.6rem}
.wb-details>summary{cursor:pointer;font-weight:600;color:#0b4f8a;text-decoration:underline;text-underline-offset:.15em}
.wb-details[open]>summary{margin-bottom:1rem}
`;
