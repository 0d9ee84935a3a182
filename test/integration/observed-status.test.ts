/**
 * Status flows back: with a Ready composed Table (or backup resources) passed
 * as observed resources, the real reconciler copies their atProvider fields
 * into the XR's status and reports the XR Ready=True.
 *
 * Observed resources must be in the XR's namespace and name the XR (by its
 * UID) as controller (test/harness/README.md). xprender's XR UID is
 * deterministic, so a first render without observed resources supplies the
 * composed objects, owner references included; we then add a status.
 */
import { KubeObject, renderComposition } from '../harness/crossplane';
import { RunningFunction, startFunction } from '../harness/function-runner';
import { describeWithTools } from '../harness/tools';
import { clone, conditions, findObject, Json, synthRepo } from './synth-fixture';

const READY = [
  { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: '2026-01-01T00:00:00Z' },
  { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: '2026-01-01T00:00:00Z' },
];

/** A composed object as the provider would report it once it exists in AWS. */
function observedReady(o: Json, atProvider: Record<string, unknown>): Json {
  const obs = clone(o);
  obs.status = { atProvider, conditions: READY };
  return obs;
}

describeWithTools(['function-patch-and-transform', 'xprender', 'crossplane-core'], 'XR status from observed composed resources', () => {
  const synth = synthRepo();
  let fn: RunningFunction;

  beforeAll(async () => {
    fn = await startFunction();
  });
  afterAll(async () => {
    await fn?.stop();
  });

  describe('DynamoDBTable prod/tenants', () => {
    const xr = findObject(synth.objects, { dir: 'prod', kind: 'DynamoDBTable', name: 'tenants' });
    const composition = findObject(synth.objects, { dir: 'platform', kind: 'Composition', name: 'dynamodbtables.platform.bigbeard.co.za' });
    const arn = 'arn:aws:dynamodb:af-south-1:093646564004:table/tenants';
    const streamArn = `${arn}/stream/2026-01-01T00:00:00.000`;

    test('before the Table is observed, the XR is not Ready and has no ARN', async () => {
      const [x] = (await renderComposition({ xr, composition, fn })) as Json[];

      expect(conditions(x).Ready).toEqual({ status: 'False', reason: 'Creating' });
      expect(x.status.arn).toBeUndefined();
    });

    test('a Ready Table carrying atProvider.arn and streamArn: the XR status shows them, and Ready=True', async () => {
      // GIVEN the Table as first composed, now Ready in AWS
      const [x0, table] = (await renderComposition({ xr, composition, fn })) as Json[];
      expect(table.metadata.namespace).toBe(xr.metadata.namespace);
      expect(table.metadata.ownerReferences[0]).toMatchObject({ kind: 'DynamoDBTable', name: 'tenants', controller: true });
      expect(x0.kind).toBe('DynamoDBTable');
      const observed = observedReady(table, { arn, streamArn, id: 'tenants', region: 'af-south-1' });

      // WHEN
      const out = (await renderComposition({ xr, composition, fn, observed: [observed] })) as Json[];

      // THEN
      const x = out[0];
      expect(x.status).toMatchObject({ arn, streamArn, tableName: 'tenants', region: 'af-south-1' });
      expect(conditions(x)).toMatchObject({ Ready: { status: 'True', reason: 'Available' }, Synced: { status: 'True', reason: 'ReconcileSuccess' } });
      // The same Table is updated in place, not composed a second time.
      expect(out.filter((o) => o.kind === 'Table').map((o) => o.metadata.name)).toEqual([table.metadata.name]);
    });

    test('a Table that exists but is not Ready keeps the XR not Ready, while its ARN is already copied', async () => {
      const [, table] = (await renderComposition({ xr, composition, fn })) as Json[];
      const observed = observedReady(table, { arn, id: 'tenants', region: 'af-south-1' });
      observed.status.conditions = [{ ...READY[0], status: 'False', reason: 'Creating' }, READY[1]];

      const [x] = (await renderComposition({ xr, composition, fn, observed: [observed] })) as Json[];

      expect(conditions(x).Ready.status).toBe('False');
      expect(x.status.arn).toBe(arn);
    });
  });

  describe('DynamoDBBackupPlan prod', () => {
    const xr = findObject(synth.objects, { dir: 'prod', kind: 'DynamoDBBackupPlan' });
    const composition = findObject(synth.objects, { dir: 'platform', kind: 'Composition', name: xr.spec.crossplane.compositionRef.name });

    test('Ready plan, vaults and role: the XR status shows planArn, vaultArn, copyVaultArn, roleArn, and Ready=True', async () => {
      const [, ...composed] = (await renderComposition({ xr, composition, fn })) as Json[];
      const name = (o: Json) => o.metadata.annotations['crossplane.io/composition-resource-name'] as string;
      const atProvider: Record<string, Record<string, unknown>> = {
        'vault': { arn: 'arn:aws:backup:af-south-1:093646564004:backup-vault:bbws-prod-dynamodb' },
        'copy-vault': { arn: 'arn:aws:backup:eu-west-1:093646564004:backup-vault:bbws-prod-dynamodb' },
        'plan': { arn: 'arn:aws:backup:af-south-1:093646564004:backup-plan:0f1e2d3c-aaaa-bbbb-cccc-000000000001' },
        'role': { arn: 'arn:aws:iam::093646564004:role/bbws-prod-dynamodb-backup' },
      };
      const observed: KubeObject[] = composed.map((o) => observedReady(o, atProvider[name(o)] ?? {}));

      const [x] = (await renderComposition({ xr, composition, fn, observed })) as Json[];

      expect(x.status).toMatchObject({
        planArn: atProvider.plan.arn,
        vaultArn: atProvider.vault.arn,
        copyVaultArn: atProvider['copy-vault'].arn,
        roleArn: atProvider.role.arn,
      });
      expect(conditions(x).Ready).toEqual({ status: 'True', reason: 'Available' });
    });
  });
});
