import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The stored form of a segment's rules; every condition is optional and they are ANDed. */
export interface SegmentRules {
  markets?: string[];
  audiences?: string[];
  departments?: string[];
  managerSubtree?: string;
  customerFacing?: boolean;
  hiredFrom?: string;
  hiredTo?: string;
}

/** A saved rule over the directory; surveys and messages target segments. Members are resolved when used. */
@Entity('segments')
export class Segment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb' })
  rules: SegmentRules;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
