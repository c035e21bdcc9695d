import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@changepulse/core';
import { verifyInvitationToken } from '../invitations/invitation-token';
import { pageLanguage } from './answer-form';
import type { UnsubscribePage } from './answer-pages';

/** The RFC 8058 body of a one-click unsubscribe; the page's button sends the same. */
export const ONE_CLICK = { field: 'List-Unsubscribe', value: 'One-Click' } as const;

/**
 * Muting pulses from an invitation's link: the page (a GET never mutes; mail scanners follow
 * links) and the one-click POST, which mutes the invitation's person for every pulse programme.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async page(token: string): Promise<UnsubscribePage> {
    const person = await this.person(token);
    if (!person) return { state: 'not-found' };
    const language = pageLanguage(person.locale);
    if (!person.employeeId) return { state: 'expired', language };
    const muted = await this.dataSource.query(`SELECT 1 FROM pulse_mutes WHERE employee_id = $1`, [person.employeeId]);
    return { state: 'confirm', language, muted: muted.length > 0 };
  }

  /** Mutes pulses for the invitation's person; a second call changes nothing and says the same. */
  async unsubscribe(token: string, body: Record<string, unknown>): Promise<UnsubscribePage> {
    const person = await this.person(token);
    if (!person) return { state: 'not-found' };
    const language = pageLanguage(person.locale);
    if (body?.[ONE_CLICK.field] !== ONE_CLICK.value) return { state: 'invalid', language, field: ONE_CLICK.field };
    if (!person.employeeId) return { state: 'expired', language };
    await this.dataSource.query(`INSERT INTO pulse_mutes (employee_id) VALUES ($1) ON CONFLICT (employee_id) DO NOTHING`, [person.employeeId]);
    return { state: 'unsubscribed', language };
  }

  private async person(token: string): Promise<{ locale: string; employeeId: string | null } | null> {
    const id = verifyInvitationToken(this.config.secretKey!, token);
    if (!id) return null;
    const rows: Array<{ locale: string; employeeId: string | null }> = await this.dataSource.query(
      `SELECT locale, employee_id AS "employeeId" FROM invitations WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
