import { ApiToken } from './api-token.entity';
import { User } from './users/user.entity';

export * from './api-token.entity';
export * from './token.dto';
export * from './tokens.service';
export * from './access.module';
export * from './users/user.entity';
export * from './users/user.dto';
export * from './users/users.service';
export * from './sessions/session-rules';
export * from './sessions/sign-in.service';
export * from './sessions/browser-binding';

/** The entities this lib owns. */
export const ACCESS_ENTITIES = [ApiToken, User];
