/**
 * Capacity, in every environment a table is rendered for: PROVISIONED tables
 * and their GSIs need throughput, whether the schema or the environment's
 * tableDefaults makes them PROVISIONED, and settings of the other billing mode
 * are refused by DynamoDB (capacity); values above the default quota
 * (capacity-quota); and no PROVISIONED global tables (replica-capacity).
 */
import {
  check, checkTable, err, Json, Said, summarize, TABLE_FILE, validEnvironment, validProdEnvironment, validTable, warn,
} from '../fixtures';

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
      reason: 'DynamoDB refuses capacities with PAY_PER_REQUEST; the renderer drops them, so they would silently never apply.',
      mutate: (t) => { t.provisionedThroughput = THROUGHPUT; },
      want: [err(TABLE_FILE, '$.provisionedThroughput', 'capacity', 'provisionedThroughput is ignored because the table is ON_DEMAND')],
    },
    {
      name: 'GSI throughput on an ON_DEMAND table',
      reason: 'DynamoDB refuses index capacities with PAY_PER_REQUEST ("ProvisionedThroughput should not be specified for index").',
      mutate: (t) => { t.globalSecondaryIndexes[0].provisionedThroughput = THROUGHPUT; },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].provisionedThroughput', 'capacity',
        'provisionedThroughput of index "CustomerIndex" is ignored because the table is ON_DEMAND')],
    },
    {
      name: 'override throughput in an environment that stays ON_DEMAND',
      reason: 'Per-environment capacities without a PROVISIONED mode there are dropped the same way.',
      mutate: (t) => { t.overrides = { dev: { provisionedThroughput: THROUGHPUT } }; },
      want: [err(TABLE_FILE, '$.overrides.dev.provisionedThroughput', 'capacity',
        'provisionedThroughput is ignored because the table is ON_DEMAND in dev')],
    },
    {
      name: 'onDemandThroughput on a PROVISIONED table',
      reason: 'DynamoDB refuses on-demand maxima with PROVISIONED ("MaxReadRequestUnits for OnDemandThroughput cannot be specified").',
      mutate: (t) => {
        t.capacityMode = 'PROVISIONED';
        t.provisionedThroughput = THROUGHPUT;
        t.globalSecondaryIndexes[0].provisionedThroughput = THROUGHPUT;
        t.onDemandThroughput = { maxReadRequestUnits: 100 };
      },
      want: [err(TABLE_FILE, '$.onDemandThroughput', 'capacity', 'onDemandThroughput is ignored because the table is PROVISIONED')],
    },
    {
      name: 'GSI onDemandThroughput on a PROVISIONED table',
      reason: 'Index maxima follow the table\'s billing mode.',
      mutate: (t) => {
        t.capacityMode = 'PROVISIONED';
        t.provisionedThroughput = THROUGHPUT;
        t.globalSecondaryIndexes[0].provisionedThroughput = THROUGHPUT;
        t.globalSecondaryIndexes[0].onDemandThroughput = { maxWriteRequestUnits: 100 };
      },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].onDemandThroughput', 'capacity',
        'onDemandThroughput of index "CustomerIndex" is ignored because the table is PROVISIONED')],
    },
    {
      name: 'onDemandThroughput on a PROVISIONED table that one environment runs on demand',
      reason: 'The maxima apply in the environment whose override switches to ON_DEMAND.',
      mutate: (t) => {
        t.capacityMode = 'PROVISIONED';
        t.provisionedThroughput = THROUGHPUT;
        t.globalSecondaryIndexes[0].provisionedThroughput = THROUGHPUT;
        t.onDemandThroughput = { maxReadRequestUnits: 100 };
        t.overrides = { dev: { capacityMode: 'ON_DEMAND' } };
      },
      want: [],
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

describe('capacity: the environment\'s default mode', () => {
  /** dev with tableDefaults.capacityMode PROVISIONED, and the table leaving its mode to the environment. */
  const provisionedDev = () => {
    const env = validEnvironment();
    env.tableDefaults.capacityMode = 'PROVISIONED';
    return env;
  };
  const inProvisionedDev = (mutate: (t: Json) => void) => {
    const t = validTable();
    delete t.capacityMode;
    mutate(t);
    return check({ tables: [t], environments: [provisionedDev()] });
  };

  const cases: Case[] = [
    {
      name: 'PROVISIONED by default, no throughput',
      reason: 'The renderer would send PROVISIONED with no capacity, which Terraform and DynamoDB refuse.',
      mutate: () => undefined,
      want: [
        err(TABLE_FILE, '$.provisionedThroughput', 'capacity',
          'environment "dev" makes this table PROVISIONED (tableDefaults.capacityMode), but it has no provisionedThroughput'),
        err(TABLE_FILE, '$.globalSecondaryIndexes[0].provisionedThroughput', 'capacity',
          'index "CustomerIndex" needs provisionedThroughput because the table is PROVISIONED in dev'),
      ],
    },
    {
      name: 'PROVISIONED by default, with table and GSI throughput',
      reason: 'The throughput is used by that environment, so it is neither missing nor ignored.',
      mutate: (t) => { t.provisionedThroughput = THROUGHPUT; t.globalSecondaryIndexes[0].provisionedThroughput = THROUGHPUT; },
      want: [],
    },
    {
      name: 'PROVISIONED by default, but the table says ON_DEMAND',
      reason: 'The table\'s own mode wins over the environment\'s default.',
      mutate: (t) => { t.capacityMode = 'ON_DEMAND'; },
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(inProvisionedDev(mutate))).toEqual(want);
  });

  test('the hint offers both ways out', () => {
    // WHEN
    const findings = inProvisionedDev(() => undefined);

    // THEN
    expect(findings[0].hint).toEqual('add "provisionedThroughput": { "readCapacityUnits": 5, "writeCapacityUnits": 5 }, or set "capacityMode": "ON_DEMAND" for this table');
  });
});

describe('capacity-quota', () => {
  const cases: Case[] = [
    {
      name: '50000 read capacity units',
      reason: 'Above the default per-table quota of 40000; AWS raises it on request, so a warning.',
      mutate: (t) => {
        t.capacityMode = 'PROVISIONED';
        t.provisionedThroughput = { readCapacityUnits: 50000, writeCapacityUnits: 5 };
        t.globalSecondaryIndexes[0].provisionedThroughput = THROUGHPUT;
      },
      want: [warn(TABLE_FILE, '$.provisionedThroughput.readCapacityUnits', 'capacity-quota',
        'readCapacityUnits 50000 is above DynamoDB\'s default quota of 40000 per table')],
    },
    {
      name: '40001 write capacity units on a GSI',
      reason: 'Each index has the same default quota as its table.',
      mutate: (t) => {
        t.capacityMode = 'PROVISIONED';
        t.provisionedThroughput = THROUGHPUT;
        t.globalSecondaryIndexes[0].provisionedThroughput = { readCapacityUnits: 5, writeCapacityUnits: 40001 };
      },
      want: [warn(TABLE_FILE, '$.globalSecondaryIndexes[0].provisionedThroughput.writeCapacityUnits', 'capacity-quota',
        'writeCapacityUnits 40001 of index "CustomerIndex" is above DynamoDB\'s default quota of 40000 per index')],
    },
    {
      name: 'an on-demand maximum above the quota',
      reason: 'DynamoDB refuses MaxReadRequestUnits above the account\'s table maximum.',
      mutate: (t) => { t.onDemandThroughput = { maxReadRequestUnits: 40001 }; },
      want: [warn(TABLE_FILE, '$.onDemandThroughput.maxReadRequestUnits', 'capacity-quota',
        'maxReadRequestUnits 40001 is above DynamoDB\'s default quota of 40000 per table')],
    },
    {
      name: 'exactly 40000 everywhere',
      reason: 'The quota itself is allowed.',
      mutate: (t) => {
        t.capacityMode = 'PROVISIONED';
        t.provisionedThroughput = { readCapacityUnits: 40000, writeCapacityUnits: 40000 };
        t.globalSecondaryIndexes[0].provisionedThroughput = { readCapacityUnits: 40000, writeCapacityUnits: 40000 };
      },
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});

describe('replica-capacity', () => {
  /** The table next to dev and prod, where prod replicates every table to eu-central-1. */
  const withProd = (mutate: (t: Json) => void) => {
    const t = validTable();
    t.capacityMode = 'PROVISIONED';
    t.provisionedThroughput = THROUGHPUT;
    t.globalSecondaryIndexes[0].provisionedThroughput = THROUGHPUT;
    mutate(t);
    return check({ tables: [t], environments: [validEnvironment('dev'), validProdEnvironment()] });
  };

  const cases: Case[] = [
    {
      name: 'PROVISIONED table replicated in prod',
      reason: 'A global table needs on-demand or auto-scaled write capacity, and ddbops configures no auto scaling.',
      mutate: () => undefined,
      want: [err(TABLE_FILE, '$.capacityMode', 'replica-capacity',
        'environment "prod" replicates this table to eu-central-1, but it is PROVISIONED there; DynamoDB global tables need on-demand or auto-scaled write capacity, and ddbops does not configure auto scaling')],
    },
    {
      name: 'PROVISIONED in dev only, replicated in prod',
      reason: 'Only the environment that replicates matters.',
      mutate: (t) => { t.overrides = { prod: { capacityMode: 'ON_DEMAND' } }; },
      want: [],
    },
    {
      name: 'PROVISIONED everywhere, not replicated in prod',
      reason: 'An empty per-table replica list takes the table out of the global table.',
      mutate: (t) => { t.overrides = { prod: { replicas: [] } }; },
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(withProd(mutate))).toEqual(want);
  });
});
