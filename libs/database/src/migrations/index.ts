import { InitialSchema1764061200000 } from './1764061200000-InitialSchema';

/** Every migration, in order. Listed explicitly: no globs, so bundling keeps them. */
export const MIGRATIONS = [InitialSchema1764061200000];
