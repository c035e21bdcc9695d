import { DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { CHANNEL_SENDERS, type ChannelSender } from './channel-sender';
import { DeliveriesService, DELIVERY_OPTIONS, type DeliveryOptions } from './deliveries.service';
import { DELIVERY_COMPOSERS, type DeliveryComposer } from './delivery-composer';
import { EmailSender } from './email/email.sender';

export interface DeliveryModuleOptions {
  /** The composers of every kind of delivery this app sends; each is a provider of the module. */
  composers: Array<Type<DeliveryComposer>>;
  /** Modules whose exported services the composers need. */
  imports?: DynamicModule['imports'];
  delivery?: Partial<DeliveryOptions>;
}

/**
 * The delivery log's worker side, wired to the app's composers. The senders come from config
 * (email always: SMTP with SMTP_URL, .eml files without). Needs TypeORM and AppConfig from the app.
 */
@Module({})
export class DeliveryModule {
  static forRoot({ composers, imports = [], delivery = {} }: DeliveryModuleOptions): DynamicModule {
    const senders: Array<Type<ChannelSender>> = [EmailSender];
    const providers: Provider[] = [
      ...composers,
      ...senders,
      { provide: DELIVERY_COMPOSERS, inject: composers, useFactory: (...list: DeliveryComposer[]) => list },
      { provide: CHANNEL_SENDERS, inject: senders, useFactory: (...list: ChannelSender[]) => list },
      { provide: DELIVERY_OPTIONS, useValue: delivery },
      DeliveriesService,
    ];
    return { module: DeliveryModule, imports, providers, exports: [DeliveriesService, EmailSender] };
  }
}
