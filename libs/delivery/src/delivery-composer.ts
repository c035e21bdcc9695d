/** What the delivery log knows of a row when it asks for the words. */
export interface DeliveryRow {
  id: string;
  kind: string;
  channel: 'email' | 'slack';
  invitationId: string | null;
  sequence: number;
}

import type { OutgoingMessage } from './channel-sender';

/**
 * Turns delivery rows of its kinds into messages, a batch at a time (one query per batch, not
 * per row). Null for a row means it is no longer to be sent (answered, closed, left): it is
 * marked `cancelled`.
 */
export interface DeliveryComposer {
  readonly kinds: string[];
  compose(rows: DeliveryRow[]): Promise<Map<string, OutgoingMessage | null>>;
}

/** Injection token for the list of composers. */
export const DELIVERY_COMPOSERS = Symbol('DELIVERY_COMPOSERS');
