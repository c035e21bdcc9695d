import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { IsOptionalNotNull } from '@changepulse/core';
import { IsBcp47Locale, IsIanaTimeZone } from '../shared/decorators';
import { MARKET_CODE } from '../shared/validators';
import { Market, MARKET_ROLES, type MarketRole } from './market.entity';

export class CreateMarketDto {
  @ApiProperty({ example: 'DE', description: 'Short upper-case code, unique' })
  @Matches(MARKET_CODE, { message: 'code must be 2–16 upper-case letters, digits, _ or -, such as DE' })
  code: string;

  @ApiProperty({ example: 'Germany' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone; the default for its employees' })
  @IsIanaTimeZone()
  timezone: string;

  @ApiProperty({ example: 'de-DE', description: 'BCP 47 locale; picks the language of surveys and mails' })
  @IsBcp47Locale()
  locale: string;

  @ApiPropertyOptional({ enum: MARKET_ROLES, default: 'other' })
  @IsOptionalNotNull()
  @IsIn(MARKET_ROLES)
  role?: MarketRole;

  @ApiPropertyOptional({ type: [String], example: ['AT', 'CH'], description: 'For a pilot: its comparison markets; empty means every control market' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(MARKET_CODE, { each: true, message: 'controls must hold market codes such as AT' })
  controls?: string[];
}

export class UpdateMarketDto extends PartialType(OmitType(CreateMarketDto, ['code'] as const), { skipNullProperties: false }) {}

export class MarketDto {
  @ApiProperty({ example: 'DE' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() timezone: string;
  @ApiProperty() locale: string;
  @ApiProperty({ enum: MARKET_ROLES }) role: MarketRole;
  @ApiProperty({ type: [String] }) controls: string[];
  @ApiProperty({ description: 'Active employees in the market' }) activeEmployees: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(market: Market, activeEmployees: number): MarketDto {
    return {
      code: market.code,
      name: market.name,
      timezone: market.timezone,
      locale: market.locale,
      role: market.role,
      controls: market.controls,
      activeEmployees,
      createdAt: market.createdAt.toISOString(),
      updatedAt: market.updatedAt.toISOString(),
    };
  }
}
