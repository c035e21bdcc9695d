import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { browserBinding, SIGN_IN_BINDING_SECONDS, SignInService, signInProof, verifySignInProof } from '@changepulse/access';
import { AppConfig } from '@changepulse/core';
import { Public } from '../auth/auth.decorators';
import { seeOther } from '../web/page-layout';
import { sendSignIn } from './dashboard-layout';
import { DashboardPageFilter } from './dashboard-page.filter';
import { clearSessionCookie, clearSignInCookie, readSessionCookie, readSignInCookie, setSessionCookie, setSignInCookie } from './session-cookie';
import { checkInboxPage, confirmSignInPage, linkExpiredPage, linkNotFoundPage, linkUsedPage, notFromThisBrowserPage, signInFormPage } from './sign-in.pages';

// Deliberately loose (the mail server decides); this only catches typing something else.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form asking for a link; a wrong address is answered with the form again, so this only checks the type. */
class SignInRequestDto {
  @IsOptional()
  @IsString()
  email?: string;
}

/** The sign-in button's form: the proof that the link's page was opened in this browser. */
class SignInButtonDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  proof?: string;
}

/**
 * Sign-in by mailed link. The link's page (GET) changes nothing, so a mail scanner that opens it
 * uses nothing up; its button (POST, the token in the form's address) signs in and sets the
 * session cookie. The button works only in the browser that opened the page (see
 * `browser-binding.ts`): another site's form gets 403 and changes no session. Refusals are pages:
 * 410 for a used or expired link, 404 for an unknown one.
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
  request(@Body() body: SignInRequestDto, @Res() response: Response): void {
    const email = (body.email ?? '').trim();
    if (!LOOKS_LIKE_EMAIL.test(email) || email.length > 320) {
      return sendSignIn(response, 400, signInFormPage('Please enter your email address, such as anna.schmidt@example.com.', email.slice(0, 320)));
    }
    this.signIns.requestLink(email);
    sendSignIn(response, 200, checkInboxPage(email));
  }

  @Get('sign-in/:token')
  async confirm(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const link = await this.signIns.inspect(token);
    if (link.state !== 'valid') return this.refuse(response, link.state);
    const binding = browserBinding(readSignInCookie(request));
    setSignInCookie(response, binding, this.secure, SIGN_IN_BINDING_SECONDS);
    sendSignIn(response, 200, confirmSignInPage(token, signInProof(this.secretKey, binding, token), link.name, link.email, link.expiresAt));
  }

  @Post('sign-in/:token')
  async redeem(@Param('token') token: string, @Body() body: SignInButtonDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    // Checked before the link is looked at: a forged press learns nothing and uses nothing up.
    if (!this.pressedHere(request, token, body.proof)) return sendSignIn(response, 403, notFromThisBrowserPage());
    const outcome = await this.signIns.redeem(token);
    if (outcome.state !== 'signed-in') return this.refuse(response, outcome.state);
    setSessionCookie(response, outcome.session, this.secure, this.signIns.sessionMaxSeconds);
    clearSignInCookie(response, this.secure);
    seeOther(response, '/dashboard');
  }

  @Post('sign-out')
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    const session = readSessionCookie(request);
    if (session) await this.signIns.signOut(session);
    clearSessionCookie(response, this.secure);
    seeOther(response, '/dashboard/sign-in');
  }

  /** The cookie and proof the link's page handed this browser; and no other site behind the press, where the browser tells. */
  private pressedHere(request: Request, token: string, proof: string | undefined): boolean {
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return false;
    return verifySignInProof(this.secretKey, readSignInCookie(request), token, proof);
  }

  private get secretKey(): string {
    return this.config.secretKey!;
  }

  private refuse(response: Response, state: 'used' | 'expired' | 'not-found'): void {
    if (state === 'not-found') return sendSignIn(response, 404, linkNotFoundPage());
    sendSignIn(response, 410, state === 'used' ? linkUsedPage() : linkExpiredPage());
  }
}
