import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SignInService } from '@changepulse/access';
import { AppConfig } from '@changepulse/core';
import { Public } from '../auth/auth.decorators';
import { seeOther } from '../web/page-layout';
import { sendSignIn } from './dashboard-layout';
import { DashboardPageFilter } from './dashboard-page.filter';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie';
import { checkInboxPage, confirmSignInPage, linkExpiredPage, linkNotFoundPage, linkUsedPage, signInFormPage } from './sign-in.pages';

// Deliberately loose (the mail server decides); this only catches typing something else.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sign-in by mailed link. The link's page (GET) changes nothing, so a mail scanner that opens it
 * uses nothing up; its button (POST, the token in the form's address) signs in and sets the
 * session cookie. Refusals are pages: 410 for a used or expired link, 404 for an unknown one.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardPageFilter)
@Controller('dashboard')
export class SignInController {
  constructor(
    private readonly signIns: SignInService,
    private readonly config: AppConfig,
  ) {}

  private get secure(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  @Get('sign-in')
  async form(@Req() request: Request, @Res() response: Response): Promise<void> {
    const session = readSessionCookie(request);
    if (session && (await this.signIns.authenticate(session))) return seeOther(response, '/dashboard');
    sendSignIn(response, 200, signInFormPage());
  }

  @Post('sign-in')
  async request(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    if (!LOOKS_LIKE_EMAIL.test(email) || email.length > 320) {
      return sendSignIn(response, 400, signInFormPage('Please enter your email address, such as anna.schmidt@example.com.', email.slice(0, 320)));
    }
    await this.signIns.requestLink(email);
    sendSignIn(response, 200, checkInboxPage(email));
  }

  @Get('sign-in/:token')
  async confirm(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const link = await this.signIns.inspect(token);
    if (link.state === 'valid') return sendSignIn(response, 200, confirmSignInPage(token, link.name, link.email, link.expiresAt));
    this.refuse(response, link.state);
  }

  @Post('sign-in/:token')
  async redeem(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const outcome = await this.signIns.redeem(token);
    if (outcome.state !== 'signed-in') return this.refuse(response, outcome.state);
    setSessionCookie(response, outcome.session, this.secure, this.signIns.sessionMaxSeconds);
    seeOther(response, '/dashboard');
  }

  @Post('sign-out')
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    const session = readSessionCookie(request);
    if (session) await this.signIns.signOut(session);
    clearSessionCookie(response, this.secure);
    seeOther(response, '/dashboard/sign-in');
  }

  private refuse(response: Response, state: 'used' | 'expired' | 'not-found'): void {
    if (state === 'not-found') return sendSignIn(response, 404, linkNotFoundPage());
    sendSignIn(response, 410, state === 'used' ? linkUsedPage() : linkExpiredPage());
  }
}
