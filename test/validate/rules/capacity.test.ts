/**
 * Capacity: PROVISIONED tables and their GSIs need throughput (capacity), an
 * ON_DEMAND table's throughput is ignored (capacity warning), and the PITR
 * window is 1-35 days (pitr-period).
 */
import { checkTable, err, Json, Said, summarize, TABLE_FILE, warn } from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
}

const THROUGHPUT = { readCapacityUnits: 5, writeCapacityUnits: 5 };

describe('capacity', () => {
  const cases: Case[] = [
    {
      name: 'PROVISIONED without any throughput',
      reason: 'DynamoDB needs read and write capacity for the table and for every GSI.',
      mutate: (t) => { t.capacityMode = 'PROVISIONED'; },
      want: [
        err(TABLE_FILE, '$.provisionedThroughput', 'capacity', 'capacityMode PROVISIONED needs provisionedThroughput'),
        err(TABLE_FILE, '$.globalSecondaryIndexes[0].provisionedThroughput', 'capacity',
          'index "CustomerIndex" needs provisionedThroughput because the table is PROVISIONED'),
      ],
    },
    {
      name: 'PROVISIONED with table throughput only',
      reason: 'GSIs of a provisioned table have their own capacity.',
      mutate: (t) => { t.capacityMode = 'PROVISIONED'; t.provisionedThroughput = THROUGHPUT; },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].provisionedThroughput', 'capacity',
        'index "CustomerIndex" needs provisionedThroughput because the table is PROVISIONED')],
    },
    {
      name: 'PROVISIONED with table and GSI throughput',
      reason: 'The complete provisioned declaration.',
      mutate: (t) => {
        t.capacityMode = 'PROVISIONED';
        t.provisionedThroughput = THROUGHPUT;
        t.globalSecondaryIndexes[0].provisionedThroughput = THROUGHPUT;
      },
      want: [],
    },
    {
      name: 'PROVISIONED in one environment\'s override',
      reason: 'An override that switches to PROVISIONED needs throughput from somewhere; the index finding names the environment.',
      mutate: (t) => { t.overrides = { dev: { capacityMode: 'PROVISIONED' } }; },
      want: [
        err(TABLE_FILE, '$.globalSecondaryIndexes[0].provisionedThroughput', 'capacity',
          'index "CustomerIndex" needs provisionedThroughput because the table is PROVISIONED in dev'),
        err(TABLE_FILE, '$.overrides.dev.provisionedThroughput', 'capacity', 'capacityMode PROVISIONED needs provisionedThroughput'),
      ],
    },
    {
      name: 'override that leaves capacity alone',
      reason: 'The table-level finding already covers an environment that inherits the table\'s capacity; it is not repeated.',
      mutate: (t) => {
        t.capacityMode = 'PROVISIONED';
        t.globalSecondaryIndexes[0].provisionedThroughput = THROUGHPUT;
        t.overrides = { dev: { deletionProtection: true } };
      },
      want: [err(TABLE_FILE, '$.provisionedThroughput', 'capacity', 'capacityMode PROVISIONED needs provisionedThroughput')],
    },
    {
      name: 'throughput on an ON_DEMAND table',
      reason: 'Capacities on an on-demand table do nothing, which is worth a warning but not an error.',
      mutate: (t) => { t.provisionedThroughput = THROUGHPUT; },
      want: [warn(TABLE_FILE, '$.provisionedThroughput', 'capacity', 'provisionedThroughput is ignored because the table is ON_DEMAND')],
    },
    {
      name: 'throughput on an ON_DEMAND table that one environment provisions',
      reason: 'The throughput is used by the environment that switches to PROVISIONED.',
      mutate: (t) => {
        t.provisionedThroughput = THROUGHPUT;
        t.globalSecondaryIndexes[0].provisionedThroughput = THROUGHPUT;
        t.overrides = { dev: { capacityMode: 'PROVISIONED' } };
      },
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});

describe('pitr-period', () => {
  const cases: Case[] = [
    {
      name: '0 days',
      reason: 'DynamoDB keeps PITR backups for at least 1 day.',
      mutate: (t) => { t.pitr.recoveryPeriodInDays = 0; },
      want: [err(TABLE_FILE, '$.pitr.recoveryPeriodInDays', 'pitr-period', 'PITR recovery period of 0 days is out of range')],
    },
    {
      name: '36 days',
      reason: 'DynamoDB keeps PITR backups for at most 35 days.',
      mutate: (t) => { t.pitr.recoveryPeriodInDays = 36; },
      want: [err(TABLE_FILE, '$.pitr.recoveryPeriodInDays', 'pitr-period', 'PITR recovery period of 36 days is out of range')],
    },
    {
      name: '40 days in an override',
      reason: 'Per-environment PITR settings are checked where they are written.',
      mutate: (t) => { t.overrides = { dev: { pitr: { recoveryPeriodInDays: 40 } } }; },
      want: [err(TABLE_FILE, '$.overrides.dev.pitr.recoveryPeriodInDays', 'pitr-period', 'PITR recovery period of 40 days is out of range')],
    },
    {
      name: '1 and 35 days',
      reason: 'Both ends of the range are allowed.',
      mutate: (t) => { t.pitr.recoveryPeriodInDays = 1; t.overrides = { dev: { pitr: { recoveryPeriodInDays: 35 } } }; },
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});
