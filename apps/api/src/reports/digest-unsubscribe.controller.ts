import { Controller, Get, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SYSTEM_ACTOR, UsersService } from '@changepulse/access';
import { digestUnsubscribePath, verifyDigestUnsubscribeToken } from '@changepulse/analytics';
import { AppConfig } from '@changepulse/core';
import { Public } from '../auth/auth.decorators';
import { html } from '../web/html';
import { layout, sendPage } from '../web/page-layout';

/**
 * The weekly digest's unsubscribe link. Opening it (GET) changes nothing, since mail scanners
 * open links; its button, or a mail program's RFC 8058 one-click POST, stops the digest.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard/digest/unsubscribe')
export class DigestUnsubscribeController {
  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  @Get(':token')
  confirm(@Param('token') token: string, @Res() response: Response): void {
    if (!this.userOf(token)) return sendPage(response, 404, unknownLinkPage());
    sendPage(response, 200, confirmPage(digestUnsubscribePath(token)));
  }

  @Post(':token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const userId = this.userOf(token);
    if (!userId) return sendPage(response, 404, unknownLinkPage());
    try {
      await this.users.update(SYSTEM_ACTOR, userId, { weeklyDigest: false });
    } catch (error) {
      if (error instanceof NotFoundException) return sendPage(response, 404, unknownLinkPage());
      throw error;
    }
    sendPage(response, 200, donePage());
  }

  private userOf(token: string): string | null {
    return verifyDigestUnsubscribeToken(this.config.secretKey!, token);
  }
}

function page(title: string, body: ReturnType<typeof html>): string {
  return layout({ language: 'en', title, body: html`<div class="card"><h1>${title}</h1>${body}</div>` });
}

function confirmPage(action: string): string {
  return page(
    'Stop the weekly digest?',
    html`<p>You get a mail every Monday with the progress of your markets toward the CRM leadership target. Press the button to stop it; the dashboard stays open to you.</p>
<form method="post" action="${action}">
  <input type="hidden" name="List-Unsubscribe" value="One-Click">
  <button type="submit">Stop the weekly digest</button>
</form>`,
  );
}

function donePage(): string {
  return page(
    'The weekly digest is stopped',
    html`<p>You will get no more weekly digest mails. Your change team can switch it back on for you at any time.</p><p><a href="/dashboard">Go to the dashboard</a></p>`,
  );
}

function unknownLinkPage(): string {
  return page('We do not know this link', html`<p>It may be incomplete: open it again from the mail, or copy the whole address into your browser.</p>`);
}
