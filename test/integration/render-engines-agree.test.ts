/**
 * Every XR of every environment through two real Crossplane engines, both
 * calling the same running function-patch-and-transform:
 *  - core v2.3.4's XR reconciler (`internal render`, driven by xprender), which
 *    the other integration tests assert field by field;
 *  - the CLI v2.2.1's own renderer (`crossplane render`).
 * They must compose the same resources with the same content, so a result
 * that depends on one engine's quirks cannot pass unnoticed. Only what each
 * engine makes up itself is set aside: composed resource names (core names
 * them, the CLI leaves generateName), the XR's UID in owner references, the
 * XR's resourceRefs, and condition timestamps and the conditions only the
 * reconciler sets (Synced, Responsive).
 */
import { KubeObject, renderComposition, renderWithCli } from '../harness/crossplane';
import { RunningFunction, startFunction } from '../harness/function-runner';
import { describeWithTools } from '../harness/tools';
import { clone, ENVIRONMENTS, Json, synthRepo } from './synth-fixture';

const RESOURCE_NAME = 'crossplane.io/composition-resource-name';
/** Conditions core's reconciler adds that the CLI's renderer has no notion of. */
const RECONCILER_ONLY = new Set(['Synced', 'Responsive']);

/** An engine's output with the engine-made-up parts removed, composed resources keyed by their template name. */
function comparable(out: readonly KubeObject[]): { xr: Json; composed: Record<string, Json> } {
  const [xr, ...rest] = out.map((o) => clone(o) as Json);
  delete xr.spec?.crossplane?.resourceRefs;
  if (xr.spec?.crossplane && Object.keys(xr.spec.crossplane).length === 0) delete xr.spec.crossplane;
  if (xr.spec && Object.keys(xr.spec).length === 0) delete xr.spec;
  if (xr.status?.conditions) {
    xr.status.conditions = xr.status.conditions
      .filter((c: Json) => !RECONCILER_ONLY.has(c.type))
      .map(({ lastTransitionTime, ...c }: Json) => c);
  }
  const composed: Record<string, Json> = {};
  for (const o of rest) {
    const name = o.metadata.annotations[RESOURCE_NAME];
    delete o.metadata.name;
    delete o.metadata.generateName;
    for (const ref of o.metadata.ownerReferences ?? []) delete ref.uid;
    composed[name] = o;
  }
  return { xr, composed };
}

describeWithTools(['function-patch-and-transform', 'xprender', 'crossplane-core', 'crossplane'], 'core\'s reconciler and the CLI\'s renderer agree', () => {
  const synth = synthRepo();
  const compositions = synth.objects.filter((o) => o.dir === 'platform' && o.object.kind === 'Composition').map((o) => o.object as Json);
  const xrs = synth.objects
    .filter((o) => (ENVIRONMENTS as readonly string[]).includes(o.dir) && ['DynamoDBTable', 'DynamoDBBackupPlan'].includes(o.object.kind))
    .map((o) => ({ env: o.dir, kind: o.object.kind, name: o.object.metadata.name, xr: o.object as Json }));
  let fn: RunningFunction;

  beforeAll(async () => {
    fn = await startFunction();
  });
  afterAll(async () => {
    await fn?.stop();
  });

  /** The Composition Crossplane would select: the XR's compositionRef, else the only one for its kind. */
  const compositionFor = (xr: Json): Json => {
    const ref = xr.spec?.crossplane?.compositionRef?.name;
    const hits = compositions.filter((c) => (ref ? c.metadata.name === ref : c.spec.compositeTypeRef.kind === xr.kind));
    expect(hits).toHaveLength(1);
    return hits[0];
  };

  test('every environment renders XRs of both kinds', () => {
    // GIVEN the repository synthesized
    // WHEN we list the XRs this file renders
    // THEN there are three tables and one backup plan per environment
    expect(xrs.map((x) => `${x.env}/${x.kind}/${x.name}`).sort()).toEqual([
      'dev/DynamoDBBackupPlan/dynamodb-backup', 'dev/DynamoDBTable/campaigns', 'dev/DynamoDBTable/products', 'dev/DynamoDBTable/tenants',
      'prod/DynamoDBBackupPlan/dynamodb-backup', 'prod/DynamoDBTable/campaigns', 'prod/DynamoDBTable/products', 'prod/DynamoDBTable/tenants',
      'sit/DynamoDBBackupPlan/dynamodb-backup', 'sit/DynamoDBTable/campaigns', 'sit/DynamoDBTable/products', 'sit/DynamoDBTable/tenants',
    ]);
  });

  test.each(xrs)('$env $kind/$name: same composed resources from both engines', async ({ xr }) => {
    // GIVEN the XR as synth rendered it, and the Composition Crossplane would pick
    const composition = compositionFor(xr);
    // WHEN both engines render it with the same function
    const [core, cli] = await Promise.all([renderComposition({ xr, composition, fn }), renderWithCli({ xr, composition, fn })]);
    // THEN, apart from what each engine names or stamps itself, the outputs are identical
    const a = comparable(core);
    const b = comparable(cli);
    expect(Object.keys(a.composed).length).toBeGreaterThan(0);
    expect(b.composed).toEqual(a.composed);
    expect(b.xr).toEqual(a.xr);
  });
});
