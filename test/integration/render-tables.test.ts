/**
 * Every DynamoDBTable XR of every environment, through the real Crossplane
 * reconciler (core v2.3.x `internal render`) and a real
 * function-patch-and-transform, with the Composition synth rendered. The
 * composed Table is asserted field by field, then every composed resource
 * is validated against the provider CRDs with `crossplane beta validate`.
 */
import { KubeObject, renderComposition, validateObjects } from '../harness/crossplane';
import { RunningFunction, startFunction } from '../harness/function-runner';
import { describeWithTools } from '../harness/tools';
import { rawInputs, validEnvironment, validProdEnvironment, validTable } from '../validate/fixtures';
import { CRDS, ENVIRONMENTS, findObject, Json, synthOk, synthRepo, TABLES } from './synth-fixture';

const COMPOSITION = 'dynamodbtables.platform.bigbeard.co.za';
/** The synthetic project (test/validate/fixtures) uses the API group platform.example.com. */
const SYNTHETIC_COMPOSITION = 'dynamodbtables.platform.example.com';

/** The BBWS tables, as their schemas say; written out so a resolver bug cannot hide in the expectation. */
const BBWS: Record<(typeof TABLES)[number], { attributes: Json[]; gsis: Json[] }> = {
  tenants: {
    attributes: [
      { name: 'PK', type: 'S' }, { name: 'SK', type: 'S' }, { name: 'active', type: 'N' },
      { name: 'dateCreated', type: 'S' }, { name: 'email', type: 'S' }, { name: 'status', type: 'S' },
    ],
    gsis: [
      { name: 'EmailIndex', hashKey: 'email', projectionType: 'ALL' },
      { name: 'TenantStatusIndex', hashKey: 'status', rangeKey: 'dateCreated', projectionType: 'ALL' },
      { name: 'ActiveIndex', hashKey: 'active', rangeKey: 'dateCreated', projectionType: 'ALL' },
    ],
  },
  products: {
    attributes: [{ name: 'PK', type: 'S' }, { name: 'SK', type: 'S' }, { name: 'active', type: 'N' }, { name: 'dateCreated', type: 'S' }],
    gsis: [{ name: 'ProductActiveIndex', hashKey: 'active', rangeKey: 'dateCreated', projectionType: 'ALL' }],
  },
  campaigns: {
    attributes: [
      { name: 'PK', type: 'S' }, { name: 'SK', type: 'S' }, { name: 'active', type: 'N' },
      { name: 'fromDate', type: 'S' }, { name: 'productId', type: 'S' },
    ],
    gsis: [
      { name: 'CampaignActiveIndex', hashKey: 'active', rangeKey: 'fromDate', projectionType: 'ALL' },
      { name: 'CampaignProductIndex', hashKey: 'productId', rangeKey: 'fromDate', projectionType: 'ALL' },
    ],
  },
};

const ACCOUNTS = { dev: '536580886816', sit: '815856636111', prod: '093646564004' } as const;

const mandatoryTags = (env: string) => ({
  Environment: env,
  Project: 'bbws-customer-portal-public',
  Owner: 'devops@bigbeard.co.za',
  CostCenter: 'AWS',
  ManagedBy: 'crossplane',
  BackupPolicy: env === 'prod' ? 'hourly' : 'daily',
  Component: 'dynamodb',
  // Every table carries the tag its environment's AWS Backup selection matches.
  BackupPlan: `bbws-${env}-dynamodb`,
});

/** The one composed Table in a render's output. */
function composedTable(out: KubeObject[]): Json {
  const tables = out.filter((o) => o.kind === 'Table');
  expect(tables).toHaveLength(1);
  expect(out.map((o) => o.kind)).toEqual(['DynamoDBTable', 'Table']);
  return tables[0];
}

describeWithTools(['function-patch-and-transform', 'xprender', 'crossplane-core', 'crossplane'], 'DynamoDBTable composition, real render', () => {
  const synth = synthRepo();
  const composition = findObject(synth.objects, { dir: 'platform', kind: 'Composition', name: COMPOSITION });
  let fn: RunningFunction;
  /** Every composed resource rendered in this file, validated at the end. */
  const composed: KubeObject[] = [];

  beforeAll(async () => {
    fn = await startFunction();
  });
  afterAll(async () => {
    await fn?.stop();
  });

  const render = async (xr: Json, comp: Json = composition): Promise<Json> => {
    const out = await renderComposition({ xr, composition: comp, fn });
    const table = composedTable(out);
    composed.push(table);
    return table;
  };

  const cases = ENVIRONMENTS.flatMap((env) => TABLES.map((table) => ({ env, table })));

  test.each(cases)('$env/$table: the composed Table, field by field', async ({ env, table }) => {
    const xr = findObject(synth.objects, { dir: env, kind: 'DynamoDBTable', name: table });
    const prod = env === 'prod';

    const t = await render(xr);
    const fp = t.spec.forProvider;

    // Namespaced managed resource, in the environment's namespace, owned by the XR.
    expect(t.apiVersion).toBe('dynamodb.aws.m.upbound.io/v1beta1');
    expect(t.metadata.namespace).toBe(`bbws-${env}`);
    expect(t.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'DynamoDBTable', name: table, controller: true })]);
    // Adoption: the external name is the physical table name.
    expect(t.metadata.annotations['crossplane.io/external-name']).toBe(table);
    expect(t.spec.providerConfigRef).toEqual({ kind: 'ProviderConfig', name: `aws-${env}` });
    // No LateInitialize: a field removed from git must reach AWS. prod (keep-on-delete) never deletes.
    expect(t.spec.managementPolicies).toEqual(prod ? ['Observe', 'Create', 'Update'] : ['Observe', 'Create', 'Update', 'Delete']);

    expect(fp.region).toBe('af-south-1');
    expect(fp.hashKey).toBe('PK');
    expect(fp.rangeKey).toBe('SK');
    // Key attributes only: DynamoDB rejects definitions of non-key attributes.
    expect(fp.attribute).toEqual(BBWS[table].attributes);
    const keys = new Set<string>([fp.hashKey, fp.rangeKey, ...fp.globalSecondaryIndex.flatMap((g: Json) => [g.hashKey, g.rangeKey])]);
    expect(fp.attribute.map((a: Json) => a.name).sort()).toEqual([...keys].filter(Boolean).sort());
    expect(fp.globalSecondaryIndex).toEqual(BBWS[table].gsis);
    expect(fp.localSecondaryIndex).toBeUndefined();
    expect(fp.billingMode).toBe('PAY_PER_REQUEST');
    expect(fp.pointInTimeRecovery).toEqual({ enabled: true, recoveryPeriodInDays: 35 });
    expect(fp.streamEnabled).toBe(true);
    expect(fp.streamViewType).toBe('NEW_AND_OLD_IMAGES');
    // aws-managed: the aws/dynamodb KMS key, no CMK.
    expect(fp.serverSideEncryption).toEqual({ enabled: true });
    expect(fp.tableClass).toBe('STANDARD');
    expect(fp.deletionProtectionEnabled).toBe(prod);
    if (prod) {
      expect(fp.replica).toEqual([{ regionName: 'eu-west-1', pointInTimeRecovery: true, propagateTags: true, deletionProtectionEnabled: true }]);
    } else {
      expect(fp.replica).toBeUndefined();
    }
    expect(fp.tags).toEqual(mandatoryTags(env));
    // Nothing composed beyond what is asserted above.
    expect(Object.keys(fp).sort()).toEqual([
      'attribute', 'billingMode', 'deletionProtectionEnabled', 'globalSecondaryIndex', 'hashKey', 'pointInTimeRecovery', 'rangeKey',
      'region', ...(prod ? ['replica'] : []), 'serverSideEncryption', 'streamEnabled', 'streamViewType', 'tableClass', 'tags',
    ]);
    // The provider config this Table uses reaches this environment's account.
    const pc = findObject(synth.objects, { dir: env, kind: 'ProviderConfig' });
    expect(pc.spec.assumeRoleChain[0].roleARN).toBe(`arn:aws:iam::${ACCOUNTS[env]}:role/crossplane-dynamodb`);
  });

  test('a table tag cannot override a mandatory tag (synthetic model)', async () => {
    // GIVEN a table that sets a mandatory tag (validate only warns) and a tag of its own
    const table = validTable();
    table.tags = { ManagedBy: 'Terraform', Environment: 'staging', Application: 'orders-api' };
    const synth2 = synthOk(rawInputs({ tables: [table], environments: [validProdEnvironment()] }));
    const xr = findObject(synth2.objects, { kind: 'DynamoDBTable', name: 'orders' });
    expect(xr.spec.tags).toEqual({ Application: 'orders-api', Environment: 'staging', ManagedBy: 'Terraform' });

    // WHEN
    const t = await render(xr, findObject(synth2.objects, { kind: 'Composition', name: SYNTHETIC_COMPOSITION }));

    // THEN the environment's values win, and the table's own tag is kept
    expect(t.spec.forProvider.tags).toEqual({
      ...validProdEnvironment().tags,
      BackupPlan: 'orders-prod-dynamodb',
      Application: 'orders-api',
    });
    expect(t.spec.forProvider.tags.ManagedBy).toBe('crossplane');
    expect(t.spec.forProvider.tags.Environment).toBe('prod');
  });

  test('the table tag loses even when the XR is edited by hand (no resolver in between)', async () => {
    const xr = findObject(synth.objects, { dir: 'dev', kind: 'DynamoDBTable', name: 'products' });
    xr.spec.tags = { Owner: 'someone@else', Team: 'catalogue' };

    const t = await render(xr);

    expect(t.spec.forProvider.tags).toEqual({ ...mandatoryTags('dev'), Team: 'catalogue' });
  });

  test('observe management mode composes a read-only Table (managementPolicies [Observe])', async () => {
    const env = validEnvironment();
    env.tableDefaults.managementMode = 'observe';
    const s = synthOk(rawInputs({ environments: [env] }));
    const xr = findObject(s.objects, { kind: 'DynamoDBTable', name: 'orders' });
    expect(xr.spec.managementMode).toBe('observe');

    const t = await render(xr, findObject(s.objects, { kind: 'Composition', name: SYNTHETIC_COMPOSITION }));

    expect(t.spec.managementPolicies).toEqual(['Observe']);
    expect(t.metadata.annotations['crossplane.io/external-name']).toBe('orders');
  });

  test('customer-managed key, PROVISIONED billing with GSI capacities, an LSI, TTL and INCLUDE projection (synthetic schema)', async () => {
    // GIVEN a synthetic schema built in memory
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const replicaKey = 'arn:aws:kms:eu-central-1:123456789012:key/66666666-7777-8888-9999-000000000000';
    const table = validTable();
    table.capacityMode = 'PROVISIONED';
    table.provisionedThroughput = { readCapacityUnits: 10, writeCapacityUnits: 5 };
    table.attributes.push({ name: 'expiresAt', type: 'N' }, { name: 'total', type: 'N' });
    table.attributes = table.attributes.filter((a: Json, i: number, all: Json[]) => all.findIndex((b) => b.name === a.name) === i);
    table.globalSecondaryIndexes[0].projectionType = 'INCLUDE';
    table.globalSecondaryIndexes[0].nonKeyAttributes = ['total', 'status'];
    table.globalSecondaryIndexes[0].provisionedThroughput = { readCapacityUnits: 4, writeCapacityUnits: 2 };
    table.localSecondaryIndexes = [{ indexName: 'OrderTotalIndex', sortKey: { name: 'total', type: 'N' }, projectionType: 'KEYS_ONLY' }];
    table.ttl = { attributeName: 'expiresAt', enabled: true };
    table.tableClass = 'STANDARD_INFREQUENT_ACCESS';
    table.streams = { enabled: true, viewType: 'KEYS_ONLY' };
    table.accessPatterns.push({ id: 'AP-4', description: 'Largest orders', operation: 'Query', index: 'OrderTotalIndex', keyCondition: 'PK = ORDER#{orderId} AND total > :min' });
    const env = validProdEnvironment();
    env.encryption = { type: 'customer-managed', kmsKeyArn };
    env.replicas = [{ region: 'eu-central-1', kmsKeyArn: replicaKey }];
    // A replica needs NEW_AND_OLD_IMAGES streams; leave this table unreplicated and check the CMK replica below.
    table.overrides = { prod: { replicas: [] } };
    const s = synthOk(rawInputs({ tables: [table], environments: [env] }));
    const xr = findObject(s.objects, { kind: 'DynamoDBTable', name: 'orders' });

    // WHEN
    const t = await render(xr, findObject(s.objects, { kind: 'Composition', name: SYNTHETIC_COMPOSITION }));
    const fp = t.spec.forProvider;

    // THEN
    expect(fp.serverSideEncryption).toEqual({ enabled: true, kmsKeyArn });
    expect(fp.billingMode).toBe('PROVISIONED');
    expect(fp.readCapacity).toBe(10);
    expect(fp.writeCapacity).toBe(5);
    expect(fp.attribute).toEqual([
      { name: 'PK', type: 'S' }, { name: 'SK', type: 'S' }, { name: 'createdAt', type: 'S' },
      { name: 'customerId', type: 'S' }, { name: 'total', type: 'N' },
    ]);
    expect(fp.globalSecondaryIndex).toEqual([{
      name: 'CustomerIndex', hashKey: 'customerId', rangeKey: 'createdAt', projectionType: 'INCLUDE',
      nonKeyAttributes: ['total', 'status'], readCapacity: 4, writeCapacity: 2,
    }]);
    expect(fp.localSecondaryIndex).toEqual([{ name: 'OrderTotalIndex', rangeKey: 'total', projectionType: 'KEYS_ONLY' }]);
    expect(fp.ttl).toEqual({ attributeName: 'expiresAt', enabled: true });
    expect(fp.tableClass).toBe('STANDARD_INFREQUENT_ACCESS');
    expect(fp.streamEnabled).toBe(true);
    expect(fp.streamViewType).toBe('KEYS_ONLY');
    expect(fp.replica).toBeUndefined();
  });

  test('a replica of a CMK-encrypted table uses the replica region\'s key', async () => {
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const replicaKey = 'arn:aws:kms:eu-central-1:123456789012:key/66666666-7777-8888-9999-000000000000';
    const env = validProdEnvironment();
    env.encryption = { type: 'customer-managed', kmsKeyArn };
    env.replicas = [{ region: 'eu-central-1', kmsKeyArn: replicaKey, deletionProtection: true }];
    const s = synthOk(rawInputs({ environments: [env] }));

    const t = await render(findObject(s.objects, { kind: 'DynamoDBTable' }), findObject(s.objects, { kind: 'Composition', name: SYNTHETIC_COMPOSITION }));

    expect(t.spec.forProvider.serverSideEncryption).toEqual({ enabled: true, kmsKeyArn });
    expect(t.spec.forProvider.replica).toEqual([{
      regionName: 'eu-central-1', kmsKeyArn: replicaKey, pointInTimeRecovery: true, propagateTags: true, deletionProtectionEnabled: true,
    }]);
  });

  test('aws-owned encryption turns server-side encryption with a KMS key off', async () => {
    const env = validEnvironment();
    env.encryption = { type: 'aws-owned' };
    const s = synthOk(rawInputs({ environments: [env] }));

    const t = await render(findObject(s.objects, { kind: 'DynamoDBTable' }), findObject(s.objects, { kind: 'Composition', name: SYNTHETIC_COMPOSITION }));

    expect(t.spec.forProvider.serverSideEncryption).toEqual({ enabled: false });
  });

  test('on-demand throughput caps on the table and a GSI, PITR off, a 7-day PITR window elsewhere (synthetic schema)', async () => {
    const table = validTable();
    table.onDemandThroughput = { maxReadRequestUnits: 100, maxWriteRequestUnits: 50 };
    table.globalSecondaryIndexes[0].onDemandThroughput = { maxReadRequestUnits: 20 };
    table.pitr = { enabled: false };
    table.overrides = { prod: { pitr: { enabled: true, recoveryPeriodInDays: 7 } } };
    const s = synthOk(rawInputs({ tables: [table], environments: [validEnvironment('dev'), validProdEnvironment()] }));
    const comp = findObject(s.objects, { kind: 'Composition', name: SYNTHETIC_COMPOSITION });

    const dev = await render(findObject(s.objects, { dir: 'dev', kind: 'DynamoDBTable' }), comp);
    const prod = await render(findObject(s.objects, { dir: 'prod', kind: 'DynamoDBTable' }), comp);

    expect(dev.spec.forProvider.onDemandThroughput).toEqual({ maxReadRequestUnits: 100, maxWriteRequestUnits: 50 });
    expect(dev.spec.forProvider.globalSecondaryIndex[0].onDemandThroughput).toEqual({ maxReadRequestUnits: 20 });
    expect(dev.spec.forProvider.pointInTimeRecovery).toEqual({ enabled: false });
    expect(prod.spec.forProvider.pointInTimeRecovery).toEqual({ enabled: true, recoveryPeriodInDays: 7 });
  });

  test('every composed resource validates against the provider CRDs: zero failures', () => {
    // 9 BBWS tables plus the synthetic ones above.
    expect(composed.length).toBe(cases.length + 8);
    const r = validateObjects(composed, [CRDS.providerAws()]);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, failures: 0, missing: 0, total: composed.length });
  });
});
