import { ApiProperty } from '@nestjs/swagger';
import { DIMENSIONS, VALUES, type Instrument, type InstrumentItem, type Texts } from './instrument.entity';

export class InstrumentItemDto {
  @ApiProperty({ example: 'understand_1' }) code: string;
  @ApiProperty({ enum: ['frequency', 'agreement', 'text'] }) scale: string;
  @ApiProperty({ enum: VALUES, nullable: true, type: String }) value: string | null;
  @ApiProperty({ enum: DIMENSIONS, nullable: true, type: String }) dimension: string | null;
  @ApiProperty() optional: boolean;
  @ApiProperty({ example: { en: '… ask customers what they were really trying to achieve?', de: '…' } }) text: Texts;
}

export class InstrumentDto {
  @ApiProperty({ example: 'crm-leadership' }) key: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty() title: Texts;
  @ApiProperty({ description: 'Prompt and the five answer labels per scale and language' }) scales: Instrument['scales'];
  @ApiProperty({ type: [InstrumentItemDto] }) items: InstrumentItemDto[];

  static from(instrument: Instrument, items: InstrumentItem[]): InstrumentDto {
    return {
      key: instrument.key,
      version: instrument.version,
      title: instrument.title,
      scales: instrument.scales,
      items: items.map(({ code, scale, value, dimension, optional, text }) => ({ code, scale, value, dimension, optional, text })),
    };
  }
}
