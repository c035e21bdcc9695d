import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const MARKET_ROLES = ['pilot', 'control', 'other'] as const;
export type MarketRole = (typeof MARKET_ROLES)[number];

@Entity('markets')
export class Market {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar' })
  code: string;

  @Column({ type: 'varchar' })
  name: string;

  @Column({ type: 'varchar' })
  timezone: string;

  @Column({ type: 'varchar' })
  locale: string;

  @Column({ type: 'varchar' })
  role: MarketRole;

  /** Comparison markets of a pilot (codes); empty means every control market. */
  @Column({ type: 'text', array: true })
  controls: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
