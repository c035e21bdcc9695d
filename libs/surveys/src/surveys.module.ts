import { Module } from '@nestjs/common';
import { RollupTrigger } from '@changepulse/analytics';
import { InstrumentsService } from './instrument/instruments.service';
import { WavesService } from './waves/waves.service';
import { ResponsesService } from './responses/responses.service';
import { UnsubscribeService } from './responses/unsubscribe.service';
import { ProgrammesService } from './pulses/programmes.service';
import { SurveysTickService } from './pulses/surveys-tick.service';

/** Instruments, waves, invitations and answers. Needs TypeORM, AppConfig and a JobQueue from the app. */
@Module({
  providers: [RollupTrigger, InstrumentsService, WavesService, ProgrammesService, SurveysTickService, ResponsesService, UnsubscribeService],
  exports: [InstrumentsService, WavesService, ProgrammesService, SurveysTickService, ResponsesService, UnsubscribeService],
})
export class SurveysModule {}
