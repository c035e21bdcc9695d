import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, type Actor, type Role } from '@changepulse/core';
import type { DeliveryComposer, DeliveryRow, OutgoingMessage } from '@changepulse/delivery';
import { AnalyticsService } from '../analytics.service';
import { renderDigestMail, type DigestMarket } from './digest-mail.template';
import { DIGEST_KIND, weekStart } from './digest-schedule';
import { digestUnsubscribePath, digestUnsubscribeToken } from './digest-token';

/** A digest row and its user. */
interface RecipientRow {
  id: string;
  period: string | null;
  userId: string;
  email: string;
  name: string;
  role: Role;
  markets: string[] | null;
  wanted: boolean;
}

const RECIPIENTS = `
  SELECT d.id, d.period, u.id AS "userId", u.email, u.name, u.role, u.markets, u.weekly_digest AND u.disabled_at IS NULL AS wanted
    FROM deliveries d JOIN users u ON u.id = d.user_id
   WHERE d.id = ANY($1)`;

const WEEK = 7 * 86_400_000;

/**
 * What the weekly digest says: per market the user may see, the CLI now against baseline and
 * target, progress and its change since a week ago, the latest round's response rate, the
 * caveats and the projection. Figures come from AnalyticsService as the user (their market
 * scope, the anonymity rule). Not sent (null) when the user stopped the digest, was disabled,
 * or has no market with survey figures.
 */
@Injectable()
export class DigestComposer implements DeliveryComposer {
  readonly kinds = [DIGEST_KIND];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly analytics: AnalyticsService,
    private readonly config: AppConfig,
  ) {}

  async compose(deliveries: DeliveryRow[]): Promise<Map<string, OutgoingMessage | null>> {
    const rows: RecipientRow[] = await this.dataSource.query(RECIPIENTS, [deliveries.map((delivery) => delivery.id)]);
    const found = new Map(rows.map((row) => [row.id, row]));
    const messages = new Map<string, OutgoingMessage | null>();
    for (const delivery of deliveries) messages.set(delivery.id, await this.message(delivery, found.get(delivery.id)));
    return messages;
  }

  private async message(delivery: DeliveryRow, recipient: RecipientRow | undefined): Promise<OutgoingMessage | null> {
    if (!recipient?.wanted || !recipient.period || delivery.channel !== 'email') return null;
    const actor: Actor = { tokenId: `user:${recipient.userId}`, name: recipient.name, role: recipient.role, markets: recipient.markets };
    const now = new Date();
    const markets: DigestMarket[] = [];
    const withoutData: string[] = [];
    for (const { code } of await this.analytics.markets(actor)) {
      const market = await this.market(actor, code, now);
      if (market) markets.push(market);
      else withoutData.push(code);
    }
    if (markets.length === 0) return null;
    const unsubscribeUrl = `${this.config.publicUrl}${digestUnsubscribePath(digestUnsubscribeToken(this.config.secretKey!, recipient.userId))}`;
    const mail = renderDigestMail({
      name: recipient.name,
      weekOf: weekStart(recipient.period),
      generatedAt: now,
      minGroup: this.config.anonymityMinGroup,
      markets,
      withoutData,
      unsubscribeUrl,
    });
    // RFC 8058: mail programs offer "unsubscribe" and POST `List-Unsubscribe=One-Click` to it.
    const headers = { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    return { deliveryId: delivery.id, to: recipient.email, subject: mail.subject, text: mail.text, html: mail.html, headers };
  }

  /** A market's figures now and a week ago; null while it has no launched survey. */
  private async market(actor: Actor, code: string, now: Date): Promise<DigestMarket | null> {
    const progress = await this.analytics.progress(actor, code);
    if (!progress.baselineWave && !progress.window) return null;
    const [lastWeek, trend] = await Promise.all([this.analytics.progress(actor, code, new Date(now.getTime() - WEEK)), this.analytics.trend(actor, code)]);
    return { progress, lastWeek, latestRound: trend.points.at(-1) ?? null, dashboardUrl: `${this.config.publicUrl}/dashboard/markets/${encodeURIComponent(code)}` };
  }
}
