import { changesColumns, type StoredEmployee } from './import-plan';
import { ShardedMap, ShardedSet } from './sharded-map';

describe('the maps an import builds, one key per row', () => {
  it('answers like a Map for 100,000 keys', () => {
    const map = new ShardedMap<number>();
    const plain = new Map<string, number>();
    for (let n = 0; n < 100_000; n++) {
      map.set(`person.${n}@example.com`, n);
      plain.set(`person.${n}@example.com`, n);
    }
    map.set('person.7@example.com', -7);
    plain.set('person.7@example.com', -7);
    expect(map.size).toBe(100_000);
    expect(map.get('person.7@example.com')).toBe(-7);
    expect(map.has('person.100000@example.com')).toBe(false);
    expect([...map.values()].sort((a, b) => a - b)).toEqual([...plain.values()].sort((a, b) => a - b));
    const set = new ShardedSet().add('E1');
    expect([set.has('E1'), set.has('E2')]).toEqual([true, false]);
  });

  it('grows without copying a 65,536-key table in one go (each sub-map holds a few thousand keys)', () => {
    const map = new ShardedMap<number>();
    for (let n = 0; n < 100_000; n++) map.set(`E${n}`, n);
    const sizes = (map as unknown as { shards: Array<Map<string, number>> }).shards.map((shard) => shard.size);
    expect(Math.max(...sizes)).toBeLessThan(4_000);
  });
});

describe('a row compared with the stored person while the directory is read', () => {
  const stored: StoredEmployee = {
    employeeId: 'E1', email: 'anna@example.com', firstName: 'Anna', lastName: null, marketId: 'm1', department: null, jobTitle: null,
    tierId: 't1', managerEmployeeId: null, slackUserId: null, locale: null, timezone: null, hireDate: '2024-01-02', status: 'active', customerFacing: false,
  };
  const row = { row: 2, employeeId: 'E1', email: 'anna@example.com', marketId: 'm1', tierId: 't1' };

  it('changes nothing through columns the file does not have', () => {
    expect(changesColumns(row, stored)).toBe(false);
    expect(changesColumns({ ...row, firstName: 'Anna', lastName: null, customerFacing: false, hireDate: '2024-01-02' }, stored)).toBe(false);
  });

  it('changes a column the file gives another value, an emptied one included', () => {
    expect(changesColumns({ ...row, firstName: null }, stored)).toBe(true);
    expect(changesColumns({ ...row, customerFacing: true }, stored)).toBe(true);
    expect(changesColumns({ ...row, status: 'leaver' }, stored)).toBe(true);
  });
});
