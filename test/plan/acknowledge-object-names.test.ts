/**
 * A table whose DynamoDB name is not a Kubernetes name (`Order_Items`) has the
 * XR `order-items-62753264`. An acknowledgement names the table as the schema
 * does, by its tableName, or by the XR name `plan` prints; both must match that
 * XR, and only that XR.
 */
import { Acknowledgement, collectAcknowledgements } from '../../src/plan/acknowledgements';
import { buildPlan } from '../../src/plan/build-plan';
import { applyGuard } from '../../src/plan/guard';
import { synthOk } from '../integration/synth-fixture';
import { rawInputs, validEnvironment, validProdEnvironment, validTable } from '../validate/fixtures';

const ORDER_ITEMS_XR = { environment: 'prod', kind: 'DynamoDBTable', name: 'order-items-62753264' };
const ack = (a: Partial<Acknowledgement>): Acknowledgement => ({ change: 'delete', reason: 'retired', source: 'environments/prod.yaml', path: '$.acknowledge[0]', ...a });

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly ack: Acknowledgement;
  readonly acknowledged: boolean;
}

const cases: Case[] = [
  {
    name: 'schema acknowledgement', reason: 'A schema\'s acknowledgements carry its tableName, not its XR name.',
    ack: ack({ resource: 'Order_Items', kind: 'DynamoDBTable', source: 'schemas/Order_Items.schema.json' }), acknowledged: true,
  },
  {
    name: 'environment acknowledgement by DynamoDB name', reason: 'What a reviewer knows the table as.',
    ack: ack({ environment: 'prod', resource: 'Order_Items' }), acknowledged: true,
  },
  {
    name: 'environment acknowledgement by XR name', reason: 'What `plan` prints for the resource.',
    ack: ack({ environment: 'prod', resource: 'order-items-62753264' }), acknowledged: true,
  },
  {
    name: 'another table that normalises alike', reason: 'order_items is a different DynamoDB table with a different XR.',
    ack: ack({ environment: 'prod', resource: 'order_items' }), acknowledged: false,
  },
  {
    name: 'the DynamoDB name for another kind', reason: 'Derivation applies to table XRs only.',
    ack: ack({ environment: 'prod', resource: 'Order_Items', kind: 'DynamoDBBackupPlan' }), acknowledged: false,
  },
];

test.each(cases)('$name: $reason', ({ ack: a, acknowledged }) => {
  // WHEN
  const got = applyGuard(['delete'], ['delete'], [a], ORDER_ITEMS_XR);

  // THEN
  expect(got.blockedBy).toEqual(acknowledged ? [] : ['delete']);
});

test('a replaced Order_Items in prod: plan names the XR, the schema acknowledges it, and says where acknowledgements go', () => {
  // GIVEN Order_Items whose sort key changes, prod blocking replace, and the schema acknowledging it
  const table = (sortKey: string, acknowledge: boolean) => {
    const t = validTable();
    t.tableName = 'Order_Items';
    if (sortKey !== 'SK') t.attributes.push({ name: sortKey, type: 'S' });
    t.primaryKey.sortKey = { name: sortKey, type: 'S' };
    t.accessPatterns = [t.accessPatterns[1]];
    if (acknowledge) t.acknowledge = [{ change: 'replace', environment: 'prod', reason: 'migrated in CHG-1' }];
    return t;
  };
  const prod = validProdEnvironment();
  prod.guard = { block: ['replace'] };
  const side = (t: unknown) => synthOk(rawInputs({ tables: [t], environments: [validEnvironment('dev'), prod] }));
  const base = side(table('SK', false));
  const head = side(table('SK2', true));

  // WHEN
  const plan = buildPlan({
    base: { objects: base.objects, model: base.model },
    head: { objects: head.objects, model: head.model },
    baseInfo: { ref: 'HEAD', commit: 'c0ffee', source: 'sources' },
    acknowledgements: collectAcknowledgements(head.inputs!),
  });

  // THEN
  const entry = plan.environments.find((e) => e.name === 'prod')!.entries.find((e) => e.kind === 'DynamoDBTable')!;
  expect(entry.name).toBe('order-items-62753264');
  expect(entry.risks).toEqual(['replace']);
  expect(entry.blocked).toBe(false);
  expect(entry.acknowledgeIn).toBe('schemas/Order_Items.schema.json');
  expect(plan.unusedAcknowledgements).toEqual([]);
});
