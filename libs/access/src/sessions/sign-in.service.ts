import { BadRequestException, BeforeApplicationShutdown, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, requireAccess, type Actor, type Role } from '@changepulse/core';
import { hashSecret, newSecret } from './secrets';
import { SESSION_IDLE_HOURS, SESSION_MAX_DAYS, SIGN_IN_LINK_MINUTES, SIGN_IN_LINKS_PER_WINDOW, signInPath } from './session-rules';
import { SignInMailer } from './sign-in-mailer';

/** What a sign-in link is worth right now. */
export type LinkState = { state: 'valid'; name: string; email: string; expiresAt: Date } | { state: 'used' | 'expired' | 'not-found' };

/** The outcome of pressing "Sign in": a session secret for the cookie, or why not. */
export type Redeemed = { state: 'signed-in'; session: string; expiresAt: Date } | { state: 'used' | 'expired' | 'not-found' };

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  markets: string[] | null;
}

/**
 * Sign-in by mailed link: a link works once, for 15 minutes, and opening it does not use it up
 * (mail scanners open links); pressing the button on its page does, and opens a session. A
 * session slides 12 hours past each request, up to 7 days after signing in. Only SHA-256 hashes
 * of links and sessions are stored.
 */
@Injectable()
export class SignInService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SignInService.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: SignInMailer,
    private readonly config: AppConfig,
  ) {}

  /**
   * Starts mailing a link to a known, enabled address, and returns before the address is even
   * looked up: the caller's answer, and its timing, are the same for a known and an unknown
   * address (the lookup took measurably longer for a known one). Unknown addresses, disabled
   * users and too many requests send nothing; failures show only in the log.
   */
  requestLink(email: string): void {
    const work = this.issueLink(email)
      .catch((error: unknown) => {
        const { name, message } = error instanceof Error ? error : new Error(String(error));
        this.logger.error({ err: { type: name, message } }, 'A sign-in link could not be issued');
      })
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  /** Requests still being looked up finish while the database and the mailer are still there. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private async issueLink(email: string): Promise<void> {
    const issued = await this.dataSource.transaction(async (manager) => {
      // The row lock makes concurrent requests of one person count one after the other.
      const [user]: UserRow[] = await manager.query(`SELECT id, name, email FROM users WHERE lower(email) = lower($1) AND disabled_at IS NULL FOR UPDATE`, [email.trim()]);
      if (!user) return null;
      await manager.query(`DELETE FROM sign_in_links WHERE user_id = $1 AND expires_at < now() - interval '1 day'`, [user.id]);
      const [{ recent }]: Array<{ recent: number }> = await manager.query(
        `SELECT count(*)::int AS recent FROM sign_in_links WHERE user_id = $1 AND created_at > now() - make_interval(mins => $2)`,
        [user.id, SIGN_IN_LINK_MINUTES],
      );
      if (recent >= SIGN_IN_LINKS_PER_WINDOW) {
        this.logger.warn({ userId: user.id }, 'Sign-in link refused: too many requested recently');
        return null;
      }
      return { user, ...(await this.insertLink(manager, user.id)) };
    });
    if (issued) this.mailer.send(issued.user.email, { name: issued.user.name, url: issued.url, requestUrl: this.requestUrl, expiresAt: issued.expiresAt });
  }

  /** A link for an operator to hand over (`user link`), without mail and without the rate limit. */
  async createLink(actor: Actor, email: string): Promise<{ url: string; expiresAt: Date; name: string; email: string }> {
    requireAccess(actor, 'user.manage');
    const [user]: Array<UserRow & { disabled: boolean }> = await this.dataSource.query(
      `SELECT id, name, email, disabled_at IS NOT NULL AS disabled FROM users WHERE lower(email) = lower($1)`,
      [email.trim()],
    );
    if (!user) throw new NotFoundException(`email: no user with the address ${email}`);
    if (user.disabled) throw new BadRequestException(`email: the user ${email} is disabled`);
    return { ...(await this.insertLink(this.dataSource.manager, user.id)), name: user.name, email: user.email };
  }

  /** Looks at a link without using it (the page behind the mailed link). */
  async inspect(token: string): Promise<LinkState> {
    const [row]: Array<{ name: string; email: string; expires_at: Date; used: boolean; live: boolean }> = await this.dataSource.query(
      `SELECT u.name, u.email, l.expires_at, l.used_at IS NOT NULL AS used, (l.expires_at > now() AND u.disabled_at IS NULL) AS live
         FROM sign_in_links l JOIN users u ON u.id = l.user_id WHERE l.token_hash = $1`,
      [hashSecret(token)],
    );
    if (!row) return { state: 'not-found' };
    if (row.used) return { state: 'used' };
    if (!row.live) return { state: 'expired' };
    return { state: 'valid', name: row.name, email: row.email, expiresAt: row.expires_at };
  }

  /** Uses the link up and opens a session, in one statement: of two presses, one wins. */
  async redeem(token: string): Promise<Redeemed> {
    const session = newSecret();
    const rows: Array<{ user_id: string; expires_at: Date }> = await this.dataSource.query(
      `WITH used AS (
         UPDATE sign_in_links l SET used_at = now()
           FROM users u
          WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND u.id = l.user_id AND u.disabled_at IS NULL
         RETURNING l.user_id)
       INSERT INTO sessions (token_hash, user_id, expires_at)
       SELECT $2, user_id, now() + make_interval(hours => $3) FROM used
       RETURNING user_id, expires_at`,
      [hashSecret(token), hashSecret(session), SESSION_IDLE_HOURS],
    );
    const [created] = rows;
    if (!created) {
      const state = await this.inspect(token);
      return { state: state.state === 'valid' ? 'expired' : state.state };
    }
    await this.dataSource.query(`DELETE FROM sessions WHERE user_id = $1 AND expires_at < now()`, [created.user_id]);
    return { state: 'signed-in', session, expiresAt: created.expires_at };
  }

  /** The actor behind a session cookie, or null; a request moves the idle deadline (at most one write a minute). */
  async authenticate(session: string): Promise<Actor | null> {
    const [row]: Array<UserRow & { session_id: string; stale: boolean }> = await this.dataSource.query(
      `SELECT s.id AS session_id, u.id, u.name, u.email, u.role, u.markets, s.last_seen_at < now() - interval '1 minute' AS stale
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [hashSecret(session)],
    );
    if (!row) return null;
    if (row.stale)
      await this.dataSource.query(
        `UPDATE sessions SET last_seen_at = now(), expires_at = LEAST(now() + make_interval(hours => $2), created_at + make_interval(days => $3)) WHERE id = $1`,
        [row.session_id, SESSION_IDLE_HOURS, SESSION_MAX_DAYS],
      );
    return { tokenId: `user:${row.id}`, name: row.name, role: row.role, markets: row.markets };
  }

  /** Ends the session behind a cookie (nothing happens for an unknown one). */
  async signOut(session: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE token_hash = $1`, [hashSecret(session)]);
  }

  /** Deletes expired sessions and links older than a day (kept that long so a late click hears "used" or "expired"). */
  async cleanup(): Promise<{ sessions: number; links: number }> {
    const [, sessions] = (await this.dataSource.query(`DELETE FROM sessions WHERE expires_at < now()`)) as [unknown, number];
    const [, links] = (await this.dataSource.query(`DELETE FROM sign_in_links WHERE expires_at < now() - interval '1 day'`)) as [unknown, number];
    return { sessions, links };
  }

  /** The absolute limit of a session from its start, for the cookie's Max-Age. */
  get sessionMaxSeconds(): number {
    return SESSION_MAX_DAYS * 86_400;
  }

  private get requestUrl(): string {
    return `${this.config.publicUrl}/dashboard/sign-in`;
  }

  private async insertLink(manager: EntityManager, userId: string): Promise<{ url: string; expiresAt: Date }> {
    const token = newSecret();
    const [{ expires_at }]: Array<{ expires_at: Date }> = await manager.query(
      `INSERT INTO sign_in_links (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3)) RETURNING expires_at`,
      [userId, hashSecret(token), SIGN_IN_LINK_MINUTES],
    );
    return { url: `${this.config.publicUrl}${signInPath(token)}`, expiresAt: expires_at };
  }
}
