/**
 * What zod reports before any cross-field rule runs: unknown fields with
 * "did you mean" (unknown-field), missing fields (required), wrong types
 * (type), values outside an enum with a suggestion (enum), sizes (range) and
 * any other zod check (invalid).
 * A file that fails here is left out of the cross-field rules, but every file
 * is still checked in the same run.
 */
import {
  check, checkEnvironment, checkTable, ENV_FILE, environmentFile, err, Json, PROJECT_FILE, Said, summarize, TABLE_FILE,
  tableFile, validEnvironment, validProject, validTable,
} from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly run: () => ReturnType<typeof check>;
  readonly want: Said[];
  /** The exact hint of each finding, in order, when the case is about hints. */
  readonly hints?: string[];
}

const table = (mutate: (t: Json) => void) => () => checkTable(mutate);
const environment = (mutate: (e: Json) => void) => () => checkEnvironment(mutate);
const project = (mutate: (p: Json) => void) => () => {
  const p = validProject();
  mutate(p);
  return check({ project: p });
};

function run(cases: Case[]): void {
  test.each(cases)('$name: $reason', ({ run: go, want, hints }) => {
    // WHEN
    const findings = go();

    // THEN
    expect(summarize(findings)).toEqual(want);
    if (hints !== undefined) expect(findings.map((f) => f.hint)).toEqual(hints);
  });
}

describe('unknown-field', () => {
  run([
    {
      name: 'singular globalSecondaryIndex',
      reason: 'A misspelled top-level field would silently drop every index; the closest field is suggested.',
      run: table((t) => { t.globalSecondaryIndex = t.globalSecondaryIndexes; delete t.globalSecondaryIndexes; }),
      want: [err(TABLE_FILE, '$.globalSecondaryIndex', 'unknown-field', 'unknown field "globalSecondaryIndex"')],
      hints: ['did you mean "globalSecondaryIndexes"?'],
    },
    {
      name: 'case slip inside an index',
      reason: 'Nested objects are strict too, and case slips count as near misses.',
      run: table((t) => { t.globalSecondaryIndexes[0].projectiontype = 'ALL'; delete t.globalSecondaryIndexes[0].projectionType; }),
      want: [
        err(TABLE_FILE, '$.globalSecondaryIndexes[0].projectionType', 'required', 'missing required field "projectionType"'),
        err(TABLE_FILE, '$.globalSecondaryIndexes[0].projectiontype', 'unknown-field', 'unknown field "projectiontype"'),
      ],
      hints: ['add "projectionType" (one of: ALL, KEYS_ONLY, INCLUDE)', 'did you mean "projectionType"?'],
    },
    {
      name: 'unrelated field in an attribute',
      reason: 'With no close match the hint lists the fields allowed there.',
      run: table((t) => { t.attributes[4].currency = 'ZAR'; }),
      want: [err(TABLE_FILE, '$.attributes[4].currency', 'unknown-field', 'unknown field "currency"')],
      hints: ['allowed fields here: name, type, required, enum, default, format, description, unique, immutable, itemType, minimum, maximum'],
    },
    {
      name: 'misspelled field in an override',
      reason: 'Record values (overrides.<env>) are strict objects as well.',
      run: table((t) => { t.overrides = { dev: { capacityMod: 'PROVISIONED' } }; }),
      want: [err(TABLE_FILE, '$.overrides.dev.capacityMod', 'unknown-field', 'unknown field "capacityMod"')],
      hints: ['did you mean "capacityMode"?'],
    },
    {
      name: 'misspelled environment field',
      reason: 'A misspelled required field is both unknown and missing; both are reported at once.',
      run: environment((e) => { e.acount = e.account; delete e.account; }),
      want: [
        err(ENV_FILE, '$.account', 'required', 'missing required field "account"'),
        err(ENV_FILE, '$.acount', 'unknown-field', 'unknown field "acount"'),
      ],
      hints: ['add "account" (string)', 'did you mean "account"?'],
    },
    {
      name: 'American spelling in the project',
      reason: 'project.yaml is checked like the other files.',
      run: project((p) => { p.organization = p.organisation; delete p.organisation; }),
      want: [
        err(PROJECT_FILE, '$.organisation', 'required', 'missing required field "organisation"'),
        err(PROJECT_FILE, '$.organization', 'unknown-field', 'unknown field "organization"'),
      ],
      hints: ['add "organisation" (string)', 'did you mean "organisation"?'],
    },
    {
      name: 'a field from another encryption type',
      reason: 'In a discriminated union the allowed fields are those of the type the value names.',
      run: environment((e) => { e.encryption = { type: 'aws-managed', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/x' }; }),
      want: [err(ENV_FILE, '$.encryption.kmsKeyArn', 'unknown-field', 'unknown field "kmsKeyArn"')],
      hints: ['allowed fields here: type'],
    },
    {
      name: 'an extra field in a business rule object',
      reason: 'Objects inside a string-or-object union are strict too.',
      run: table((t) => { t.businessRules = [{ id: 'BR-1', description: 'Orders are never deleted', owner: 'x' }]; }),
      want: [err(TABLE_FILE, '$.businessRules[0].owner', 'unknown-field', 'unknown field "owner"')],
      hints: ['allowed fields here: id, description'],
    },
  ]);
});

describe('required', () => {
  run([
    {
      name: 'no tableName',
      reason: 'Every table needs its name.',
      run: () => {
        const t = validTable();
        delete t.tableName;
        return check({ tables: [], schemaFiles: [tableFile(t, TABLE_FILE)] });
      },
      want: [err(TABLE_FILE, '$.tableName', 'required', 'missing required field "tableName"')],
      hints: ['add "tableName" (string)'],
    },
    {
      name: 'no partition key',
      reason: 'A primary key without a partition key is no key at all.',
      run: table((t) => { delete t.primaryKey.partitionKey; }),
      want: [err(TABLE_FILE, '$.primaryKey.partitionKey', 'required', 'missing required field "partitionKey"')],
      hints: ['add "partitionKey" (object)'],
    },
    {
      name: 'business rule object without a description',
      reason: 'An object business rule is matched against the object form, not reported as "expected string".',
      run: table((t) => { t.businessRules = [{ id: 'BR-1' }]; }),
      want: [err(TABLE_FILE, '$.businessRules[0].description', 'required', 'missing required field "description"')],
    },
    {
      name: 'LSI without a sort key',
      reason: 'DynamoDB refuses an LSI KeySchema without a RANGE element; an LSI is a table sort key alternative.',
      run: table((t) => {
        t.localSecondaryIndexes = [{ indexName: 'ByTotal', projectionType: 'ALL' }];
      }),
      want: [err(TABLE_FILE, '$.localSecondaryIndexes[0].sortKey', 'required', 'missing required field "sortKey"')],
    },
    {
      name: 'no roleArn',
      reason: 'Crossplane needs a role to assume in the account.',
      run: environment((e) => { delete e.providerConfig.roleArn; }),
      want: [err(ENV_FILE, '$.providerConfig.roleArn', 'required', 'missing required field "roleArn"')],
    },
  ]);
});

describe('type', () => {
  run([
    {
      name: 'yes instead of true',
      reason: 'Booleans are JSON booleans, not words.',
      run: table((t) => { t.pitr.enabled = 'yes'; }),
      want: [err(TABLE_FILE, '$.pitr.enabled', 'type', 'expected boolean, got string "yes"')],
      hints: ['change the value to a boolean'],
    },
    {
      name: 'attributes as an object',
      reason: 'attributes is a list of declarations.',
      run: table((t) => { t.attributes = { PK: 'S' }; }),
      want: [err(TABLE_FILE, '$.attributes', 'type', 'expected array, got object {"PK":"S"}')],
      hints: ['change the value to an array'],
    },
    {
      name: 'unquoted account id',
      reason: 'YAML reads 012345678901 as a number and drops the leading zero, so the id must be quoted.',
      run: environment((e) => { e.account = 12345678901; }),
      want: [err(ENV_FILE, '$.account', 'type', 'expected string, got number 12345678901')],
    },
    {
      name: 'a number as a business rule',
      reason: 'When the value fits no branch of a union, every branch\'s type is named.',
      run: table((t) => { t.businessRules = [5]; }),
      want: [err(TABLE_FILE, '$.businessRules[0]', 'type', 'expected string or object, got number 5')],
      hints: ['change the value to a string or object'],
    },
  ]);

  test('a schema file that is not an object', () => {
    // GIVEN a JSON array as a schema file
    const findings = check({ tables: [], schemaFiles: [{ path: TABLE_FILE, text: '[]\n' }] });

    // THEN
    expect(summarize(findings)).toEqual([err(TABLE_FILE, '$', 'type', 'expected object, got an array')]);
  });

  test('an empty environment file', () => {
    // GIVEN an empty YAML file, which parses to null
    const findings = check({ environments: [], environmentFiles: [{ path: ENV_FILE, text: '' }] });

    // THEN
    expect(summarize(findings)).toEqual([err(ENV_FILE, '$', 'type', 'expected object, got null')]);
  });
});

describe('enum', () => {
  run([
    {
      name: 'KEY_ONLY projection',
      reason: 'A near miss of an enum value gets a suggestion and the allowed values.',
      run: table((t) => { t.globalSecondaryIndexes[0].projectionType = 'KEY_ONLY'; }),
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].projectionType', 'enum', '"KEY_ONLY" is not allowed')],
      hints: ['did you mean "KEYS_ONLY"? Allowed: ALL, KEYS_ONLY, INCLUDE'],
    },
    {
      name: 'lower-case capacity mode',
      reason: 'Case slips are near misses.',
      run: table((t) => { t.capacityMode = 'on_demand'; }),
      want: [err(TABLE_FILE, '$.capacityMode', 'enum', '"on_demand" is not allowed')],
      hints: ['did you mean "ON_DEMAND"? Allowed: ON_DEMAND, PROVISIONED'],
    },
    {
      name: 'unknown operation',
      reason: 'With no close match the hint lists the allowed values.',
      run: table((t) => { t.accessPatterns[0].operation = 'Select'; }),
      want: [err(TABLE_FILE, '$.accessPatterns[0].operation', 'enum', '"Select" is not allowed')],
      hints: ['use one of: GetItem, Query, Scan, PutItem, UpdateItem, DeleteItem, BatchGetItem, BatchWriteItem, TransactGetItems, TransactWriteItems'],
    },
    {
      name: 'abbreviated table class',
      reason: 'DynamoDB knows STANDARD and STANDARD_INFREQUENT_ACCESS only ("Invalid table-class parameter provided").',
      run: table((t) => { t.tableClass = 'INFREQUENT_ACCESS'; }),
      want: [err(TABLE_FILE, '$.tableClass', 'enum', '"INFREQUENT_ACCESS" is not allowed')],
      hints: ['use one of: STANDARD, STANDARD_INFREQUENT_ACCESS'],
    },
    {
      name: 'misspelled encryption type',
      reason: 'The discriminator of a union is an enum too.',
      run: environment((e) => { e.encryption = { type: 'aws-manged' }; }),
      want: [err(ENV_FILE, '$.encryption.type', 'enum', '"aws-manged" is not allowed')],
      hints: ['did you mean "aws-managed"? Allowed: aws-owned, aws-managed, customer-managed'],
    },
  ]);
});

describe('range', () => {
  run([
    {
      name: 'no attributes',
      reason: 'A table declares at least its key attributes.',
      run: table((t) => { t.attributes = []; }),
      want: [err(TABLE_FILE, '$.attributes', 'range', 'expected array to have >=1 items')],
    },
    {
      name: 'zero read capacity',
      reason: 'Capacity units are positive.',
      run: table((t) => { t.capacityMode = 'PROVISIONED'; t.provisionedThroughput = { readCapacityUnits: 0, writeCapacityUnits: 5 }; }),
      want: [err(TABLE_FILE, '$.provisionedThroughput.readCapacityUnits', 'range', 'expected number to be >0')],
    },
    {
      name: 'zero GSI write capacity',
      reason: 'Index capacities are positive like the table\'s ("Member must have value greater than or equal to 1").',
      run: table((t) => {
        t.capacityMode = 'PROVISIONED';
        t.provisionedThroughput = { readCapacityUnits: 5, writeCapacityUnits: 5 };
        t.globalSecondaryIndexes[0].provisionedThroughput = { readCapacityUnits: 5, writeCapacityUnits: 0 };
      }),
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].provisionedThroughput.writeCapacityUnits', 'range', 'expected number to be >0')],
    },
    {
      name: 'zero on-demand maximum',
      reason: 'DynamoDB refuses MaxReadRequestUnits below 1 at CreateTable ("outside of valid range").',
      run: table((t) => { t.onDemandThroughput = { maxReadRequestUnits: 0 }; }),
      want: [err(TABLE_FILE, '$.onDemandThroughput.maxReadRequestUnits', 'range', 'expected number to be >0')],
    },
  ]);
});

describe('invalid', () => {
  run([
    {
      name: 'upper-case API group',
      reason: 'Any other zod check (here a regex) is reported with zod\'s own message.',
      run: project((p) => { p.apiGroup = 'Platform.Example.com'; }),
      want: [err(PROJECT_FILE, '$.apiGroup', 'invalid',
        'Invalid string: must match pattern /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/')],
      hints: ['check the value against the JSON Schema ($schema)'],
    },
  ]);
});

test('every file is checked in one run, and the valid ones still get cross-field rules', () => {
  // GIVEN a table with a zod error, an environment with a zod error, and a valid environment with a rule error
  const broken = validEnvironment('sit');
  broken.region = 42;
  const valid = validEnvironment('dev');
  valid.drRegion = 'eu-west-1';
  const table = (t: Json) => { t.capacityMode = 'on_demand'; };

  // WHEN
  const findings = checkTable(table, { environments: [valid], environmentFiles: [environmentFile(broken)] });

  // THEN
  expect(summarize(findings)).toEqual([
    err(ENV_FILE, '$.drRegion', 'dr-region', 'the DR region is the primary region (eu-west-1)'),
    err('environments/sit.yaml', '$.region', 'type', 'expected string, got number 42'),
    err(TABLE_FILE, '$.capacityMode', 'enum', '"on_demand" is not allowed'),
  ]);
});
