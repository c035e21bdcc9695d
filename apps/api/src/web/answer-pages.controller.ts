import { Body, Controller, Get, Injectable, NotFoundException, Param, PipeTransform, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '@changepulse/core';
import { ResponsesService, UnsubscribeService, type FormPage, type Refusal, type UnsubscribePage } from '@changepulse/surveys';
import { Public } from '../auth/auth.decorators';
import { answerFormPage, tokenPaths } from './answer-form.page';
import { fixedPage, messagePage, stopPulsesLink, unsubscribePage } from './message.pages';
import { seeOther, sendPage } from './page-layout';
import { formatMoment, PAGE_TEXTS } from './page-texts';
import { AnswerPageFilter, requestLanguage } from './answer-page.filter';

type FormFields = Record<string, unknown>;

// An invitation token is `<22>.<32>` in the base64url alphabet (`invitationToken`). The route
// takes nothing else, so `/s/<token>.extra` or `/s/<token>%00` is a 404, never the token's page.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{32}$/;

@Injectable()
class AnswerToken implements PipeTransform<string, string> {
  transform(token: string): string {
    if (!TOKEN_SHAPE.test(token)) throw new NotFoundException('No such link');
    return token;
  }
}

/**
 * The pages a respondent reaches from an invitation: the form (`GET /s/:token`, a one-click
 * answer as `?item=value` only preselects), the submit (`POST`, 303 to the thank-you page), and
 * the pulse unsubscribe (page, and RFC 8058 one-click POST). Plain HTML, no token needed.
 */
@ApiExcludeController()
@Public()
@UseFilters(AnswerPageFilter)
@Controller('s')
export class AnswerPagesController {
  constructor(
    private readonly responses: ResponsesService,
    private readonly unsubscribes: UnsubscribeService,
    private readonly config: AppConfig,
  ) {}

  @Get(':token')
  async form(@Param('token', AnswerToken) token: string, @Query() query: FormFields, @Req() request: Request, @Res() response: Response): Promise<void> {
    const page: FormPage = await this.responses.form(token, query);
    if (page.state === 'form') return sendPage(response, 200, answerFormPage(token, page.form, this.config.anonymityMinGroup));
    // Opening the link again after answering is no mistake: 200. A second submit is a 409.
    this.refusal(request, response, token, page, page.state === 'answered' ? 200 : undefined);
  }

  @Post(':token')
  async submit(@Param('token', AnswerToken) token: string, @Body() body: FormFields, @Req() request: Request, @Res() response: Response): Promise<void> {
    const outcome = await this.responses.submit(token, body);
    switch (outcome.state) {
      case 'recorded':
        return seeOther(response, tokenPaths(token).thanks);
      case 'forbidden':
        return sendPage(response, 403, fixedPage(outcome.language, 'forbidden'));
      case 'invalid':
        return sendPage(response, 400, answerFormPage(token, outcome.form, this.config.anonymityMinGroup, outcome));
      default:
        return this.refusal(request, response, token, outcome);
    }
  }

  @Get(':token/thanks')
  async thanks(@Param('token', AnswerToken) token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const page = await this.responses.thanks(token);
    if (page.state === 'not-found') return sendPage(response, 404, fixedPage(requestLanguage(request), 'notFound'));
    if (page.state === 'not-answered') return seeOther(response, tokenPaths(token).form);
    sendPage(response, 200, fixedPage(page.language, 'thanks', page.kind === 'pulse' ? stopPulsesLink(tokenPaths(token).unsubscribe) : undefined));
  }

  @Get(':token/unsubscribe')
  async unsubscribePage(@Param('token', AnswerToken) token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    this.unsubscribed(request, response, token, await this.unsubscribes.page(token));
  }

  @Post(':token/unsubscribe')
  async unsubscribe(@Param('token', AnswerToken) token: string, @Body() body: FormFields, @Req() request: Request, @Res() response: Response): Promise<void> {
    this.unsubscribed(request, response, token, await this.unsubscribes.unsubscribe(token, body));
  }

  private refusal(request: Request, response: Response, token: string, page: Refusal, status?: number): void {
    switch (page.state) {
      case 'not-found':
        return sendPage(response, 404, fixedPage(requestLanguage(request), 'notFound'));
      case 'closed':
        return sendPage(response, 410, fixedPage(page.language, 'closed'));
      case 'not-open': {
        const texts = PAGE_TEXTS[page.language];
        return sendPage(response, 409, messagePage(page.language, texts.notOpen.title, texts.notOpen.body(formatMoment(texts, page.opensAt, page.timezone))));
      }
      case 'answered':
        return sendPage(response, status ?? 409, fixedPage(page.language, 'answered', page.kind === 'pulse' ? stopPulsesLink(tokenPaths(token).unsubscribe) : undefined));
    }
  }

  private unsubscribed(request: Request, response: Response, token: string, page: UnsubscribePage): void {
    const action = tokenPaths(token).unsubscribe;
    switch (page.state) {
      case 'not-found':
        return sendPage(response, 404, fixedPage(requestLanguage(request), 'notFound'));
      case 'expired':
        return sendPage(response, 410, fixedPage(page.language, 'expired'));
      case 'confirm':
        return sendPage(response, 200, unsubscribePage(page.language, action, page.muted));
      case 'invalid':
        return sendPage(response, 400, unsubscribePage(page.language, action, false, PAGE_TEXTS[page.language].unsubscribeInvalid(page.field)));
      case 'unsubscribed':
        return sendPage(response, 200, fixedPage(page.language, 'unsubscribed'));
    }
  }
}
