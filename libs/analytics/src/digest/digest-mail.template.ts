import { escapeHtml } from '@changepulse/core';
import { isHidden, type MarketRefDto, type ProgressDto, type TrendPointDto } from '../analytics.dto';
import { day, percent, percentRange, points, projectionSentence, shareText } from '../report/figure-format';

/** One market of a digest: its figures now, a week ago, and its latest pulse round. */
export interface DigestMarket {
  progress: ProgressDto;
  lastWeek: ProgressDto;
  latestRound: TrendPointDto | null;
  dashboardUrl: string;
}

export interface DigestMailContent {
  name: string;
  /** The Monday of the digest's week (YYYY-MM-DD). */
  weekOf: string;
  generatedAt: Date;
  minGroup: number;
  markets: DigestMarket[];
  /** Visible markets with no survey yet, by code. */
  withoutData: string[];
  unsubscribeUrl: string;
}

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

const ROLE: Record<MarketRefDto['role'], string> = { pilot: 'pilot market', control: 'comparison market', other: 'not started yet' };

/** The market's lines, the same in the text and the HTML part. */
function marketLines({ progress, lastWeek, latestRound }: DigestMarket, minGroup: number): string[] {
  const current = progress.current && !isHidden(progress.current) ? progress.current : null;
  const now = current ? `now ${percent(current.cli)} (95% interval ${percentRange(current.interval)})` : `now ${shareText(progress.current, minGroup, 'no pulse figure yet')}`;
  const target = progress.target === null ? 'no target yet' : `target ${percent(progress.target)}${progress.capped ? ' (capped at 100%)' : ''}`;
  return [
    `CRM Leadership Index: ${now}, baseline ${shareText(progress.baseline, minGroup, 'not surveyed yet')}, ${target}.`,
    progress.progress === null
      ? 'Progress toward the target: not measurable yet (it needs a baseline and pulse rounds).'
      : `Progress toward the target: ${percent(progress.progress)} of the way from the baseline to the target.`,
    sinceLastWeek(progress, lastWeek),
    latestRoundLine(progress, latestRound, minGroup),
    projectionSentence(progress.projection),
  ];
}

function sinceLastWeek(now: ProgressDto, then: ProgressDto): string {
  const sameData = now.window?.to === then.window?.to && now.baselineWave?.id === then.baselineWave?.id;
  if (sameData) return 'Since last week: no new pulse round, so the figures have not moved.';
  if (now.progress === null || then.progress === null) return 'Since last week: new answers came in, but there was no progress figure a week ago to compare with.';
  return `Since last week: progress ${percent(then.progress)} → ${percent(now.progress)} (${points(now.progress - then.progress)}).`;
}

function latestRoundLine(progress: ProgressDto, round: TrendPointDto | null, minGroup: number): string {
  const baseline = progress.baseline;
  if (!round && progress.baselineWave && baseline && !isHidden(baseline) && baseline.responseRate !== null)
    return `Baseline survey (${day(progress.baselineWave.opensAt)}): ${percent(baseline.responseRate)} of the ${baseline.invited} people invited answered.`;
  if (!round) return 'No pulse round yet.';
  if (isHidden(round)) return `Latest pulse round (${day(round.date)}): response rate hidden (fewer than ${minGroup} respondents).`;
  if (round.responseRate === null) return `Latest pulse round (${day(round.date)}): ${round.n} people answered.`;
  return `Latest pulse round (${day(round.date)}): ${percent(round.responseRate)} of the ${round.invited} people invited answered.`;
}

function title(progress: ProgressDto): string {
  return `${progress.market.name} (${progress.market.code}), ${ROLE[progress.market.role]}`;
}

/** The digest as a subject, a plain-text part and an HTML part saying the same. */
export function renderDigestMail(content: DigestMailContent): RenderedDigest {
  const intro = [
    `Here is your weekly update on the CRM leadership values for the week of ${day(content.weekOf)}, with the figures as they stand on ${day(content.generatedAt)}.`,
    'The CRM Leadership Index is the share of answers in which people say they "often" or "always" act on the five CRM leadership values. Each market aims to raise it by 50% over its baseline survey.',
  ];
  const noData = content.withoutData.length ? [`No survey figures yet for: ${content.withoutData.join(', ')}.`] : [];
  const footer = `You get this digest every Monday because it is switched on for your dashboard account. Figures from groups of fewer than ${content.minGroup} respondents are never shown.`;
  const subject = `Weekly CRM leadership digest, week of ${day(content.weekOf)}: ${content.markets.map((market) => market.progress.market.code).join(', ')}`;

  const text = [
    `Hello ${content.name},`,
    ...intro,
    ...content.markets.map((market) => marketText(market, content.minGroup)),
    ...noData,
    `-- \n${footer}\nStop the weekly digest: ${content.unsubscribeUrl}`,
  ].join('\n\n');

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:sans-serif;line-height:1.5;max-width:40em;margin:0 auto;padding:1em;color:#1a1a1a">
<p>${escapeHtml(`Hello ${content.name},`)}</p>
${intro.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${content.markets.map((market) => marketHtml(market, content.minGroup)).join('\n')}
${noData.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<hr style="border:none;border-top:1px solid #ccc">
<p style="font-size:.85em;color:#555">${escapeHtml(footer)} <a href="${escapeHtml(content.unsubscribeUrl)}" style="color:#555">Stop the weekly digest</a></p>
</body></html>
`;
  return { subject, text, html };
}

function marketText(market: DigestMarket, minGroup: number): string {
  const caveats = market.progress.caveats.length ? ['Read with care:', ...market.progress.caveats.map((caveat) => `  - ${caveat}`)] : [];
  return [title(market.progress), '', ...marketLines(market, minGroup).map((line) => `- ${line}`), ...caveats, '', `Open the dashboard: ${market.dashboardUrl}`].join('\n');
}

function marketHtml(market: DigestMarket, minGroup: number): string {
  const caveats = market.progress.caveats.length
    ? `<p style="margin:.5em 0 0"><strong>Read with care:</strong></p><ul>${market.progress.caveats.map((caveat) => `<li>${escapeHtml(caveat)}</li>`).join('')}</ul>`
    : '';
  return `<h2 style="font-size:1.15em;margin:1.5em 0 .5em">${escapeHtml(title(market.progress))}</h2>
<ul>${marketLines(market, minGroup).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
${caveats}
<p><a href="${escapeHtml(market.dashboardUrl)}" style="display:inline-block;padding:.5em 1em;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px">Open ${escapeHtml(market.progress.market.code)} on the dashboard</a></p>`;
}
