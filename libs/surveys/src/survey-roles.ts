import type { Role } from '@changepulse/core';

export const SURVEY_EDITORS: Role[] = ['admin', 'change_manager'];
export const SURVEY_READERS: Role[] = ['admin', 'change_manager', 'leader', 'viewer'];
