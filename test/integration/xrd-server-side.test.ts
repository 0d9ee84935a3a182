/**
 * Our XRDs' rules as a real API server enforces them. `crossplane beta
 * validate` has no old object, so it cannot check transition rules such as
 * "tableName is immutable"; a real kube-apiserver can.
 *
 * Crossplane core itself turns dist/platform's XRDs into the CRDs it serves
 * (so rules that read `spec.crossplane` compile as they do in a cluster), and
 * then every rendered XR is created and updated, and every CEL rule is broken
 * once to see the API server answer with its message.
 */
import * as fs from 'fs';

import { toYamlStream } from '../harness/crossplane';
import { describeWithTools } from '../harness/tools';
import { PlatformCluster, startPlatformCluster, TOOLS } from '../status/status-fixture';
import { TABLE_SPEC_RULES } from '../../compositions/dynamodb-table-definition';
import { BACKUP_SPEC_RULES } from '../../compositions/dynamodb-backup-plan-definition';
import { findObject, Json, synthRepo } from './synth-fixture';

type Mutation = (spec: Json) => void;
const TABLE_RULE_MESSAGE = (start: string): string => {
  const hit = TABLE_SPEC_RULES.find((r) => r.message.startsWith(start));
  if (!hit) throw new Error(`no table rule message starts with "${start}"`);
  return hit.message;
};

describeWithTools(TOOLS, 'XRD rules on a real API server, with the CRDs Crossplane generates', () => {
  const synth = synthRepo();
  const xrs = synth.objects.filter((o) => ['DynamoDBTable', 'DynamoDBBackupPlan'].includes(o.object.kind));
  let cluster: PlatformCluster;
  const server = { kubectl: (args: string[], stdin?: string) => cluster.api.kubectl(args, stdin) };
  const apply = (o: Json) => server.kubectl(['apply', '-f', '-'], JSON.stringify(o));

  beforeAll(async () => {
    cluster = await startPlatformCluster();
  }, 180_000);
  afterAll(async () => {
    await cluster?.api.stop();
    if (cluster) fs.rmSync(cluster.tmp, { recursive: true, force: true });
  });

  describe('create, then update', () => {

    test('every rendered XR of every environment is accepted on create', async () => {
      // One apply for all of them keeps this fast.
      await server.kubectl(['apply', '-f', '-'], toYamlStream(xrs.map((o) => o.object)));
      const got = JSON.parse(await server.kubectl(['get', 'dynamodbtables,dynamodbbackupplans', '-A', '-o', 'json'])) as Json;
      expect(got.items.map((i: Json) => `${i.metadata.namespace}/${i.kind}/${i.metadata.name}`).sort())
        .toEqual(xrs.map((o) => `${o.object.metadata.namespace}/${o.object.kind}/${o.object.metadata.name}`).sort());
    });

    test('changes DynamoDB makes in place are accepted on update', async () => {
      const xr = findObject(synth.objects, { dir: 'dev', kind: 'DynamoDBTable', name: 'products' });
      xr.spec.globalSecondaryIndexes.push({ name: 'ProductNameIndex', hashKey: 'name', projectionType: 'KEYS_ONLY' });
      xr.spec.attributes.push({ name: 'name', type: 'S' });
      xr.spec.pointInTimeRecovery = { enabled: false };
      xr.spec.tags = { Team: 'catalogue' };
      xr.spec.deletionProtection = true;
      await expect(apply(xr)).resolves.toContain('configured');
    });

    const refused: Array<[string, string, (spec: Json) => void, RegExp]> = [
      ['renaming the table', 'tenants', (s) => { s.tableName = 'tenants-v2'; }, /tableName is immutable/],
      ['moving the region', 'tenants', (s) => { s.region = 'eu-west-1'; }, /region is immutable/],
      ['changing the partition key', 'tenants', (s) => { s.hashKey = 'id'; }, /hashKey is immutable/],
      ['changing the sort key', 'tenants', (s) => { s.rangeKey = 'createdAt'; }, /rangeKey is immutable/],
      ['removing the sort key', 'tenants', (s) => { delete s.rangeKey; s.attributes = s.attributes.filter((a: Json) => a.name !== 'SK'); }, /rangeKey cannot be added or removed/],
      ['adding an LSI', 'campaigns', (s) => {
        s.localSecondaryIndexes = [{ name: 'ByCode', rangeKey: 'code', projectionType: 'KEYS_ONLY' }];
        s.attributes.push({ name: 'code', type: 'S' });
      }, /localSecondaryIndexes cannot be added or removed/],
    ];

    test.each(refused)('%s is refused on update', async (_what, name, mutate, message) => {
      const xr = findObject(synth.objects, { dir: 'sit', kind: 'DynamoDBTable', name });
      mutate(xr.spec);
      await expect(apply(xr)).rejects.toThrow(message);
    });

    test('adding a sort key to a table created without one is refused', async () => {
      const xr = findObject(synth.objects, { dir: 'sit', kind: 'DynamoDBTable', name: 'products' });
      xr.metadata.name = 'no-sort-key';
      xr.spec.tableName = 'no-sort-key';
      delete xr.spec.rangeKey;
      const sortKey = xr.spec.attributes.find((a: Json) => a.name === 'SK');
      xr.spec.attributes = xr.spec.attributes.filter((a: Json) => a !== sortKey);
      await apply(xr);
      xr.spec.rangeKey = 'SK';
      xr.spec.attributes.push(sortKey);
      await expect(apply(xr)).rejects.toThrow(/rangeKey cannot be added or removed/);
    });

    test('the backup selection never changes in place (every Selection field forces a replacement)', async () => {
      const xr = findObject(synth.objects, { dir: 'prod', kind: 'DynamoDBBackupPlan' });
      xr.spec.selectionTag = { key: 'BackupPlan', value: 'other' };
      await expect(apply(xr)).rejects.toThrow(/selectionTag is immutable/);
    });
  });

  describe('every CEL rule answers with its message', () => {
    let seq = 0;
    /** Creates a fresh XR (a new name, so the create-time rules run) from a rendered one. */
    const createFrom = (base: Json, mutate: Mutation): Promise<string> => {
      const xr = base;
      xr.metadata.name = `rule-case-${(seq += 1)}`;
      delete xr.metadata.annotations;
      mutate(xr.spec);
      return server.kubectl(['create', '-f', '-'], JSON.stringify(xr));
    };
    const tenants = (): Json => findObject(synth.objects, { dir: 'dev', kind: 'DynamoDBTable', name: 'tenants' });
    const backupPlan = (): Json => findObject(synth.objects, { dir: 'prod', kind: 'DynamoDBBackupPlan' });
    const withoutAttr = (spec: Json, name: string): void => { spec.attributes = spec.attributes.filter((a: Json) => a.name !== name); };

    // [the rule broken, why a user would hit it, the change, the message the API server must give]
    const tableCases: Array<[string, Mutation, string]> = [
      ['a table key not declared in attributes (a typo in hashKey is the usual cause)',
        (s) => withoutAttr(s, 'PK'), TABLE_RULE_MESSAGE('hashKey and rangeKey must be declared')],
      ['a GSI key not declared in attributes (the attribute was deleted with the index still there)',
        (s) => withoutAttr(s, 'email'), TABLE_RULE_MESSAGE('every global secondary index key')],
      ['an LSI sort key not declared in attributes',
        (s) => { s.localSecondaryIndexes = [{ name: 'ByCode', rangeKey: 'code', projectionType: 'KEYS_ONLY' }]; }, TABLE_RULE_MESSAGE('every local secondary index rangeKey')],
      ['an attribute no key uses (DynamoDB refuses it at CreateTable)',
        (s) => { s.attributes.push({ name: 'nickname', type: 'S' }); }, TABLE_RULE_MESSAGE('attributes may only declare key attributes')],
      ['an LSI on a table without a sort key',
        (s) => { delete s.rangeKey; withoutAttr(s, 'SK'); s.localSecondaryIndexes = [{ name: 'ByDate', rangeKey: 'dateCreated', projectionType: 'KEYS_ONLY' }]; },
        TABLE_RULE_MESSAGE('local secondary indexes need a table rangeKey')],
      ['an LSI named like a GSI',
        (s) => { s.localSecondaryIndexes = [{ name: 'EmailIndex', rangeKey: 'dateCreated', projectionType: 'KEYS_ONLY' }]; }, TABLE_RULE_MESSAGE('index names must be unique')],
      ['a replica without the NEW_AND_OLD_IMAGES stream global tables need',
        (s) => { s.replicas = [{ regionName: 'eu-west-1' }]; s.stream = { enabled: false }; }, TABLE_RULE_MESSAGE('replicas need stream.enabled true')],
      ['a replica in the table\'s own region',
        (s) => { s.replicas = [{ regionName: s.region }]; }, TABLE_RULE_MESSAGE('a replica region must differ')],
      ['PROVISIONED without capacities',
        (s) => { s.billingMode = 'PROVISIONED'; }, TABLE_RULE_MESSAGE('billingMode PROVISIONED needs')],
      ['capacities on an on-demand table',
        (s) => { s.readCapacity = 5; s.writeCapacity = 5; }, TABLE_RULE_MESSAGE('readCapacity and writeCapacity apply only')],
      ['on-demand caps on a PROVISIONED table',
        (s) => { s.billingMode = 'PROVISIONED'; s.readCapacity = 5; s.writeCapacity = 5; s.onDemandThroughput = { maxReadRequestUnits: 10 }; },
        TABLE_RULE_MESSAGE('onDemandThroughput applies only')],
      ['a stream view type on a disabled stream',
        (s) => { s.stream = { enabled: false, viewType: 'KEYS_ONLY' }; }, TABLE_RULE_MESSAGE('stream.viewType is required')],
      ['an enabled stream without a view type',
        (s) => { s.stream = { enabled: true }; }, TABLE_RULE_MESSAGE('stream.viewType is required')],
      ['an on-demand cap of 0, which DynamoDB reads as nothing',
        (s) => { s.onDemandThroughput = { maxReadRequestUnits: 0 }; }, 'Maximum read request units must be at least 1, or -1 to remove the cap'],
      ['a GSI on-demand cap of 0',
        (s) => { s.globalSecondaryIndexes[0].onDemandThroughput = { maxWriteRequestUnits: 0 }; }, 'Maximum write request units must be at least 1, or -1 to remove the cap'],
      ['customer-managed encryption without a key',
        (s) => { s.encryption = { type: 'customer-managed' }; }, 'customer-managed encryption needs kmsKeyArn'],
    ];

    test.each(tableCases)('a DynamoDBTable with %s is refused with its message', async (_why, mutate, message) => {
      // GIVEN a valid rendered table XR  WHEN it is broken and created  THEN the API server answers with the rule's message
      await expect(createFrom(tenants(), mutate)).rejects.toThrow(message);
    });

    test('the rendered table is accepted as it is (so each case above fails for its own reason)', async () => {
      await expect(createFrom(tenants(), () => undefined)).resolves.toContain('created');
    });

    const backupCases: Array<[string, Mutation]> = [
      ['the with-copy Composition without spec.copy (AWS refuses an empty copy action)', (s) => { delete s.copy; }],
      ['the single-region Composition with spec.copy (the copy would be dropped silently)',
        (s) => { s.crossplane.compositionRef.name = s.crossplane.compositionRef.name.replace('-with-copy.', '-single-region.'); }],
    ];

    test.each(backupCases)('a DynamoDBBackupPlan naming %s is refused', async (_why, mutate) => {
      await expect(createFrom(backupPlan(), mutate)).rejects.toThrow(BACKUP_SPEC_RULES[0].message);
    });

    test('a DynamoDBBackupPlan with no Composition named yet is accepted (Crossplane picks the default, then the rule runs)', async () => {
      await expect(createFrom(backupPlan(), (s) => { delete s.crossplane; delete s.copy; })).resolves.toContain('created');
    });

    test('every cross-field rule of both XRDs has a case above', () => {
      const tested = [...tableCases.map(([, , m]) => m), BACKUP_SPEC_RULES[0].message];
      const transition = TABLE_SPEC_RULES.filter((r) => r.rule.includes('oldSelf')).map((r) => r.message); // covered by the update tests
      expect([...TABLE_SPEC_RULES, ...BACKUP_SPEC_RULES].map((r) => r.message).filter((m) => !tested.includes(m) && !transition.includes(m))).toEqual([]);
    });

    test('kubectl get shows our printer columns before Crossplane\'s, and -o wide adds the rest', async () => {
      // GIVEN the rendered prod tables
      await server.kubectl(['apply', '-f', '-'], toYamlStream(synth.objects.filter((o) => o.dir === 'prod' && o.object.kind === 'DynamoDBTable').map((o) => o.object)));
      // WHEN kubectl lists them
      const header = async (wide: boolean): Promise<string[]> =>
        (await server.kubectl(['get', 'dynamodbtables', '-n', 'bbws-prod', ...(wide ? ['-o', 'wide'] : [])])).split('\n')[0].trim().split(/\s+/);
      // THEN
      expect(await header(false)).toEqual(['NAME', 'TABLE', 'AWS', 'SYNCED', 'READY', 'COMPOSITION', 'AGE']);
      expect(await header(true)).toEqual(['NAME', 'TABLE', 'BILLING', 'AWS', 'REGION', 'PITR', 'BACKUP', 'MESSAGE', 'ARN', 'SYNCED', 'READY', 'COMPOSITION', 'COMPOSITIONREVISION', 'AGE']);
    });
  });
  });
