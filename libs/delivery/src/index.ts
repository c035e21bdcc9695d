export * from './channel-sender';
export * from './delivery-composer';
export * from './delivery-log';
export * from './deliveries.service';
export * from './delivery.module';
export * from './email/email.sender';
export * from './email/mail-transport';
export * from './email/smtp-failure';
