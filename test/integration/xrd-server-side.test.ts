/**
 * Our XRDs' rules as a real API server enforces them. `crossplane beta
 * validate` has no old object, so it cannot check transition rules such as
 * "tableName is immutable"; a real kube-apiserver can.
 *
 * Each XRD is turned into the CRD Crossplane would serve for it (the XRD's
 * schema, plus Crossplane's own `spec.crossplane` and status fields, kept
 * open here), installed, and then every rendered XR is created and updated.
 */
import { ApiServer, startApiServer } from '../harness/apiserver';
import { toYamlStream } from '../harness/crossplane';
import { describeWithTools } from '../harness/tools';
import { clone, findObject, Json, synthRepo } from './synth-fixture';

/** The CRD Crossplane v2 derives from a namespaced XRD (crossplane-managed fields left open). */
function crdFor(xrd: Json): Json {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: xrd.metadata.name },
    spec: {
      group: xrd.spec.group,
      scope: xrd.spec.scope,
      names: { ...xrd.spec.names, listKind: `${xrd.spec.names.kind}List` },
      versions: xrd.spec.versions.map((v: Json, i: number) => {
        const schema = clone(v.schema.openAPIV3Schema);
        schema.properties.spec.properties.crossplane = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
        schema.properties.status.properties.conditions = { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };
        return { name: v.name, served: true, storage: i === 0, schema: { openAPIV3Schema: schema }, subresources: { status: {} } };
      }),
    },
  };
}

describeWithTools(['etcd', 'kube-apiserver', 'kubectl'], 'XRD rules on a real API server (create, then update)', () => {
  const synth = synthRepo();
  const xrds = synth.objects.filter((o) => o.object.kind === 'CompositeResourceDefinition').map((o) => o.object as Json);
  const xrs = synth.objects.filter((o) => ['DynamoDBTable', 'DynamoDBBackupPlan'].includes(o.object.kind));
  let server: ApiServer;
  const apply = (o: Json) => server.kubectl(['apply', '-f', '-'], JSON.stringify(o));

  beforeAll(async () => {
    server = await startApiServer();
    const namespaces = [...new Set(xrs.map((o) => o.object.metadata.namespace as string))];
    for (const ns of namespaces) await server.kubectl(['create', 'namespace', ns]);
    for (const xrd of xrds) await apply(crdFor(xrd));
    for (const xrd of xrds) await server.kubectl(['wait', '--for=condition=Established', `crd/${xrd.metadata.name}`, '--timeout=60s']);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

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
    ['removing the sort key', 'tenants', (s) => { delete s.rangeKey; }, /rangeKey/],
    ['adding an LSI', 'campaigns', (s) => {
      s.localSecondaryIndexes = [{ name: 'ByCode', rangeKey: 'code', projectionType: 'KEYS_ONLY' }];
      s.attributes.push({ name: 'code', type: 'S' });
    }, /localSecondaryIndexes/],
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
    await apply(xr);
    xr.spec.rangeKey = 'SK';
    await expect(apply(xr)).rejects.toThrow(/rangeKey/);
  });

  test('the backup selection never changes in place (every Selection field forces a replacement)', async () => {
    const xr = findObject(synth.objects, { dir: 'prod', kind: 'DynamoDBBackupPlan' });
    xr.spec.selectionTag = { key: 'BackupPlan', value: 'other' };
    await expect(apply(xr)).rejects.toThrow(/selectionTag is immutable/);
  });
});
