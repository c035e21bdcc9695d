import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const WAVE_KINDS = ['baseline', 'pulse'] as const;
export type WaveKind = (typeof WAVE_KINDS)[number];
export const WAVE_STATUSES = ['draft', 'open', 'closed'] as const;
export type WaveStatus = (typeof WAVE_STATUSES)[number];
export const CHANNELS = ['email', 'slack'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One survey round in a market: the baseline, or a pulse (by hand or from a programme). */
@Entity('survey_waves')
export class SurveyWave {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) kind: WaveKind;
  @Column({ type: 'varchar' }) title: string;
  @Column({ name: 'market_id', type: 'uuid' }) marketId: string;
  @Column({ name: 'segment_id', type: 'uuid', nullable: true }) segmentId: string | null;
  @Column({ name: 'instrument_id', type: 'uuid' }) instrumentId: string;
  @Column({ type: 'text', array: true }) channels: Channel[];
  @Column({ name: 'item_codes', type: 'text', array: true }) itemCodes: string[];
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt: Date;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt: Date;
  @Column({ name: 'reminders_at', type: 'timestamptz', array: true }) remindersAt: Date[];
  @Column({ type: 'varchar' }) status: WaveStatus;
  @Column({ name: 'programme_id', type: 'uuid', nullable: true }) programmeId: string | null;
  @Column({ name: 'round_date', type: 'date', nullable: true }) roundDate: string | null;
  @Column({ name: 'round_number', type: 'int', nullable: true }) roundNumber: number | null;
  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true }) launchedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
