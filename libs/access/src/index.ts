import { ApiToken } from './api-token.entity';

export * from './api-token.entity';
export * from './token.dto';
export * from './tokens.service';
export * from './access.module';

/** The entities this lib owns. */
export const ACCESS_ENTITIES = [ApiToken];
