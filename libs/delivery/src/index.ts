export * from './channel-sender';
export * from './delivery-composer';
