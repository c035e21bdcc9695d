import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@changepulse/core';
import { CreateTierDto, ReorderTiersDto, TierDto, TiersService, UpdateTierDto } from '@changepulse/people';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';

@ApiTags('audience tiers')
@ApiBearerAuth()
@Controller('api/tiers')
export class TiersController {
  constructor(private readonly tiers: TiersService) {}

  @Get()
  @RequirePermission('tier.read')
  @ApiOperation({ summary: 'The audience ladder, top first' })
  @ApiOkResponse({ type: [TierDto] })
  list(@CurrentActor() actor: Actor): Promise<TierDto[]> {
    return this.tiers.list(actor);
  }

  @Post()
  @RequirePermission('tier.manage')
  @ApiOperation({ summary: 'Add a tier (at the bottom unless a rank is given)' })
  @ApiOkResponse({ type: TierDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateTierDto): Promise<TierDto> {
    return this.tiers.create(actor, body);
  }

  @Put('order')
  @RequirePermission('tier.manage')
  @ApiOperation({ summary: 'Reorder the whole ladder' })
  @ApiOkResponse({ type: [TierDto] })
  reorder(@CurrentActor() actor: Actor, @Body() body: ReorderTiersDto): Promise<TierDto[]> {
    return this.tiers.reorder(actor, body);
  }

  @Patch(':key')
  @RequirePermission('tier.manage')
  @ApiOperation({ summary: 'Rename or move a tier' })
  @ApiOkResponse({ type: TierDto })
  update(@CurrentActor() actor: Actor, @Param('key') key: string, @Body() body: UpdateTierDto): Promise<TierDto> {
    return this.tiers.update(actor, key, body);
  }

  @Delete(':key')
  @RequirePermission('tier.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a tier that nobody is in' })
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('key') key: string): Promise<void> {
    return this.tiers.remove(actor, key);
  }
}
