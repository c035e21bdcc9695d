import { Instrument, InstrumentItem } from './instrument/instrument.entity';
import { SurveyWave } from './waves/wave.entity';

export * from './instrument/instrument.entity';
export * from './instrument/instrument.dto';
export * from './instrument/instruments.service';
export * from './invitations/invitation-token';
export * from './waves/wave.entity';
export * from './waves/wave.dto';
export * from './waves/waves.service';
export * from './waves/pulse-items';
export * from './waves/wave-launch';
export * from './survey-roles';
export * from './surveys.module';

/** The entities this lib owns. */
export const SURVEY_ENTITIES = [Instrument, InstrumentItem, SurveyWave];
