import { Module } from '@nestjs/common';
import { InstrumentsService } from './instrument/instruments.service';
import { WavesService } from './waves/waves.service';

/** Instruments, waves, invitations and answers. Needs TypeORM, AppConfig and a JobQueue from the app. */
@Module({
  providers: [InstrumentsService, WavesService],
  exports: [InstrumentsService, WavesService],
})
export class SurveysModule {}
