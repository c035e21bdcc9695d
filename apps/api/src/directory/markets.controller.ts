import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@changepulse/core';
import { CreateMarketDto, MarketDto, MarketsService, UpdateMarketDto } from '@changepulse/people';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';

@ApiTags('markets')
@ApiBearerAuth()
@Controller('api/markets')
export class MarketsController {
  constructor(private readonly markets: MarketsService) {}

  @Post()
  @RequirePermission('market.create')
  @ApiOperation({ summary: 'Create a market (pilot, control or other)' })
  @ApiOkResponse({ type: MarketDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateMarketDto): Promise<MarketDto> {
    return this.markets.create(actor, body);
  }

  @Get()
  @RequirePermission('market.read')
  @ApiOperation({ summary: 'List the markets the token may see' })
  @ApiOkResponse({ type: [MarketDto] })
  list(@CurrentActor() actor: Actor): Promise<MarketDto[]> {
    return this.markets.list(actor);
  }

  @Get(':code')
  @RequirePermission('market.read')
  @ApiOperation({ summary: 'One market' })
  @ApiOkResponse({ type: MarketDto })
  get(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<MarketDto> {
    return this.markets.get(actor, code);
  }

  @Patch(':code')
  @RequirePermission('market.update')
  @ApiOperation({ summary: 'Change a market; the code stays' })
  @ApiOkResponse({ type: MarketDto })
  update(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: UpdateMarketDto): Promise<MarketDto> {
    return this.markets.update(actor, code, body);
  }
}
