import type { Response } from 'express';
import { html, type SafeHtml } from '../web/html';
import { layout, pageCsp, sendPage } from '../web/page-layout';

// The dashboard's own stylesheet, after the answer pages' base one (same colours and type).
// Heat colours: 10 steps of blue; from .h7 on the text turns white (every step ≥ 4.5:1).
const STYLES = `
main{max-width:78rem}
.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;margin:0 0 1rem}
.brand{font-weight:700;font-size:1.05rem;margin:0}
.brand span{font-weight:400;color:#4a5360}
.who{display:flex;align-items:center;gap:.75rem;font-size:.95rem;color:#4a5360}
.who form{margin:0}
.who button,.link-button{display:inline;width:auto;min-height:0;margin:0;padding:.35rem .8rem;font-size:.9rem;font-weight:600;color:#0a56a5;background:#fff;border:1px solid #0a56a5;border-radius:6px}
.who button:hover{background:#eef5fc}
nav.markets{margin:0 0 1rem}
nav.markets ul{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0;padding:0}
nav.markets a{display:inline-block;padding:.35rem .8rem;border:1px solid #d5dae1;border-radius:999px;background:#fff;text-decoration:none;font-size:.95rem}
nav.markets a[aria-current="page"]{background:#0a56a5;border-color:#0a56a5;color:#fff;font-weight:600}
nav.markets a[aria-current="page"] .muted{color:#e3eefa}
h1 .role{display:inline-block;vertical-align:middle;margin-left:.5rem;padding:.1rem .55rem;border-radius:999px;background:#e3eefa;color:#084785;font-size:.85rem;font-weight:600}
h3{font-size:1rem;margin:1.25rem 0 .5rem}
.caveats{background:#fff7e6;border:2px solid #b54708;border-radius:12px;padding:1rem 1.25rem;margin:0 0 1rem}
.caveats h2{color:#8a3a06;margin:0 0 .5rem;font-size:1.1rem}
.caveats ul{margin:0;padding-left:1.25rem}
.caveats li{margin:.25rem 0}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:1rem;margin:1rem 0}
.kpi{border:1px solid #e3e7ec;border-radius:10px;padding:.75rem 1rem}
.kpi .label{font-size:.9rem;color:#4a5360;margin:0}
.kpi .value{font-size:2rem;font-weight:700;line-height:1.2;margin:.1rem 0;font-variant-numeric:tabular-nums}
.kpi .detail{font-size:.88rem;color:#4a5360;margin:0}
.kpi.current .value{color:#0a56a5}
.kpi.target .value{color:#1a7f37}
.bar{display:block;width:100%;height:2.75rem;margin:.5rem 0 .25rem}
.scale{display:flex;justify-content:space-between;font-size:.8rem;color:#4a5360;font-variant-numeric:tabular-nums}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;padding:0;margin:.5rem 0 0;font-size:.88rem;color:#4a5360}
.legend i{display:inline-block;width:.9rem;height:.9rem;border-radius:2px;vertical-align:-2px;margin-right:.35rem}
.key-current{background:#0a56a5}.key-band{background:#9cc3ea}.key-baseline{background:#4a5360}.key-target{background:#1a7f37}.key-room{background:#e3e7ec}
.facts{margin:1rem 0 0;padding:0;list-style:none}
.facts li{padding:.5rem 0;border-top:1px solid #e3e7ec}
.facts strong{display:block}
@media (min-width:48rem){.facts li{display:grid;grid-template-columns:13rem 1fr;gap:1rem}}
.split{display:grid;gap:0 2rem;grid-template-columns:minmax(0,1fr)}
@media (min-width:64rem){.split{grid-template-columns:minmax(0,2fr) minmax(0,3fr);align-items:start}}
.chart{display:none;position:relative;height:18rem;margin:0 0 1rem}
.js .chart{display:block}
.table-wrap{overflow-x:auto;margin:0 0 .5rem}
.table-wrap:focus-visible{outline:3px solid #0a56a5;outline-offset:2px}
.table-wrap tr>:first-child{position:sticky;left:0;z-index:1;background:#fff}
.table-wrap tr>td.hidden-cell:first-child{background:inherit}
table{border-collapse:collapse;width:100%;font-size:.92rem;font-variant-numeric:tabular-nums}
.table-title{font-weight:600;font-size:.95rem;margin:0 0 .5rem}
.swipe{display:none}
@media (max-width:48rem){.swipe{display:block}}
th,td{padding:.45rem .6rem;border-bottom:1px solid #e3e7ec;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}
thead th{font-size:.85rem;color:#4a5360;font-weight:600;border-bottom:2px solid #d5dae1;white-space:nowrap}
td small,th small{display:block;color:#4a5360;font-size:.8rem;font-weight:400;white-space:nowrap}
th small{white-space:normal;min-width:9rem}
.heatmap td.cell{text-align:center;min-width:5.5rem;font-weight:600}
.heatmap thead th:not(:first-child),.heatmap td.hidden-cell{text-align:center}
.heatmap td.cell small{font-weight:400;color:inherit;opacity:.9}
.h0{background:#f4f8fc}.h1{background:#e3eefa}.h2{background:#cfe1f5}.h3{background:#b6d2ef}.h4{background:#97bfe6}
.h5{background:#76a9dc}.h6{background:#5c95d2}.h7{background:#2f6db2;color:#fff}.h8{background:#1f5e9f;color:#fff}.h9{background:#0b4a8a;color:#fff}
td.hidden-cell{text-align:center;font-style:italic;font-size:.8rem;color:#39414c;background:repeating-linear-gradient(135deg,#eef0f3 0 6px,#d9dee4 6px 12px)}
.toggle{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .75rem;font-size:.95rem}
.toggle a,.toggle strong{padding:.25rem .7rem;border:1px solid #d5dae1;border-radius:6px;text-decoration:none}
.toggle strong{background:#0a56a5;border-color:#0a56a5;color:#fff}
.muted{color:#4a5360}
.small{font-size:.9rem}
.links{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;margin:0;padding:0;list-style:none}
.signin{max-width:30rem;margin:2rem auto}
.signin .brand{margin:0 0 1rem}
label.block+input{display:block;width:100%;padding:.6rem .75rem;font:inherit;border:2px solid #6b7280;border-radius:8px}
input:focus-visible{outline:3px solid #0a56a5;outline-offset:2px}
`.trim();

/** The dashboard pages' policy: both stylesheets by hash, scripts only from our origin. */
export const DASHBOARD_CSP = pageCsp(STYLES, true);
/** The sign-in pages: no script at all. */
export const SIGN_IN_CSP = pageCsp(STYLES, false);

/** A dashboard document (English: leaders read the dashboard in English for now). */
export function dashboardLayout(title: string, body: SafeHtml, scripts: string[] = []): string {
  return layout({ language: 'en', title: `${title} · changepulse`, body, styles: STYLES, scripts });
}

export function sendDashboard(response: Response, status: number, page: string): void {
  sendPage(response, status, page, DASHBOARD_CSP);
}

export function sendSignIn(response: Response, status: number, page: string): void {
  sendPage(response, status, page, SIGN_IN_CSP);
}

/** The product's name above the sign-in pages' headings. */
export const BRAND = html`<p class="brand">changepulse <span>· CRM leadership dashboard</span></p>`;

/** A plain page: heading, text and optional more below (errors, refusals, sign-in steps). */
export function plainPage(title: string, text: string, more?: SafeHtml): string {
  return dashboardLayout(title, html`<div class="card signin">${BRAND}<h1>${title}</h1><p>${text}</p>${more ?? ''}</div>`);
}
