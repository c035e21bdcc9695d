export * from './digest-token';
export * from './digest-schedule';
export * from './digest-mail.template';
export * from './digest.composer';
