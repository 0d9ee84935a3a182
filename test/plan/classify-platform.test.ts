/**
 * The platform's own objects, in the terms that matter to the XRs they serve:
 * a Composition change says which managed resources come and go and how
 * their management policies change; an XRD change says which rules the API
 * server now applies; argocd-cm says it is not applied by Argo CD; Argo CD
 * metadata says how Argo CD will treat the object. One sentence of reason
 * per case.
 */
import { classifyArgoCdCm } from '../../src/plan/classify-argocd-cm';
import { classifyComposition } from '../../src/plan/classify-composition';
import { classifyDefinition } from '../../src/plan/classify-definition';
import { classifyGeneric } from '../../src/plan/classify-generic';
import { Json, pair, rendered } from './fixtures';

const texts = (c: { changes: readonly { text: string }[] }) => c.changes.map((x) => x.text);
const tableComposition = () => rendered('platform', 'Composition', 'dynamodbtables.platform.bigbeard.co.za');
const backupComposition = () => rendered('platform', 'Composition', 'dynamodbbackupplans-with-copy.platform.bigbeard.co.za');
const tableXrd = () => rendered('platform', 'CompositeResourceDefinition', 'dynamodbtables.platform.bigbeard.co.za');
const resourcesOf = (c: Json): Json[] => c.spec.pipeline[0].input.resources;

describe('classifyComposition', () => {
  test.each([
    {
      name: 'management policies of a mode gain LateInitialize',
      reason: 'The provider would copy AWS values back into the spec, so removals stop reaching AWS: said per mode.',
      mutate: (c: Json) => { resourcesOf(c)[0].patches.find((p: Json) => p.toFieldPath === 'spec.managementPolicies').transforms[0].map['keep-on-delete'] = ['Observe', 'Create', 'Update', 'LateInitialize']; },
      make: tableComposition,
      says: ['table in management mode keep-on-delete: management policies [Observe, Create, Update] → [Observe, Create, Update, LateInitialize]: the provider fills its spec from AWS, so fields removed from git are kept'],
    },
    {
      name: 'a composed vault may be deleted again',
      reason: 'Deleting the XR would delete the vault in AWS: management-gains-delete.',
      mutate: (c: Json) => { resourcesOf(c).find((r: Json) => r.name === 'vault').base.spec.managementPolicies = ['*']; },
      make: backupComposition,
      says: ['vault: management policies [Observe, Create, Update] → [*]: deleting the XR now deletes it in AWS and the provider fills its spec from AWS, so fields removed from git are kept'],
    },
    {
      name: 'a composed resource dropped',
      reason: 'Crossplane deletes what it stops composing, in AWS too when its policies allow Delete.',
      mutate: (c: Json) => { c.spec.pipeline[0].input.resources = resourcesOf(c).filter((r: Json) => r.name !== 'table-selection'); },
      make: backupComposition,
      says: ['stops composing Selection "table-selection": Crossplane deletes it, in AWS too, from every XR that uses it'],
    },
    {
      name: 'a kept resource dropped',
      reason: 'Without Delete the managed resource goes but the AWS resource stays.',
      mutate: (c: Json) => { c.spec.pipeline[0].input.resources = resourcesOf(c).filter((r: Json) => r.name !== 'copy-vault'); },
      make: backupComposition,
      says: ['stops composing Vault "copy-vault": Crossplane deletes the managed resource but leaves it in AWS (its policies leave out Delete)'],
    },
    {
      name: 'a patch added',
      reason: 'Named by the field it sets.',
      mutate: (c: Json) => { resourcesOf(c)[0].patches.push({ type: 'FromCompositeFieldPath', fromFieldPath: 'spec.tableClass', toFieldPath: 'spec.forProvider.warmThroughput' }); },
      make: tableComposition,
      says: ['table: now patches spec.forProvider.warmThroughput'],
    },
  ])('$name: $reason', ({ make, mutate, says }) => {
    // GIVEN
    const { base, head } = pair(make, mutate);

    // WHEN
    const got = classifyComposition(base, head);

    // THEN
    expect(got.action).toBe('update');
    expect(texts(got)).toEqual(says);
  });

  test('identical is a no-op', () => {
    expect(classifyComposition(tableComposition(), tableComposition())).toEqual({ action: 'no-op', changes: [] });
  });
});

describe('classifyDefinition', () => {
  test('a new CEL rule: the API server refuses XRs that break it, and existing ones cannot be updated until fixed', () => {
    // GIVEN
    const { base, head } = pair(tableXrd, (x) => {
      x.spec.versions[0].schema.openAPIV3Schema.properties.spec['x-kubernetes-validations'].push({ rule: 'size(self.tableName) < 100', message: 'tableName is under 100 characters' });
    });

    // WHEN / THEN
    expect(texts(classifyDefinition(base, head))).toEqual([
      'the API server now refuses an XR where this rule fails: "tableName is under 100 characters"; an existing XR that breaks one can no longer be updated until it is fixed',
    ]);
  });

  test('a reworded message is not a new rule', () => {
    // GIVEN
    const { base, head } = pair(tableXrd, (x) => {
      x.spec.versions[0].schema.openAPIV3Schema.properties.spec['x-kubernetes-validations'][0].message = 'reworded';
    });

    // WHEN / THEN
    expect(texts(classifyDefinition(base, head))).toEqual(['1 validation message reworded (same rule)']);
  });

  test('a removed field: the API server drops it from stored XRs', () => {
    // GIVEN
    const { base, head } = pair(tableXrd, (x) => { delete x.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.tags; });

    // WHEN / THEN
    expect(texts(classifyDefinition(base, head))).toEqual(['fields removed: spec.tags; the API server drops them from stored XRs']);
  });
});

describe('classifyArgoCdCm', () => {
  test('a changed health check: Argo CD never applies this file, so the plan says to merge it by hand', () => {
    // GIVEN
    const cm = () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: 'argocd' }, data: { 'resource.customizations.health.argoproj.io_Application': 'return hs' } });
    const { base, head } = pair(cm, (c) => { c.data['resource.customizations.health.argoproj.io_Application'] = 'local hs = {}\nreturn hs'; });

    // WHEN / THEN
    expect(texts(classifyArgoCdCm(base, head))).toEqual([
      'argocd-cm resource.customizations.health.argoproj.io_Application changes: Argo CD does not apply this file: after merging, run ddbops patch-argocd-cm against each Argo CD that syncs this repository',
    ]);
  });
});

describe('Argo CD metadata', () => {
  const options = (o: Json, v: string) => { o.metadata.annotations['argocd.argoproj.io/sync-options'] = v; };
  test.each([
    { from: 'Prune=confirm,Delete=confirm', to: 'Prune=false,Delete=false', says: 'Argo CD now never prunes or deletes this object, instead of asking for confirmation: remove it by hand if it must go', reason: 'Stricter than confirmation: the namespace stays even when its Application is deleted.' },
    { from: 'Prune=false,Delete=false', to: 'Prune=confirm,Delete=confirm', says: 'Argo CD may now prune or delete this object after a human confirms', reason: 'Weaker: said as such.' },
    { from: '', to: 'Prune=confirm,Delete=confirm', says: 'Argo CD now asks a human to confirm before pruning or deleting this object', reason: 'A new guard, e.g. on the prod ProviderConfig.' },
  ])('sync-options "$from" → "$to": $reason', ({ from, to, says }) => {
    // GIVEN
    const base = rendered('prod', 'Namespace', 'bbws-prod');
    const head = rendered('prod', 'Namespace', 'bbws-prod');
    options(base, from);
    options(head, to);

    // WHEN / THEN
    expect(texts(classifyGeneric(base, head))).toEqual([says]);
  });

  test('a sync wave moved earlier', () => {
    // GIVEN
    const { base, head } = pair(() => rendered('prod', 'DynamoDBBackupPlan', 'dynamodb-backup'), (o) => { o.metadata.annotations['argocd.argoproj.io/sync-wave'] = '0'; });

    // WHEN / THEN
    expect(texts(classifyGeneric(base, head))).toEqual(['Argo CD sync wave 1 → 0: it is applied earlier in each sync']);
  });
});
