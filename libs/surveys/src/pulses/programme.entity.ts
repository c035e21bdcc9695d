import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Recurring pulses in a market: a recurrence rule (RFC 5545, the `rrule` package) over calendar
 * dates, a rule per tier where the cadence differs, and the local time each person is asked at.
 */
@Entity('pulse_programmes')
export class PulseProgramme {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'market_id', type: 'uuid' }) marketId: string;
  @Column({ name: 'segment_id', type: 'uuid', nullable: true }) segmentId: string | null;
  @Column({ name: 'instrument_id', type: 'uuid' }) instrumentId: string;
  @Column({ type: 'varchar' }) name: string;
  /** The default cadence, e.g. FREQ=WEEKLY;BYDAY=MO. */
  @Column({ type: 'text' }) rrule: string;
  /** Cadences that differ by tier key, e.g. { "executive": "FREQ=MONTHLY;BYDAY=1MO" }. */
  @Column({ name: 'tier_rrules', type: 'jsonb' }) tierRrules: Record<string, string>;
  /** HH:MM in each person's own time zone. */
  @Column({ name: 'local_time', type: 'varchar' }) localTime: string;
  @Column({ name: 'items_per_round', type: 'int' }) itemsPerRound: number;
  @Column({ name: 'open_days', type: 'int' }) openDays: number;
  @Column({ name: 'starts_on', type: 'date' }) startsOn: string;
  @Column({ type: 'boolean' }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
