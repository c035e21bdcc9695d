import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { SignInService, TokensService } from '@changepulse/access';
import { requireAccess, type Actor, type Permission } from '@changepulse/core';
import { readSessionCookie } from '../dashboard/session-cookie';
import { PERMISSION_KEY, PUBLIC_KEY } from './auth.decorators';

// A cookie travels with every request the browser makes, including ones another site triggers;
// reads are safe to allow that way, writes keep needing the bearer token.
const COOKIE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every route needs a valid bearer token (401) and the permission it declares, from the role
 * table (403). A route that declares none is refused: a new route cannot be open by omission.
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
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) throw new ForbiddenException('This route declares no permission, so nobody may use it');
    requireAccess(actor, permission);
    return true;
  }

  private async authenticate(request: Request): Promise<Actor | null> {
    const [scheme, secret] = (request.headers.authorization ?? '').split(' ');
    if (request.headers.authorization !== undefined) return scheme?.toLowerCase() === 'bearer' && secret ? this.tokens.authenticate(secret) : null;
    const session = COOKIE_METHODS.has(request.method) ? readSessionCookie(request) : undefined;
    return session ? this.signIns.authenticate(session) : null;
  }
}
