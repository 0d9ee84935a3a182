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
import { renderComposition } from '../harness/crossplane';
import { converge, resourceName } from './converge';
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

  describe('DynamoDBTable failures reach the XR', () => {
    const xr = findObject(synth.objects, { dir: 'prod', kind: 'DynamoDBTable', name: 'tenants' });
    const composition = findObject(synth.objects, { dir: 'platform', kind: 'Composition', name: 'dynamodbtables.platform.bigbeard.co.za' });
    const refused = 'create failed: async create failed: failed to create the resource: [{0 creating AWS DynamoDB Table (tenants): api error AccessDeniedException: not authorized to perform: dynamodb:CreateTable}]';

    test('a Table AWS refuses: Crossplane alone keeps the XR Synced and Creating, but the copy carries the provider\'s words', async () => {
      // GIVEN the Table as the provider reports a refused create
      const [, table] = (await renderComposition({ xr, composition, fn })) as Json[];
      const observed = clone(table);
      observed.status = { conditions: [
        { type: 'Ready', status: 'False', reason: 'Creating', lastTransitionTime: '2026-01-01T00:00:00Z' },
        { type: 'Synced', status: 'False', reason: 'ReconcileError', message: refused, lastTransitionTime: '2026-01-01T00:00:05Z' },
      ] };

      // WHEN
      const [x] = (await renderComposition({ xr, composition, fn, observed: [observed] })) as Json[];

      // THEN the XR's own conditions say nothing of AWS (the defect the copy exists for) ...
      expect(conditions(x)).toMatchObject({ Synced: { status: 'True', reason: 'ReconcileSuccess' }, Ready: { status: 'False', reason: 'Creating' } });
      // ... and status.resources.table.conditions says it all
      expect(x.status.resources.table.conditions).toEqual(observed.status.conditions);
    });
  });

  describe('DynamoDBBackupPlan prod', () => {
    const xr = findObject(synth.objects, { dir: 'prod', kind: 'DynamoDBBackupPlan' });
    const composition = findObject(synth.objects, { dir: 'platform', kind: 'Composition', name: xr.spec.crossplane.compositionRef.name });
    const atProvider: Record<string, Record<string, unknown>> = {
      'vault': { arn: 'arn:aws:backup:af-south-1:093646564004:backup-vault:bbws-prod-dynamodb', id: 'bbws-prod-dynamodb' },
      'copy-vault': { arn: 'arn:aws:backup:eu-west-1:093646564004:backup-vault:bbws-prod-dynamodb', id: 'bbws-prod-dynamodb' },
      'plan': { arn: 'arn:aws:backup:af-south-1:093646564004:backup-plan:0f1e2d3c-aaaa-bbbb-cccc-000000000001', id: '0f1e2d3c-aaaa-bbbb-cccc-000000000001' },
      'role': { arn: 'arn:aws:iam::093646564004:role/bbws-prod-dynamodb-backup', id: 'bbws-prod-dynamodb-backup' },
      'table-selection': { id: 'a1b2c3d4-selection' },
    };
    const name = resourceName;

    test('the plan waits for its vaults and takes their names and ARN from them; the selection waits for the plan; then Ready', async () => {
      // WHEN Crossplane reconciles, each time with the XR status and what the provider reported after the last one
      const round = await converge({ xr, composition, fn, atProvider });
      const { firstSeen } = round;

      // THEN the plan is composed only after the vaults report their names, and the selection only after the plan its id
      expect(firstSeen.plan).toBeGreaterThan(Math.max(firstSeen.vault, firstSeen['copy-vault']));
      expect(firstSeen['table-selection']).toBeGreaterThan(firstSeen.plan);
      // The plan's vault and copy target are what the composed vaults report, never a hand-written ARN.
      const plan = round.composed.find((o) => name(o) === 'plan');
      expect(plan.spec.forProvider.rule[0]).toMatchObject({
        targetVaultName: atProvider.vault.id,
        copyAction: [{ destinationVaultArn: atProvider['copy-vault'].arn, lifecycle: { deleteAfter: 30 } }],
      });
      const selection = round.composed.find((o) => name(o) === 'table-selection');
      expect(selection.spec.forProvider).toMatchObject({
        planId: atProvider.plan.id,
        iamRoleArn: atProvider.role.arn,
        resources: ['arn:aws:dynamodb:*:*:table/*'],
        condition: [{ stringEquals: [{ key: 'aws:ResourceTag/BackupPlan', value: 'bbws-prod-dynamodb' }] }],
      });
      const fourth = round;
      expect(fourth.xr.status).toMatchObject({
        planArn: atProvider.plan.arn,
        planId: atProvider.plan.id,
        vaultArn: atProvider.vault.arn,
        vaultName: atProvider.vault.id,
        copyVaultArn: atProvider['copy-vault'].arn,
        roleArn: atProvider.role.arn,
      });
      expect(Object.keys(fourth.xr.status.resources).sort()).toEqual(['copy-vault', 'plan', 'role', 'role-backup-policy', 'role-restore-policy', 'table-selection', 'vault']);
      expect(conditions(fourth.xr).Ready).toEqual({ status: 'True', reason: 'Available' });
    });
  });
});
