import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RollupTrigger } from '@changepulse/analytics';
import { AppConfig } from '@changepulse/core';
import { Instrument, localized } from '../instrument/instrument.entity';
import { InstrumentsService } from '../instrument/instruments.service';
import { verifyInvitationToken } from '../invitations/invitation-token';
import { answerableCodes, commentLabel, formSections, pageLanguage, type AnswerForm, type FormSection, type InstrumentTexts, type PageLanguage } from './answer-form';
import type { FormPage, Refusal, SubmitOutcome, ThanksPage } from './answer-pages';
import { verifyFormToken, formToken } from './form-token';
import { findInvitation, invitationState, recordResponse, type InvitationContext } from './invitation-lookup';
import { RecentInvitations } from './recent-invitations';
import { parsePreselection, parseSubmission } from './submission';

/**
 * The answer page's use cases, reached by an invitation token (no login). A GET never writes;
 * a submit records one anonymous response per invitation, however often or concurrently it is sent.
 */
@Injectable()
export class ResponsesService {
  // Instruments are never edited in place, so their texts, and the questions of each wave in
  // each language, can be kept for the process's life (the latter up to a bound).
  private readonly instrumentTexts = new Map<string, Promise<InstrumentTexts>>();
  private readonly sections = new Map<string, FormSection[]>();
  private readonly recent = new RecentInvitations();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly instruments: InstrumentsService,
    private readonly config: AppConfig,
    private readonly rollups: RollupTrigger,
  ) {}

  /** The form in the respondent's language, with the answers of a one-click link chosen; or why not. */
  async form(token: string, query: Record<string, unknown> = {}): Promise<FormPage> {
    const invitation = await this.resolve(token);
    if (!invitation) return { state: 'not-found' };
    const refusal = refusalOf(invitation, invitationState(invitation));
    if (refusal) return refusal;
    const texts = await this.texts(invitation.instrumentId);
    const selected = parsePreselection(query, answerableCodes(texts, invitation.itemCodes));
    this.recent.remember(token, invitation);
    return { state: 'form', form: this.answerForm(invitation, texts, selected, '') };
  }

  /** Checks the CSRF field and every answer, then records the response in one statement (one transaction). */
  async submit(token: string, body: Record<string, unknown>): Promise<SubmitOutcome> {
    const invitation = this.recent.take(token) ?? (await this.resolve(token));
    if (!invitation) return { state: 'not-found' };
    if (!verifyFormToken(this.secret, invitation.id, body?.csrf)) return { state: 'forbidden', language: pageLanguage(invitation.locale) };
    const refusal = refusalOf(invitation, invitationState(invitation));
    if (refusal) return refusal;
    const texts = await this.texts(invitation.instrumentId);
    const submission = parseSubmission(body, answerableCodes(texts, invitation.itemCodes));
    if (!submission.ok) {
      this.recent.remember(token, invitation);
      const { field, problem } = submission;
      return { state: 'invalid', field, problem, form: this.answerForm(invitation, texts, submission.answers, submission.comment) };
    }
    if (await recordResponse(this.dataSource, invitation.id, invitation.timezone, submission.answers, submission.comment)) {
      this.rollups.waveAnswered(invitation.waveId);
      return { state: 'recorded' };
    }
    // Refused on the re-check under the lock: answered or closed in the meantime.
    const fresh = await findInvitation(this.dataSource, invitation.id);
    if (!fresh) return { state: 'not-found' };
    return refusalOf(fresh, invitationState(fresh)) ?? refusalOf(fresh, 'answered')!;
  }

  /** The thank-you page, once the invitation is answered. */
  async thanks(token: string): Promise<ThanksPage> {
    const invitation = await this.resolve(token);
    if (!invitation) return { state: 'not-found' };
    if (!invitation.responded) return { state: 'not-answered' };
    return { state: 'thanks', language: pageLanguage(invitation.locale), kind: invitation.kind };
  }

  private get secret(): string {
    return this.config.secretKey!;
  }

  private async resolve(token: string): Promise<InvitationContext | null> {
    const id = verifyInvitationToken(this.secret, token);
    return id ? findInvitation(this.dataSource, id) : null;
  }

  private answerForm(invitation: InvitationContext, texts: InstrumentTexts, selected: Record<string, number>, comment: string): AnswerForm {
    const language = pageLanguage(invitation.locale);
    return {
      language,
      title: localized(texts.instrument.title, language),
      kind: invitation.kind,
      sections: this.sectionsOf(texts, invitation.itemCodes, language),
      commentLabel: commentLabel(texts, language),
      csrf: formToken(this.secret, invitation.id),
      closesAt: invitation.closesAt,
      timezone: invitation.timezone,
      selected,
      comment,
    };
  }

  private sectionsOf(texts: InstrumentTexts, itemCodes: string[], language: PageLanguage): FormSection[] {
    const key = `${texts.instrument.id}|${language}|${itemCodes.join(',')}`;
    let sections = this.sections.get(key);
    if (!sections) {
      if (this.sections.size >= 1000) this.sections.clear();
      sections = formSections(texts, itemCodes, language);
      this.sections.set(key, sections);
    }
    return sections;
  }

  private texts(instrumentId: string): Promise<InstrumentTexts> {
    let texts = this.instrumentTexts.get(instrumentId);
    if (!texts) {
      texts = this.loadTexts(instrumentId);
      void texts.catch(() => this.instrumentTexts.delete(instrumentId));
      this.instrumentTexts.set(instrumentId, texts);
    }
    return texts;
  }

  private async loadTexts(instrumentId: string): Promise<InstrumentTexts> {
    const manager = this.dataSource.manager;
    const instrument = await manager.findOneByOrFail(Instrument, { id: instrumentId });
    const items = await this.instruments.items(manager, instrumentId);
    return { instrument, items: new Map(items.map((item) => [item.code, item])) };
  }
}

function refusalOf(invitation: InvitationContext, state: ReturnType<typeof invitationState>): Refusal | null {
  const language = pageLanguage(invitation.locale);
  switch (state) {
    case 'closed':
      return { state: 'closed', language };
    case 'not-open':
      return { state: 'not-open', language, opensAt: invitation.opensAt, timezone: invitation.timezone };
    case 'answered':
      return { state: 'answered', language, kind: invitation.kind };
    default:
      return null;
  }
}
