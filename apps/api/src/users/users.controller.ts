import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, UpdateUserDto, UserDto, UsersService } from '@changepulse/access';
import type { Actor } from '@changepulse/core';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Add a person who signs in to the dashboard by mailed link (409 when the address is taken)' })
  @ApiOkResponse({ type: UserDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @Get()
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'List dashboard users' })
  @ApiOkResponse({ type: [UserDto] })
  list(@CurrentActor() actor: Actor): Promise<UserDto[]> {
    return this.users.list(actor);
  }

  @Patch(':id')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Change a user; `disabled: true` ends their sessions and refuses new links' })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }
}
