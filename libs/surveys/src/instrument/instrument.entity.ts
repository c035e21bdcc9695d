import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const VALUES = ['understand', 'analyze', 'relate', 'invent', 'enable'] as const;
export type LeadershipValue = (typeof VALUES)[number];
export const DIMENSIONS = ['people', 'process', 'technology'] as const;
export type ReadinessDimension = (typeof DIMENSIONS)[number];
export type Scale = 'frequency' | 'agreement' | 'text';
/** Texts by language (`en`, `de`, …); English is the fallback. */
export type Texts = Record<string, string>;

/** A versioned questionnaire. Never edited in place: a change is a new version. */
@Entity('instruments')
export class Instrument {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) key: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'jsonb' }) title: Texts;
  @Column({ type: 'jsonb' }) scales: Record<'frequency' | 'agreement', { prompt: Texts; labels: Record<string, string[]> }>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('instrument_items')
export class InstrumentItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'instrument_id', type: 'uuid' }) instrumentId: string;
  @Column({ type: 'varchar' }) code: string;
  @Column({ type: 'varchar' }) scale: Scale;
  @Column({ type: 'varchar', nullable: true }) value: LeadershipValue | null;
  @Column({ type: 'varchar', nullable: true }) dimension: ReadinessDimension | null;
  @Column({ type: 'boolean' }) optional: boolean;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'jsonb' }) text: Texts;
}

/** The text in a locale's language, else English. */
export function localized(texts: Texts, locale: string): string {
  return texts[locale.slice(0, 2).toLowerCase()] ?? texts.en;
}
