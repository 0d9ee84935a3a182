/** buildPlan: pairs base and head objects per folder, orders them, and applies the guard. */
import { RiskClass } from '../../src/model/common';
import { Model } from '../../src/model/resolved';
import { RenderedObject } from '../../src/render/render';
import { collectAcknowledgements } from '../../src/plan/acknowledgements';
import { buildPlan, PlanInput } from '../../src/plan/build-plan';
import { Plan } from '../../src/plan/types';
import { Json, repoSynth } from './fixtures';

const BASE_INFO = { ref: 'HEAD', commit: 'c0ffee', source: 'sources' as const };

function objectsWith(edit: (o: RenderedObject) => RenderedObject | undefined): RenderedObject[] {
  return repoSynth().objects.flatMap((o) => {
    const e = edit(JSON.parse(JSON.stringify(o)));
    return e ? [e] : [];
  });
}

function withGuard(model: Model, env: string, guard: RiskClass[]): Model {
  return { ...model, environments: model.environments.map((e) => (e.name === env ? { ...e, guard } : e)) };
}

function plan(input: Partial<PlanInput>): Plan {
  const { objects, model, inputs } = repoSynth();
  return buildPlan({
    base: { objects, model }, head: { objects, model }, baseInfo: BASE_INFO, acknowledgements: collectAcknowledgements(inputs), ...input,
  });
}

const entry = (p: Plan, env: string, name: string) => p.environments.find((e) => e.name === env)!.entries.find((e) => e.name === name)!;
const sortKeyChanged = (o: RenderedObject) => {
  if (o.object.kind === 'DynamoDBTable' && o.object.metadata.name === 'tenants') (o.object as Json).spec.rangeKey = 'SK2';
  return o;
};

test('identical sides: every resource is a no-op, platform first, then the environments by name', () => {
  // WHEN
  const p = plan({});

  // THEN
  expect(p.environments.map((e) => [e.name, e.isEnvironment, new Set(e.entries.map((x) => x.action))])).toEqual([
    ['platform', false, new Set(['no-op'])], ['dev', true, new Set(['no-op'])], ['prod', true, new Set(['no-op'])], ['sit', true, new Set(['no-op'])],
  ]);
  expect(entry(p, 'prod', 'tenants').explanation).toEqual('no change');
});

test('entries within an environment: Namespace, ProviderConfig, tables by name, then the backup plan', () => {
  // WHEN
  const p = plan({});

  // THEN
  expect(p.environments.find((e) => e.name === 'prod')!.entries.map((e) => `${e.kind}/${e.name}`)).toEqual([
    'Namespace/bbws-prod', 'ProviderConfig/aws-prod', 'DynamoDBTable/campaigns', 'DynamoDBTable/products', 'DynamoDBTable/tenants',
    'DynamoDBBackupPlan/dynamodb-backup',
  ]);
});

test('the guard is the union of base and head, so lifting it in the same change does not help', () => {
  // GIVEN the head's prod guard no longer blocks replace
  const { model } = repoSynth();
  const head = { objects: objectsWith(sortKeyChanged), model: withGuard(model, 'prod', []) };

  // WHEN
  const p = plan({ head });

  // THEN
  expect(p.environments.find((e) => e.name === 'prod')!.guard).toContain('replace');
  expect(entry(p, 'prod', 'tenants')).toMatchObject({ action: 'replace', blocked: true, blockedBy: ['replace'], acknowledgeIn: 'schemas/tenants.schema.json' });
});

test('a guard only the head adds blocks too', () => {
  // GIVEN dev starts blocking replace in the same change
  const { model } = repoSynth();
  const head = { objects: objectsWith(sortKeyChanged), model: withGuard(model, 'dev', ['replace']) };

  // WHEN
  const p = plan({ head });

  // THEN
  expect(entry(p, 'dev', 'tenants').blocked).toBe(true);
});

test('a deleted table is acknowledged in its environment file', () => {
  // GIVEN campaigns is gone at head
  const { model } = repoSynth();
  const head = {
    objects: objectsWith((o) => (o.object.metadata.name === 'campaigns' ? undefined : o)),
    model: { ...model, environments: model.environments.map((e) => ({ ...e, tables: e.tables.filter((t) => t.logicalName !== 'campaigns') })) },
  };

  // WHEN
  const p = plan({ head });

  // THEN
  expect(entry(p, 'prod', 'campaigns')).toMatchObject({ action: 'delete', blocked: true, acknowledgeIn: 'environments/prod.yaml' });
});

test('acknowledgements that match nothing are listed, so they cannot approve a later change unseen', () => {
  // GIVEN
  const acknowledgements = [{ change: 'replace' as const, environment: 'prod', resource: 'tenants', kind: 'DynamoDBTable', reason: 'r', source: 'schemas/tenants.schema.json', path: '$.acknowledge[0]' }];

  // WHEN
  const p = plan({ acknowledgements });

  // THEN
  expect(p.unusedAcknowledgements).toEqual([{ change: 'replace', environment: 'prod', resource: 'tenants', reason: 'r', source: 'schemas/tenants.schema.json', path: '$.acknowledge[0]' }]);
});

test('a new API group is a different resource: every XR is deleted and created again', () => {
  // GIVEN
  const head = {
    objects: objectsWith((o) => {
      if (o.object.kind === 'DynamoDBTable') (o.object as Json).apiVersion = 'platform.example.com/v1alpha1';
      return o;
    }),
    model: repoSynth().model,
  };

  // WHEN
  const p = plan({ head });

  // THEN
  const actions = p.environments.find((e) => e.name === 'prod')!.entries.filter((e) => e.name === 'tenants').map((e) => e.action);
  expect(actions.sort()).toEqual(['create', 'delete']);
});

test('a base read from dist/ has no model: the head\'s guard and folders still apply', () => {
  // WHEN
  const p = plan({ base: { objects: objectsWith(sortKeyChanged) } });

  // THEN
  expect(entry(p, 'prod', 'tenants')).toMatchObject({ action: 'replace', blocked: true });
});

test('a base read from dist/ has no model: a renamed environment is still recognised by the namespace its folder renders', () => {
  // GIVEN sit's objects under qa at head, and a base without a model
  const { model } = repoSynth();
  const head = {
    objects: objectsWith((o) => (o.dir === 'sit' ? { ...o, dir: 'qa' } : o)),
    model: { ...model, environments: model.environments.map((e) => (e.name === 'sit' ? { ...e, name: 'qa' } : e)) },
  };

  // WHEN
  const p = plan({ base: { objects: repoSynth().objects }, head });

  // THEN
  const qa = p.environments.find((e) => e.name === 'qa')!;
  expect(qa.lifecycle).toMatchObject({ change: 'renamed', from: 'sit', oldApplication: 'bbws-dynamodb-sit', newApplication: 'bbws-dynamodb-qa' });
  expect(qa.entries.map((e) => [e.kind, e.name, e.action, e.labels])).toEqual([
    ['Namespace', 'bbws-sit', 'update', ['manual-step']],
    ['ProviderConfig', 'aws-sit', 'update', ['manual-step']],
    ['DynamoDBTable', 'campaigns', 'update', ['manual-step']],
    ['DynamoDBTable', 'products', 'update', ['manual-step']],
    ['DynamoDBTable', 'tenants', 'update', ['manual-step']],
    ['DynamoDBBackupPlan', 'dynamodb-backup', 'update', ['manual-step']],
  ]);
  expect(p.environments.map((e) => e.name)).not.toContain('sit');
});

test('acknowledgements the base already has are stale: they approve nothing and are listed with what they would have approved', () => {
  // GIVEN prod tenants' sort key changes, acknowledged by an acknowledgement the base has too
  const ack = { change: 'replace' as const, environment: 'prod', resource: 'tenants', kind: 'DynamoDBTable', reason: 'r', source: 'schemas/tenants.schema.json', path: '$.acknowledge[0]' };

  // WHEN
  const p = plan({ head: { objects: objectsWith(sortKeyChanged), model: repoSynth().model }, acknowledgements: [ack], baseAcknowledgements: [{ ...ack, path: '$.acknowledge[3]', by: 'x' }] });

  // THEN
  expect(entry(p, 'prod', 'tenants')).toMatchObject({ blocked: true, acknowledged: [] });
  expect(p.staleAcknowledgements).toEqual([{
    change: 'replace', environment: 'prod', resource: 'tenants', reason: 'r', source: 'schemas/tenants.schema.json', path: '$.acknowledge[0]',
    wouldApprove: ['prod/DynamoDBTable/tenants'],
  }]);
  expect(p.unusedAcknowledgements).toEqual([]);
});

test('the head\'s XRD tells the diff its list maps: an element is named by its key, as status names it', () => {
  // GIVEN a newer table XRD declaring spec.widgets a list map keyed by name, and prod tenants using it
  const { model } = repoSynth();
  const widgets = (size: number) => objectsWith((o) => {
    const x = o.object as Json;
    if (x.kind === 'CompositeResourceDefinition' && x.spec.names.kind === 'DynamoDBTable') {
      x.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.widgets = {
        type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object' },
      };
    }
    if (o.dir === 'prod' && x.kind === 'DynamoDBTable' && x.metadata.name === 'tenants') x.spec.widgets = [{ name: 'a', size: 1 }, { name: 'b', size }];
    return o;
  });

  // WHEN one widget grows
  const p = plan({ base: { objects: widgets(1), model }, head: { objects: widgets(2), model } });

  // THEN
  expect(entry(p, 'prod', 'tenants').explanation).toEqual('spec.widgets[name=b].size changes');
});
