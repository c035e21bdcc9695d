import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { SignInService, TokensService } from '@changepulse/access';
import type { Actor, Role } from '@changepulse/core';
import { readSessionCookie } from '../dashboard/session-cookie';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

// A cookie travels with every request the browser makes, including ones another site triggers;
// reads are safe to allow that way, writes keep needing the bearer token.
const COOKIE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every route needs a valid bearer token (401) and, where it says so, one of its roles (403).
 * A dashboard session cookie also counts, for reads only (leaders open reports from the dashboard).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly signIns: SignInService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { actor?: Actor }>();
    const actor = await this.authenticate(request);
    if (!actor) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="changepulse"');
      throw new UnauthorizedException('A valid API token is required: send Authorization: Bearer <token>');
    }
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenException(`This needs one of the roles: ${roles.join(', ')}`);
    return true;
  }

  private async authenticate(request: Request): Promise<Actor | null> {
    const [scheme, secret] = (request.headers.authorization ?? '').split(' ');
    if (request.headers.authorization !== undefined) return scheme?.toLowerCase() === 'bearer' && secret ? this.tokens.authenticate(secret) : null;
    const session = COOKIE_METHODS.has(request.method) ? readSessionCookie(request) : undefined;
    return session ? this.signIns.authenticate(session) : null;
  }
}
