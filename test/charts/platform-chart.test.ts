/**
 * The platform chart: the Function package (pinned), both XRDs and the three
 * Compositions, ordered for Argo CD so each exists before what needs it.
 */
import { Testing } from 'cdk8s';
import { PlatformChart } from '../../charts/platform-chart';
import { Json, synthRepo } from '../integration/synth-fixture';

describe('PlatformChart', () => {
  const model = synthRepo().model;
  const m: Json[] = Testing.synth(new PlatformChart(Testing.app(), 'platform', { model }));
  const wave = (o: Json) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);

  test('the Function, two XRDs and three Compositions, all cluster-scoped', () => {
    expect(m.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Function/function-patch-and-transform',
      'CompositeResourceDefinition/dynamodbtables.platform.bigbeard.co.za',
      'CompositeResourceDefinition/dynamodbbackupplans.platform.bigbeard.co.za',
      'Composition/dynamodbtables.platform.bigbeard.co.za',
      'Composition/dynamodbbackupplans-single-region.platform.bigbeard.co.za',
      'Composition/dynamodbbackupplans-with-copy.platform.bigbeard.co.za',
    ]);
    for (const o of m) expect(o.metadata.namespace).toBeUndefined();
  });

  test('the Function package is pinned to a released version', () => {
    const fn = m[0];
    expect(fn.apiVersion).toBe('pkg.crossplane.io/v1');
    expect(fn.spec).toEqual({ package: 'xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform:v0.10.8' });
    expect(fn.spec.package).toMatch(/:v\d+\.\d+\.\d+$/);
  });

  test('every Composition step calls the Function this chart installs', () => {
    for (const c of m.filter((o) => o.kind === 'Composition')) {
      expect(c.spec.pipeline.map((s: Json) => s.functionRef.name)).toEqual([m[0].metadata.name]);
    }
  });

  test('Argo CD waves: Function < XRDs < Compositions', () => {
    const byKind = (k: string) => [...new Set(m.filter((o) => o.kind === k).map(wave))];
    expect(byKind('Function')).toEqual([-1]);
    expect(byKind('CompositeResourceDefinition')).toEqual([0]);
    expect(byKind('Composition')).toEqual([1]);
  });

  test('deleting a platform object needs confirmation, because prod confirms deletions', () => {
    // GIVEN BBWS, where prod sets sync.confirmDeletion
    // WHEN we read every platform object's sync options
    // THEN each needs a human to confirm a prune or delete: an XRD takes every XR of its kind with it
    expect(m.map((o) => o.metadata.annotations['argocd.argoproj.io/sync-options'])).toEqual(Array(6).fill('Prune=confirm,Delete=confirm'));
  });

  test('without an environment that confirms deletions, platform objects prune freely', () => {
    // GIVEN a model whose environments all auto-prune
    const relaxed = { ...model, environments: model.environments.map((e) => ({ ...e, confirmDeletion: false })) };
    // WHEN the chart renders
    const objects: Json[] = Testing.synth(new PlatformChart(Testing.app(), 'platform', { model: relaxed }));
    // THEN no object carries sync options, only its wave
    expect(objects.map((o) => Object.keys(o.metadata.annotations))).toEqual(Array(6).fill(['argocd.argoproj.io/sync-wave']));
  });
});
