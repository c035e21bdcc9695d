import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@changepulse/core';
import { InstrumentDto, InstrumentsService } from '@changepulse/surveys';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('api/instruments')
export class InstrumentsController {
  constructor(private readonly instruments: InstrumentsService) {}

  @Get()
  @RequirePermission('instrument.read')
  @ApiOperation({ summary: 'The questionnaires and their items, every version' })
  @ApiOkResponse({ type: [InstrumentDto] })
  list(@CurrentActor() actor: Actor): Promise<InstrumentDto[]> {
    return this.instruments.list(actor);
  }
}
