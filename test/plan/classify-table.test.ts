/** classifyTable: every XR spec change gets an action, risk classes and cost labels. */
import { UsageError } from '../../src/diagnostics/usage-error';
import { classifyTable } from '../../src/plan/classify-table';
import { orderLabels, orderRisks } from '../../src/plan/labels';
import { devTenants, Json, pair, prodTenants } from './fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  /** prod tenants unless said otherwise. */
  readonly from?: () => Json;
  readonly mutate: (xr: Json) => void;
  readonly action: string;
  readonly labels: readonly string[];
  /** A phrase the explanation must contain. */
  readonly says?: string;
}

const gsi = (name: string, hashKey: string, extra: Json = {}) => ({ name, hashKey, projectionType: 'ALL', ...extra });

const cases: Case[] = [
  { name: 'identical', reason: 'Nothing to do.', mutate: () => undefined, action: 'no-op', labels: [] },
  {
    name: 'on-demand cap deleted from the schema', reason: 'The provider only sends caps that are set, so the cap would stay in AWS: the plan spells out the -1 step.',
    from: () => { const x = prodTenants(); x.spec.onDemandThroughput = { maxReadRequestUnits: 100 }; return x; },
    mutate: (x) => { delete x.spec.onDemandThroughput; }, action: 'update', labels: ['two-step', 'throttle-risk'],
    says: 'deleting a cap from the schema leaves it in AWS, because the provider only sends caps that are set; set maxReadRequestUnits to -1 in this change',
  },
  {
    name: 'on-demand cap removed with -1', reason: 'The way DynamoDB removes a cap: no second step needed.',
    from: () => { const x = prodTenants(); x.spec.onDemandThroughput = { maxReadRequestUnits: 100 }; return x; },
    mutate: (x) => { x.spec.onDemandThroughput.maxReadRequestUnits = -1; }, action: 'update', labels: ['throttle-risk'], says: 'on-demand caps',
  },
  {
    name: 'TTL block deleted', reason: 'The provider drops a removed ttl block from its diff: TTL stays on in AWS, and the plan says how to turn it off.',
    from: () => { const x = prodTenants(); x.spec.ttl = { enabled: true, attributeName: 'expiresAt' }; return x; },
    mutate: (x) => { delete x.spec.ttl; }, action: 'update', labels: ['ttl-changed', 'app-impact'],
    says: 'that does not turn TTL off in AWS, which keeps deleting expired items; to turn it off, keep the block with "enabled": false',
  },
  { name: 'partition key renamed', reason: 'Keys are fixed at creation.', mutate: (x) => { x.spec.hashKey = 'TenantPK'; }, action: 'replace', labels: ['replace', 'data-loss'], says: 'partition key PK → TenantPK' },
  { name: 'sort key removed', reason: 'Dropping the sort key changes the key schema.', mutate: (x) => { delete x.spec.rangeKey; }, action: 'replace', labels: ['replace', 'data-loss'], says: 'sort key SK removed' },
  {
    name: 'sort key added', reason: 'Adding a sort key changes the key schema.', from: devTenants,
    mutate: (x) => { x.spec.rangeKey = 'SK2'; x.spec.attributes.push({ name: 'SK2', type: 'S' }); }, action: 'replace', labels: ['replace', 'data-loss'], says: 'sort key SK → SK2',
  },
  {
    name: 'partition key type', reason: 'A key attribute keeps its type for life.',
    mutate: (x) => { x.spec.attributes.find((a: Json) => a.name === 'PK').type = 'B'; }, action: 'replace', labels: ['replace', 'data-loss'], says: 'partition key PK type S → B',
  },
  {
    name: 'LSI added', reason: 'LSIs exist only from creation.',
    mutate: (x) => { x.spec.localSecondaryIndexes = [{ name: 'ByDate', rangeKey: 'dateCreated', projectionType: 'ALL' }]; }, action: 'replace', labels: ['replace', 'data-loss'], says: 'LSI ByDate added',
  },
  {
    name: 'LSI projection', reason: 'Any LSI change means a new table.',
    from: () => { const x = prodTenants(); x.spec.localSecondaryIndexes = [{ name: 'ByDate', rangeKey: 'dateCreated', projectionType: 'ALL' }]; return x; },
    mutate: (x) => { x.spec.localSecondaryIndexes[0].projectionType = 'KEYS_ONLY'; }, action: 'replace', labels: ['replace', 'data-loss'], says: 'projection ALL → KEYS_ONLY',
  },
  { name: 'physical name', reason: 'A new external name is a new, empty table; the old is released.', mutate: (x) => { x.spec.tableName = 'tenants-v2'; }, action: 'replace', labels: ['replace', 'data-loss', 'released'], says: 'tenants → tenants-v2' },
  {
    name: 'physical name in full mode', reason: 'Recreating the XR deletes the old table too, so nothing is left behind to release.', from: devTenants,
    mutate: (x) => { x.spec.tableName = 'tenants-v2'; }, action: 'replace', labels: ['replace', 'data-loss'], says: 'which in management mode full deletes the current table',
  },
  { name: 'region', reason: 'Tables do not move between regions.', mutate: (x) => { x.spec.region = 'eu-west-1'; }, action: 'replace', labels: ['replace', 'data-loss', 'released'] },
  {
    name: 'GSI added', reason: 'Backfill from every item, and each write also writes the index.',
    mutate: (x) => { x.spec.globalSecondaryIndexes.push(gsi('ByName', 'email')); }, action: 'update', labels: ['gsi-added', 'backfill', 'write-cost', 'cost', 'slow'],
  },
  {
    name: 'two GSIs added', reason: 'DynamoDB builds one index per update, so they queue.',
    mutate: (x) => { x.spec.globalSecondaryIndexes.push(gsi('ByName', 'email'), gsi('ByStatus', 'status')); },
    action: 'update', labels: ['gsi-added', 'backfill', 'write-cost', 'cost', 'slow'], says: 'the 2 index changes run one after another',
  },
  { name: 'GSI removed', reason: 'Queries on it break.', mutate: (x) => { x.spec.globalSecondaryIndexes.pop(); }, action: 'update', labels: ['gsi-removed', 'app-impact'], says: 'GSI ActiveIndex removed' },
  {
    name: 'GSI keys changed', reason: 'An index\'s keys cannot change: it is dropped and rebuilt.',
    mutate: (x) => { x.spec.globalSecondaryIndexes[0].rangeKey = 'dateCreated'; }, action: 'update',
    labels: ['gsi-added', 'gsi-removed', 'backfill', 'write-cost', 'slow', 'app-impact'], says: 'GSI EmailIndex keys email → email/dateCreated',
  },
  {
    name: 'GSI key type changed', reason: 'A GSI-only key attribute changing type rebuilds the index, not the table.',
    mutate: (x) => { x.spec.attributes.find((a: Json) => a.name === 'email').type = 'B'; }, action: 'update',
    labels: ['gsi-added', 'gsi-removed', 'backfill', 'write-cost', 'slow', 'app-impact'], says: 'GSI EmailIndex keys email (S) → email (B)',
  },
  {
    name: 'projection changed', reason: 'The index is deleted and rebuilt.',
    mutate: (x) => { Object.assign(x.spec.globalSecondaryIndexes[0], { projectionType: 'INCLUDE', nonKeyAttributes: ['status'] }); },
    action: 'update', labels: ['projection-changed', 'backfill', 'write-cost', 'slow', 'app-impact'], says: 'projection ALL → INCLUDE status',
  },
  {
    name: 'GSI on-demand cap', reason: 'A cap throttles requests above it.',
    mutate: (x) => { x.spec.globalSecondaryIndexes[0].onDemandThroughput = { maxReadRequestUnits: 100 }; }, action: 'update', labels: ['throttle-risk'],
  },
  {
    name: 'to provisioned', reason: 'Throttling above the units; switching back is limited.',
    mutate: (x) => { Object.assign(x.spec, { billingMode: 'PROVISIONED', readCapacity: 5, writeCapacity: 5 }); },
    action: 'update', labels: ['billing-mode-switch', 'cost', 'rate-limited', 'throttle-risk'],
  },
  {
    name: 'to on-demand', reason: 'AWS allows 4 switches to on-demand per 24 hours.',
    from: () => { const x = prodTenants(); Object.assign(x.spec, { billingMode: 'PROVISIONED', readCapacity: 5, writeCapacity: 5 }); return x; },
    mutate: (x) => { x.spec.billingMode = 'PAY_PER_REQUEST'; delete x.spec.readCapacity; delete x.spec.writeCapacity; },
    action: 'update', labels: ['billing-mode-switch', 'slow', 'rate-limited'], says: '4 switches to on-demand',
  },
  {
    name: 'capacity lowered', reason: 'Decreases are limited per day and may throttle.',
    from: () => { const x = prodTenants(); Object.assign(x.spec, { billingMode: 'PROVISIONED', readCapacity: 50, writeCapacity: 50 }); return x; },
    mutate: (x) => { x.spec.readCapacity = 10; }, action: 'update', labels: ['rate-limited', 'throttle-risk'],
  },
  { name: 'table class', reason: 'Moves the bill; AWS limits how often.', mutate: (x) => { x.spec.tableClass = 'STANDARD_INFREQUENT_ACCESS'; }, action: 'update', labels: ['cost', 'rate-limited'] },
  { name: 'PITR off', reason: 'The restore window goes.', mutate: (x) => { x.spec.pointInTimeRecovery = { enabled: false }; }, action: 'update', labels: ['pitr-off', 'recovery-weakened'] },
  {
    name: 'PITR shortened', reason: 'Fewer days to restore from, and no saving: AWS prices PITR by table and LSI size.',
    mutate: (x) => { x.spec.pointInTimeRecovery.recoveryPeriodInDays = 7; }, action: 'update', labels: ['pitr-shortened', 'recovery-weakened'],
    says: 'PITR restore window 35 days → 7 days: restore points older than 7 days are gone, and nothing is saved (AWS prices PITR by the size of the table and its LSIs, not by the recovery window)',
  },
  {
    name: 'PITR lengthened', reason: 'More restore history at the same price, so not a cost change.',
    from: () => { const x = prodTenants(); x.spec.pointInTimeRecovery.recoveryPeriodInDays = 7; return x; },
    mutate: (x) => { x.spec.pointInTimeRecovery.recoveryPeriodInDays = 35; }, action: 'update', labels: [],
    says: 'PITR restore window 7 days → 35 days: older restore points become reachable as they accrue; no cost change (AWS prices PITR by the size of the table and its LSIs, not by the recovery window)',
  },
  {
    name: 'PITR turned on', reason: 'Turning PITR on is what adds to the bill, by table size.',
    from: () => { const x = prodTenants(); x.spec.pointInTimeRecovery = { enabled: false }; return x; },
    mutate: (x) => { x.spec.pointInTimeRecovery = { enabled: true, recoveryPeriodInDays: 7 }; }, action: 'update', labels: ['cost'],
    says: 'PITR turned on (7 days): restore points build up from now, billed by the size of the table and its LSIs',
  },
  { name: 'deletion protection off', reason: 'Nothing stops a DeleteTable.', mutate: (x) => { x.spec.deletionProtection = false; }, action: 'update', labels: ['deletion-protection-off', 'recovery-weakened'] },
  { name: 'deletion protection on', reason: 'Safer; no label.', from: devTenants, mutate: (x) => { x.spec.deletionProtection = true; }, action: 'update', labels: [] },
  {
    name: 'leaves the backup plan', reason: 'No new recovery points; the selection tag goes with it and is not called cosmetic.',
    mutate: (x) => { x.spec.backup.plan = 'none'; delete x.spec.mandatoryTags.BackupPlan; }, action: 'update', labels: ['backup-removed', 'recovery-weakened'],
  },
  {
    name: 'TTL attribute changed', reason: 'Off, then on again, at most once an hour.',
    from: () => { const x = prodTenants(); x.spec.ttl = { enabled: true, attributeName: 'expiresAt' }; return x; },
    mutate: (x) => { x.spec.ttl.attributeName = 'purgeAt'; }, action: 'update', labels: ['ttl-changed', 'slow', 'rate-limited', 'two-step'],
  },
  {
    name: 'TTL turned on', reason: 'Past-dated items start being deleted; one TTL change an hour.',
    mutate: (x) => { x.spec.ttl = { enabled: true, attributeName: 'expiresAt' }; }, action: 'update', labels: ['ttl-changed', 'rate-limited'], says: 'deletes items whose expiresAt is in the past',
  },
  {
    name: 'TTL turned off', reason: 'Items stop expiring; storage grows.',
    from: () => { const x = prodTenants(); x.spec.ttl = { enabled: true, attributeName: 'expiresAt' }; return x; },
    mutate: (x) => { x.spec.ttl.enabled = false; }, action: 'update', labels: ['ttl-changed', 'cost', 'rate-limited'],
  },
  { name: 'stream off', reason: 'Consumers stop receiving changes.', mutate: (x) => { x.spec.stream = { enabled: false }; }, action: 'update', labels: ['app-impact'] },
  { name: 'stream view', reason: 'A new stream ARN for consumers.', mutate: (x) => { x.spec.stream.viewType = 'KEYS_ONLY'; }, action: 'update', labels: ['two-step', 'app-impact'] },
  { name: 'replica removed', reason: 'That region\'s copy is deleted.', mutate: (x) => { x.spec.replicas = []; }, action: 'update', labels: ['replica-removed', 'data-loss', 'recovery-weakened'] },
  {
    name: 'replica added', reason: 'Every item is copied; writes billed twice.',
    mutate: (x) => { x.spec.replicas.push({ ...x.spec.replicas[0], regionName: 'eu-central-1' }); }, action: 'update', labels: ['backfill', 'cost', 'slow'],
  },
  { name: 'replica PITR off', reason: 'The replica\'s restore window goes.', mutate: (x) => { x.spec.replicas[0].pointInTimeRecovery = false; }, action: 'update', labels: ['pitr-off', 'recovery-weakened'] },
  { name: 'mode gains Delete', reason: 'Removing the table from git would now delete it.', mutate: (x) => { x.spec.managementMode = 'full'; }, action: 'update', labels: ['management-gains-delete'] },
  { name: 'mode loses Delete', reason: 'Safer; no label.', from: devTenants, mutate: (x) => { x.spec.managementMode = 'keep-on-delete'; }, action: 'update', labels: [], says: 'now only releases it' },
  {
    name: 'observe ignores a key change', reason: 'An observed table is never written, so nothing is replaced.',
    from: () => { const x = prodTenants(); x.spec.managementMode = 'observe'; return x; },
    mutate: (x) => { x.spec.hashKey = 'TenantPK'; }, action: 'update', labels: ['observe-only'], says: 'not applied in AWS',
  },
  { name: 'encryption', reason: 'Switched in place.', mutate: (x) => { x.spec.encryption = { type: 'aws-owned' }; }, action: 'update', labels: [], says: 'encryption aws-managed → aws-owned' },
  { name: 'tags', reason: 'No effect on data.', mutate: (x) => { x.spec.tags = { Team: 'growth' }; }, action: 'update', labels: ['cosmetic'], says: 'tags +Team' },
  {
    name: 'Argo CD confirmation removed', reason: 'Not cosmetic: Argo CD may now prune unattended.',
    mutate: (x) => { x.metadata.annotations['argocd.argoproj.io/sync-options'] = 'SkipDryRunOnMissingResource=true'; }, action: 'update', labels: [],
    says: 'no longer asks for confirmation',
  },
  { name: 'label only', reason: 'Kubernetes metadata never reaches AWS.', mutate: (x) => { x.metadata.labels.team = 'a'; }, action: 'update', labels: ['cosmetic'] },
  { name: 'unknown spec field', reason: 'A field no topic knows is still reported, never dropped.', mutate: (x) => { x.spec.warmThroughput = { read: 1 }; }, action: 'update', labels: [], says: 'spec.warmThroughput changes' },
];

test.each(cases)('$name: $reason', ({ from, mutate, action, labels, says }) => {
  // GIVEN
  const { base, head } = pair(from ?? prodTenants, mutate);

  // WHEN
  const got = classifyTable(base, head);

  // THEN
  const risks = orderRisks(got.changes.flatMap((c) => c.risks));
  expect({ action: got.action, labels: orderLabels(risks, got.changes.flatMap((c) => c.labels)) }).toEqual({ action, labels });
  if (says) expect(got.changes.map((c) => c.text).join('; ')).toContain(says);
});

describe('create and delete', () => {
  test('a new table is created, or adopted when one of that name exists', () => {
    // WHEN
    const got = classifyTable(undefined, prodTenants());

    // THEN
    expect(got).toEqual({
      action: 'create',
      changes: [{
        risks: [], labels: [],
        text: 'creates table tenants in af-south-1 (PAY_PER_REQUEST, key PK/SK, 3 GSIs, PITR 35 days, deletion protection on, replicas in eu-west-1, backup plan dynamodb-backup); if a table of that name already exists in the account, Crossplane adopts it instead',
      }],
    });
  });

  test('a table class other than STANDARD is named when the table is created', () => {
    // GIVEN prod's tenants in Standard-IA (a prod-only override, say)
    const xr = prodTenants();
    xr.spec.tableClass = 'STANDARD_INFREQUENT_ACCESS';
    // WHEN
    const got = classifyTable(undefined, xr);
    // THEN
    expect(got.changes.map((c) => c.text)).toEqual([
      'creates table tenants in af-south-1 (PAY_PER_REQUEST, key PK/SK, 3 GSIs, PITR 35 days, table class STANDARD_INFREQUENT_ACCESS, deletion protection on, replicas in eu-west-1, backup plan dynamodb-backup); if a table of that name already exists in the account, Crossplane adopts it instead',
    ]);
  });

  test('an observed table is adopted read-only', () => {
    // GIVEN
    const xr = prodTenants();
    xr.spec.managementMode = 'observe';

    // WHEN
    const got = classifyTable(undefined, xr);

    // THEN
    expect(got.changes.map((c) => c.labels)).toEqual([['observe-only']]);
  });

  const deletes: { name: string; reason: string; mode: string; labels: string[]; says: string }[] = [
    { name: 'full', reason: 'Crossplane deletes the table and its items.', mode: 'full', labels: ['data-loss'], says: 'Crossplane DELETES table tenants' },
    { name: 'keep-on-delete', reason: 'The table stays in AWS, unmanaged.', mode: 'keep-on-delete', labels: ['released'], says: 'is KEPT in AWS' },
    { name: 'observe', reason: 'Nothing changes in AWS.', mode: 'observe', labels: ['released'], says: 'nothing changes in AWS' },
  ];
  test.each(deletes)('removing a $name table: $reason', ({ mode, labels, says }) => {
    // GIVEN
    const xr = prodTenants();
    xr.spec.managementMode = mode;

    // WHEN
    const got = classifyTable(xr, undefined);

    // THEN
    expect({ action: got.action, risks: got.changes[0].risks, labels: got.changes[0].labels }).toEqual({ action: 'delete', risks: ['delete'], labels });
    expect(got.changes[0].text).toContain(says);
    expect(got.changes[0].text).toContain('Argo CD waits for someone to confirm the prune');
  });
});

describe('the spec schema the XRD renders', () => {
  /** A newer XRD field no topic explains, declared a list map keyed by name. */
  const WIDGETS = {
    properties: { widgets: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object' } } },
  };
  const withWidgets = (widgets: Json[]) => () => { const x = prodTenants(); x.spec.widgets = structuredClone(widgets); return x; };

  test.each([
    {
      name: 'an element changes', reason: 'The element is named by its key, as status names it, not by where it stands.',
      widgets: [{ name: 'a', size: 1 }, { name: 'b', size: 1 }], mutate: (x: Json) => { x.spec.widgets[1].size = 2; }, says: 'spec.widgets[name=b].size changes',
    },
    {
      name: 'an element is removed before another', reason: 'Without the keys every later element would read as changed.',
      widgets: [{ name: 'a', size: 1 }, { name: 'b', size: 1 }], mutate: (x: Json) => { x.spec.widgets.shift(); }, says: 'spec.widgets[name=a] changes',
    },
  ])('$name: $reason', ({ widgets, mutate, says }) => {
    // GIVEN
    const { base, head } = pair(withWidgets(widgets), mutate);

    // WHEN
    const got = classifyTable(base, head, { specSchema: WIDGETS });

    // THEN
    expect(got.changes.map((c) => c.text)).toEqual([says]);
  });

  test('without a schema the same change is named by position', () => {
    // GIVEN
    const { base, head } = pair(withWidgets([{ name: 'a', size: 1 }, { name: 'b', size: 1 }]), (x) => { x.spec.widgets[1].size = 2; });

    // WHEN
    const got = classifyTable(base, head);

    // THEN
    expect(got.changes.map((c) => c.text)).toEqual(['spec.widgets[1].size changes']);
  });

  test('an XR plan cannot read is refused with the field and the fix', () => {
    // GIVEN a base XR edited by hand in the committed dist/
    const { base, head } = pair(prodTenants, () => undefined);
    base.spec.hashKey = 7;

    // WHEN / THEN
    expect(() => classifyTable(base, head)).toThrow(new UsageError('cannot read DynamoDBTable bbws-prod/tenants: spec.hashKey: expected string, got number 7'));
  });
});
