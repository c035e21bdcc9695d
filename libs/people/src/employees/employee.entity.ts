import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const EMPLOYEE_STATUSES = ['active', 'leaver'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

/** A person in the directory. Leavers are kept (status `leaver`) so that their history stays. */
@Entity('employees')
export class Employee {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The company's own id, the key of imports. */
  @Column({ name: 'employee_id', type: 'varchar' })
  employeeId: string;

  /** Stored lower-case. */
  @Column({ type: 'varchar' })
  email: string;

  @Column({ name: 'first_name', type: 'varchar', nullable: true })
  firstName: string | null;

  @Column({ name: 'last_name', type: 'varchar', nullable: true })
  lastName: string | null;

  @Column({ name: 'market_id', type: 'uuid' })
  marketId: string;

  @Column({ type: 'varchar', nullable: true })
  department: string | null;

  @Column({ name: 'job_title', type: 'varchar', nullable: true })
  jobTitle: string | null;

  @Column({ name: 'tier_id', type: 'uuid' })
  tierId: string;

  @Column({ name: 'manager_id', type: 'uuid', nullable: true })
  managerId: string | null;

  @Column({ name: 'slack_user_id', type: 'varchar', nullable: true })
  slackUserId: string | null;

  @Column({ type: 'varchar', nullable: true })
  locale: string | null;

  /** Null means the market's time zone. */
  @Column({ type: 'varchar', nullable: true })
  timezone: string | null;

  @Column({ name: 'hire_date', type: 'date', nullable: true })
  hireDate: string | null;

  @Column({ type: 'varchar' })
  status: EmployeeStatus;

  @Column({ name: 'customer_facing', type: 'boolean' })
  customerFacing: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
