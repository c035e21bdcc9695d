import type { InvitationContext } from './invitation-lookup';

/**
 * The invitations whose form was served lately, by token, so that the submit that follows a few
 * seconds later needs no lookup of its own. Bounded (oldest out first) and short-lived. Only what
 * never changes is trusted from an entry (ids, items, language); whether the wave is open and the
 * invitation unanswered is re-checked under lock when the answers are recorded.
 */
export class RecentInvitations {
  private readonly entries = new Map<string, { invitation: InvitationContext; until: number }>();

  constructor(
    private readonly capacity = 5000,
    private readonly ttlMs = 15 * 60_000,
  ) {}

  remember(token: string, invitation: InvitationContext): void {
    this.entries.delete(token);
    this.entries.set(token, { invitation, until: Date.now() + this.ttlMs });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The invitation behind a token whose form was served lately, taken out of the cache. */
  take(token: string): InvitationContext | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    return entry.until > Date.now() ? entry.invitation : undefined;
  }
}
