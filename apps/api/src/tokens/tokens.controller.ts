import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatedTokenDto, CreateTokenDto, TokenDto, TokensService } from '@changepulse/access';
import type { Actor } from '@changepulse/core';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('api/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @RequirePermission('token.manage')
  @ApiOperation({ summary: 'Create an API token; the secret is in this answer only' })
  @ApiOkResponse({ type: CreatedTokenDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateTokenDto): Promise<CreatedTokenDto> {
    return this.tokens.create(actor, body);
  }

  @Get()
  @RequirePermission('token.manage')
  @ApiOperation({ summary: 'List API tokens (never their secrets)' })
  @ApiOkResponse({ type: [TokenDto] })
  list(@CurrentActor() actor: Actor): Promise<TokenDto[]> {
    return this.tokens.list(actor);
  }

  @Post(':id/revoke')
  @RequirePermission('token.manage')
  @ApiOperation({ summary: 'Revoke a token; it stops working at once' })
  @ApiOkResponse({ type: TokenDto })
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TokenDto> {
    return this.tokens.revoke(actor, id);
  }
}
