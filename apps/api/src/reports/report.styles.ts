import { pageCsp } from '../web/page-layout';

// The report's stylesheet, after the base one: wider on screen, and an A4 document in print
// (each section from a new page, nothing split inside a table row, a figure or a quote).
export const REPORT_STYLES = `
main{max-width:60rem}
.report-head{margin:0 0 1rem}
.kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;font-weight:600;color:#4a5360;margin:0 0 .25rem}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.5rem 1.25rem;margin:.75rem 0 0}
.facts dt{font-size:.8rem;color:#4a5360}
.facts dd{margin:0;font-weight:600}
h2 .number{display:inline;font-size:1em;color:#4a5360;font-weight:600;margin-right:.35rem}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;margin:0 0 1rem}
.kpi{border:1px solid #d5dae1;border-radius:8px;padding:.6rem .8rem}
.kpi .label{font-size:.85rem;color:#4a5360;margin:0}
.kpi .value{font-size:1.6rem;font-weight:700;line-height:1.2;margin:.1rem 0;font-variant-numeric:tabular-nums}
.kpi .detail{font-size:.82rem;color:#4a5360;margin:0}
table{width:100%;border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:0 0 .35rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #d5dae1}
thead th{border-bottom:2px solid #6b7280;font-size:.85rem}
td.num,th.num{text-align:right}
.sub{display:block;font-size:.8rem;color:#4a5360}
.hidden-figure{color:#4a5360;font-style:italic}
.chart{display:block;width:100%;height:auto;margin:.5rem 0 1rem}
.quotes{list-style:none;margin:0;padding:0}
.quotes li{border-left:4px solid #d5dae1;padding:.35rem .75rem;margin:0 0 .6rem;white-space:pre-line}
.empty{color:#4a5360}
.caveats li{margin:.25rem 0}
@page{size:A4;margin:16mm 14mm 18mm}
@media print{
body{background:#fff;font-size:10pt;line-height:1.45}
main{max-width:none;margin:0;padding:0}
.card{border:0;border-radius:0;padding:0;margin:0}
.report-head{padding-bottom:.5rem;border-bottom:2px solid #1b1f24;margin-bottom:1rem}
section.card{break-before:page}
section.card.first{break-before:auto}
h2{break-after:avoid}
tr,.kpi,.chart,.quotes li,figure{break-inside:avoid}
a{color:inherit;text-decoration:none}
.kpis{grid-template-columns:repeat(4,1fr)}
.kpi .value{font-size:1.35rem}
}
`.trim();

export const REPORT_CSP = pageCsp(REPORT_STYLES);
