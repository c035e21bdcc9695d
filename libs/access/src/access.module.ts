import { Module } from '@nestjs/common';
import { SignInMailer } from './sessions/sign-in-mailer';
import { SignInService } from './sessions/sign-in.service';
import { TokensService } from './tokens.service';
import { UsersService } from './users/users.service';

@Module({ providers: [TokensService, UsersService, SignInService, SignInMailer], exports: [TokensService, UsersService, SignInService] })
export class AccessModule {}
