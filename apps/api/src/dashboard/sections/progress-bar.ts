import type { ProgressDto } from '@changepulse/analytics';
import { html, type SafeHtml } from '../../web/html';
import { percent, percentRange, shown } from '../format';

// Coordinates are percentages of the CLI scale: the SVG stretches to the card's width, and
// markers keep their stroke width. No text inside, so nothing gets squeezed on a phone.
const x = (share: number) => (Math.max(0, Math.min(1, share)) * 100).toFixed(2);

/**
 * The headline bar on the CLI scale 0–100%: the current figure filled, its 95% interval as a
 * band, the baseline and target as marks, the stretch still to go shaded; legend and scale as text.
 */
export function progressBar(progress: ProgressDto): SafeHtml {
  const baseline = shown(progress.baseline);
  const current = shown(progress.current);
  const target = progress.target;
  const description = [
    current ? `Current ${percent(current.cli)} (95% interval ${percentRange(current.interval)})` : 'No current figure',
    baseline ? `baseline ${percent(baseline.cli)}` : 'no baseline',
    target !== null ? `target ${percent(target)}` : 'no target',
  ].join(', ');
  return html`<svg class="bar" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label="${description}" focusable="false">
  <rect x="0" y="3" width="100" height="6" rx="0.5" fill="#f1f3f5"/>
  ${baseline && target !== null ? html`<rect x="${x(baseline.cli)}" y="3" width="${(Number(x(target)) - Number(x(baseline.cli))).toFixed(2)}" height="6" fill="#dfe3e8"/>` : ''}
  ${current ? html`<rect x="0" y="3" width="${x(current.cli)}" height="6" fill="#0a56a5"/>` : ''}
  ${current?.interval ? html`<rect x="${x(current.interval[0])}" y="1.5" width="${(Number(x(current.interval[1])) - Number(x(current.interval[0]))).toFixed(2)}" height="9" fill="#9cc3ea" fill-opacity="0.8"/>
  <line x1="${x(current.cli)}" x2="${x(current.cli)}" y1="1.5" y2="10.5" stroke="#084785" stroke-width="2" vector-effect="non-scaling-stroke"/>` : ''}
  ${baseline ? html`<line x1="${x(baseline.cli)}" x2="${x(baseline.cli)}" y1="0" y2="12" stroke="#4a5360" stroke-width="3" vector-effect="non-scaling-stroke"/>` : ''}
  ${target !== null ? html`<line x1="${x(target)}" x2="${x(target)}" y1="0" y2="12" stroke="#1a7f37" stroke-width="4" vector-effect="non-scaling-stroke"/>` : ''}
</svg>
<div class="scale" aria-hidden="true"><span>0%</span><span>25%</span><span>50%</span><span>75%</span><span>100%</span></div>
<ul class="legend">
  ${current ? html`<li><i class="key-current"></i>Current ${percent(current.cli)}</li>` : ''}
  ${current?.interval ? html`<li><i class="key-band"></i>95% interval ${percentRange(current.interval)}</li>` : ''}
  ${baseline ? html`<li><i class="key-baseline"></i>Baseline ${percent(baseline.cli)}</li>` : ''}
  ${target !== null ? html`<li><i class="key-target"></i>Target ${percent(target)}</li>` : ''}
  ${baseline && target !== null ? html`<li><i class="key-room"></i>Baseline to target</li>` : ''}
</ul>`;
}
