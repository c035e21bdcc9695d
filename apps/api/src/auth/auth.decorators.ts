import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor, Permission } from '@changepulse/core';

export const PUBLIC_KEY = 'changepulse:public';
export const PERMISSION_KEY = 'changepulse:permission';

/** The route needs no token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The permission the route needs, checked against the role table after the token (403 before the
 * body is even validated); the service checks it again with the markets involved. Also shown in
 * the OpenAPI document as `x-permission`, which the access-matrix test reads.
 */
export const RequirePermission = (permission: Permission) => applyDecorators(SetMetadata(PERMISSION_KEY, permission), ApiExtension('x-permission', permission));

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest().actor);
