import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { TokensService } from '@changepulse/access';
import type { Actor, Role } from '@changepulse/core';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

/** Every route needs a valid bearer token (401) and, where it says so, one of its roles (403). */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { actor?: Actor }>();
    const [scheme, secret] = (request.headers.authorization ?? '').split(' ');
    const actor = scheme?.toLowerCase() === 'bearer' && secret ? await this.tokens.authenticate(secret) : null;
    if (!actor) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="changepulse"');
      throw new UnauthorizedException('A valid API token is required: send Authorization: Bearer <token>');
    }
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenException(`This needs one of the roles: ${roles.join(', ')}`);
    return true;
  }
}
