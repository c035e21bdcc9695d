export * from './test-app';
export * from './test-database';
export * from './test-session';
export * from './csv-factory';
export * from './processes';
export * from './browser';
export * from './smtp-sink';
export * from './test-worker';
