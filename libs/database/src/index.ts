export * from './data-source';
export * from './embedded-postgres';
export * from './test-databases';
export { MIGRATIONS } from './migrations';
export * from './running-embedded';
