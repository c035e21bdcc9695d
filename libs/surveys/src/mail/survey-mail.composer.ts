import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@changepulse/core';
import type { DeliveryComposer, DeliveryRow, OutgoingMessage } from '@changepulse/delivery';
import { localized, type Texts } from '../instrument/instrument.entity';
import { surveyLinks } from './survey-links';
import { renderSurveyMail } from './survey-mail.template';
import { mailLanguage } from './survey-mail.texts';
import { answeredSql } from '../waves/answered-sql';

/** A wave of the batch with what every mail of it shares, and its deliveries. */
interface WaveRow {
  kind: 'baseline' | 'pulse';
  title: string;
  open: boolean;
  closesAt: Date;
  questionCount: number;
  itemCode: string | null;
  itemText: Texts | null;
  prompt: Texts | null;
  labels: Record<string, string[]> | null;
  deliveries: RecipientRow[];
}

/** One delivery and its person (null fields once the link to the person is erased). */
interface RecipientRow {
  id: string;
  invitationId: string;
  locale: string;
  responded: boolean;
  linked: boolean;
  active: boolean | null;
  email: string | null;
  firstName: string | null;
  slackUserId: string | null;
  timeZone: string;
  muted: boolean;
}

// One row per wave of the batch (its first question with a scale among its facts), its
// deliveries as one JSON array: one query, and little to parse however large the batch.
const MAIL_ROWS = `
  WITH batch AS (
    SELECT d.id, i.id AS invitation_id, i.wave_id, i.employee_id, i.locale,
           ${answeredSql('i')} AS responded
      FROM deliveries d JOIN invitations i ON i.id = d.invitation_id
     WHERE d.id = ANY($1)
  )
  SELECT w.kind, w.title, w.status = 'open' AND w.closes_at > now() AS open, w.closes_at AS "closesAt",
         cardinality(w.item_codes) AS "questionCount", q.code AS "itemCode", q.text AS "itemText",
         ins.scales -> q.scale -> 'prompt' AS prompt, ins.scales -> q.scale -> 'labels' AS labels,
         (SELECT json_agg(json_build_object(
                   'id', b.id, 'invitationId', b.invitation_id, 'locale', b.locale, 'responded', b.responded,
                   'linked', b.employee_id IS NOT NULL, 'active', e.status = 'active', 'email', e.email,
                   'firstName', e.first_name, 'slackUserId', e.slack_user_id,
                   'timeZone', COALESCE(e.timezone, m.timezone), 'muted', pm.employee_id IS NOT NULL))
            FROM batch b
            JOIN markets m ON m.id = w.market_id
            LEFT JOIN employees e ON e.id = b.employee_id
            LEFT JOIN pulse_mutes pm ON pm.employee_id = b.employee_id
           WHERE b.wave_id = w.id) AS deliveries
    FROM survey_waves w
    JOIN instruments ins ON ins.id = w.instrument_id
    LEFT JOIN LATERAL (
      SELECT it.code, it.text, it.scale
        FROM unnest(w.item_codes) WITH ORDINALITY AS c (code, position)
        JOIN instrument_items it ON it.instrument_id = w.instrument_id AND it.code = c.code
       WHERE it.scale <> 'text'
       ORDER BY c.position LIMIT 1) q ON true
   WHERE w.id IN (SELECT wave_id FROM batch)`;

/**
 * What survey invitations and reminders say. A row is no longer sent (null) once the wave closed
 * or the link to the person was erased, when the person left, when a reminder's invitation was
 * answered, or when the person muted pulses.
 */
@Injectable()
export class SurveyMailComposer implements DeliveryComposer {
  readonly kinds = ['survey_invitation', 'survey_reminder'];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async compose(deliveries: DeliveryRow[]): Promise<Map<string, OutgoingMessage | null>> {
    const waves: WaveRow[] = await this.dataSource.query(MAIL_ROWS, [deliveries.map((delivery) => delivery.id)]);
    const found = new Map(waves.flatMap((wave) => wave.deliveries.map((recipient) => [recipient.id, { wave, recipient }] as const)));
    return new Map(deliveries.map((delivery) => [delivery.id, this.message(delivery, found.get(delivery.id))]));
  }

  private message(delivery: DeliveryRow, found: { wave: WaveRow; recipient: RecipientRow } | undefined): OutgoingMessage | null {
    if (!found || !this.stillWanted(delivery, found.wave, found.recipient)) return null;
    const { wave, recipient } = found;
    const to = delivery.channel === 'email' ? recipient.email : recipient.slackUserId;
    if (!to) return null;
    const pulse = wave.kind === 'pulse';
    const links = surveyLinks(this.config.publicUrl, this.config.secretKey!, recipient.invitationId, wave.itemCode);
    const language = mailLanguage(recipient.locale);
    const mail = renderSurveyMail({
      locale: recipient.locale,
      reminder: delivery.kind === 'survey_reminder',
      pulse,
      firstName: recipient.firstName,
      title: wave.title,
      closesAt: wave.closesAt,
      timeZone: recipient.timeZone,
      questionCount: wave.questionCount,
      anonymityMinGroup: this.config.anonymityMinGroup,
      question:
        wave.itemText && wave.prompt && wave.labels
          ? { prompt: localized(wave.prompt, language), text: localized(wave.itemText, language), labels: wave.labels[language] ?? wave.labels.en }
          : null,
      links: { form: links.form, answers: links.answers, unsubscribe: pulse ? links.unsubscribe : null },
    });
    // RFC 8058: mail programs offer "unsubscribe" and POST `List-Unsubscribe=One-Click` to it.
    const headers = pulse ? { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined;
    return { deliveryId: delivery.id, to, subject: mail.subject, text: mail.text, html: delivery.channel === 'email' ? mail.html : undefined, headers };
  }

  private stillWanted(delivery: DeliveryRow, wave: WaveRow, recipient: RecipientRow): boolean {
    if (!recipient.linked || !recipient.active || !wave.open) return false;
    if (delivery.kind === 'survey_reminder' && recipient.responded) return false;
    return !(wave.kind === 'pulse' && recipient.muted);
  }
}
