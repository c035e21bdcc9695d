import { Instrument, InstrumentItem } from './instrument/instrument.entity';
import { SurveyWave } from './waves/wave.entity';
import { PulseProgramme } from './pulses/programme.entity';

export * from './instrument/instrument.entity';
export * from './instrument/instrument.dto';
export * from './instrument/instruments.service';
export * from './invitations/invitation-token';
export * from './waves/wave.entity';
export * from './waves/wave.dto';
export * from './waves/waves.service';
export * from './pulses/programme.entity';
export * from './pulses/programme.dto';
export * from './pulses/programmes.service';
export * from './pulses/surveys-tick.service';
export * from './pulses/pulse-schedule';
export * from './waves/wave-launch';
export * from './responses/answer-form';
export * from './responses/answer-pages';
export * from './responses/submission';
export * from './responses/form-token';
export * from './responses/responses.service';
export * from './responses/unsubscribe.service';
export * from './mail/survey-mail.composer';
export * from './mail/survey-links';
export * from './surveys.module';
export * from './demo/demo-surveys';
export * from './demo/demo-plan';
export * from './demo/demo-rows';
export * from './demo/demo-writer';
export * from './demo/demo-people';
export * from './demo/demo-model';
export * from './demo/demo-reset';

/** The entities this lib owns. */
export const SURVEY_ENTITIES = [Instrument, InstrumentItem, SurveyWave, PulseProgramme];
