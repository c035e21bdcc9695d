import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '@changepulse/core';
import type { ApiToken } from './api-token.entity';

export class CreateTokenDto {
  @ApiProperty({ description: 'Who or what uses the token', example: 'HR import job' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ type: [String], description: 'Market codes the token is limited to (omit for all markets)', example: ['DE'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,15}$/, { each: true, message: 'markets must hold market codes such as DE' })
  markets?: string[];
}

export class TokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: [String], nullable: true, description: 'null: every market' }) markets: string[] | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;

  static from(token: ApiToken): TokenDto {
    return {
      id: token.id,
      name: token.name,
      role: token.role,
      markets: token.markets,
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
      revokedAt: token.revokedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedTokenDto extends TokenDto {
  @ApiProperty({ description: 'The secret, shown once; send it as `Authorization: Bearer <token>`' })
  token: string;
}
