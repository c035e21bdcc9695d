import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsOptionalNotNull, ROLES, type Role } from '@changepulse/core';
import type { User } from './user.entity';

const MARKET_CODES = /^[A-Z0-9][A-Z0-9_-]{1,15}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'anna.schmidt@example.com', description: 'Where sign-in links go; unique whatever its case' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @Length(3, 320)
  email: string;

  @ApiProperty({ example: 'Anna Schmidt' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ enum: ROLES, default: 'leader' })
  @IsOptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: [String], description: 'Market codes the user may see (omit for every market)', example: ['DE'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(MARKET_CODES, { each: true, message: 'markets must hold market codes such as DE' })
  markets?: string[];

  @ApiPropertyOptional({ default: true, description: 'Receives the weekly progress mail' })
  @IsOptionalNotNull()
  @IsBoolean()
  weeklyDigest?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'anna.schmidt@example.com' })
  @IsOptionalNotNull()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @Length(3, 320)
  email?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'null: every market' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(MARKET_CODES, { each: true, message: 'markets must hold market codes such as DE' })
  markets?: string[] | null;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  weeklyDigest?: boolean;

  @ApiPropertyOptional({ description: 'true signs the user out everywhere and refuses new links; false lets them in again' })
  @IsOptionalNotNull()
  @IsBoolean()
  disabled?: boolean;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: [String], nullable: true, description: 'null: every market' }) markets: string[] | null;
  @ApiProperty() weeklyDigest: boolean;
  @ApiProperty({ nullable: true, type: String }) disabledAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(user: User): UserDto {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      markets: user.markets,
      weeklyDigest: user.weeklyDigest,
      disabledAt: user.disabledAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}
