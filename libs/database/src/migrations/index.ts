import { InitialSchema1764061200000 } from './1764061200000-InitialSchema';
import { Surveys1764120000000 } from './1764120000000-Surveys';
import { DeliveriesSending1764130000000 } from './1764130000000-DeliveriesSending';
import { Rollups1764200000000 } from './1764200000000-Rollups';
import { Leaders1764210000000 } from './1764210000000-Leaders';
import { DigestDeliveries1764220000000 } from './1764220000000-DigestDeliveries';
import { DeliveryLeases1795844477932 } from './1795844477932-DeliveryLeases';
import { UnansweredInvitations1795850252864 } from './1795850252864-UnansweredInvitations';

/** Every migration, in order. Listed explicitly: no globs, so bundling keeps them. */
export const MIGRATIONS = [
  InitialSchema1764061200000,
  Surveys1764120000000,
  DeliveriesSending1764130000000,
  Rollups1764200000000,
  Leaders1764210000000,
  DigestDeliveries1764220000000,
  DeliveryLeases1795844477932,
  UnansweredInvitations1795850252864,
];
