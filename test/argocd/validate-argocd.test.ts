/**
 * Every Argo CD object synth renders, checked by real tools against the
 * upstream Argo CD CRDs (../shared/crds/argo-cd, v3.5.1):
 *  - `crossplane beta validate` (schema, unknown fields, CEL), zero failures
 *    and zero missing schemas, with negative controls proving it is strict;
 *  - a real API server: the one-command bootstrap `kubectl apply -f
 *    dist/argocd/` creates exactly the root AppProject and the root app, and
 *    the apps the root syncs are stored without a field pruned.
 */
import * as fs from 'fs';
import * as path from 'path';

import { ApiServer, startApiServer } from '../harness/apiserver';
import { KubeObject, validateResources } from '../harness/crossplane';
import { describeWithTools } from '../harness/tools';
import { CRDS, clone, tempDir, writeStream } from '../integration/synth-fixture';
import { inDir, Json, REPO } from './argocd-fixture';

const ARGO_DIRS = ['argocd', 'argocd/apps'];
const argoObjects = (): KubeObject[] => ARGO_DIRS.flatMap((d) => inDir(d)) as KubeObject[];

describeWithTools(['crossplane'], 'crossplane beta validate on dist/argocd against the upstream Argo CD CRDs', () => {
  test('every Application and AppProject validates: zero failures, zero missing schemas', () => {
    const { dir, cleanup } = tempDir('validate-argocd-');
    try {
      // GIVEN every object of dist/argocd and dist/argocd/apps
      const objects = argoObjects();
      expect(objects.length).toBe(7);
      // WHEN
      const r = validateResources(ARGO_DIRS.map((d) => writeStream(dir, `${d.replace('/', '-')}.yaml`, inDir(d) as KubeObject[])), [CRDS.argoCd()]);
      // THEN
      expect(r.problems).toEqual([]);
      expect(r).toMatchObject({ ok: true, failures: 0, missing: 0, total: objects.length, success: objects.length });
    } finally {
      cleanup();
    }
  });

  describe('negative controls: the same validator refuses broken copies of the prod app', () => {
    const cases = [
      { name: 'bad-unknown-field', reason: 'a typo in a sync option block must not pass silently', mutate: (o: Json) => { o.spec.syncPolicy.automated.pruneAll = true; }, error: /unknown field/ },
      { name: 'bad-no-destination', reason: 'the CRD requires spec.destination', mutate: (o: Json) => { delete o.spec.destination; }, error: /spec.destination: Required value/ },
      { name: 'bad-retry-limit', reason: 'types are checked, not just field names', mutate: (o: Json) => { o.spec.syncPolicy.retry.limit = 'ten'; }, error: /spec.syncPolicy.retry.limit/ },
    ];
    let problems: string[] = [];
    beforeAll(() => {
      const { dir, cleanup } = tempDir('validate-argocd-bad-');
      try {
        // GIVEN broken copies of the prod app, one per case
        const bad = cases.map((c) => {
          const o = clone(inDir('argocd/apps').find((x) => x.metadata.name === 'bbws-dynamodb-prod')) as Json;
          o.metadata.name = c.name;
          c.mutate(o);
          return o;
        });
        // WHEN they are validated together
        const r = validateResources(writeStream(dir, 'bad.yaml', bad), [CRDS.argoCd()]);
        expect(r).toMatchObject({ ok: false, failures: cases.length, missing: 0 });
        problems = r.problems;
      } finally {
        cleanup();
      }
    });

    // THEN each is refused for its own reason
    test.each(cases)('$name fails: $reason', ({ name, error }) => {
      expect(problems.filter((p) => p.includes(` ${name} `)).join('\n')).toMatch(error);
    });
  });
});

/** Polls until the CRD is Established (`kubectl wait` errors while it has no conditions yet). */
async function established(server: ApiServer, crd: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const got = JSON.parse(await server.kubectl(['get', 'crd', crd, '-o', 'json'])) as Json;
    if ((got.status?.conditions ?? []).some((c: Json) => c.type === 'Established' && c.status === 'True')) return;
    if (Date.now() > deadline) throw new Error(`CRD ${crd} not Established after 60s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeWithTools(['etcd', 'kube-apiserver', 'kubectl'], 'the bootstrap on a real API server with the Argo CD CRDs', () => {
  let server: ApiServer;
  const { dir: tmp, cleanup } = tempDir('argocd-bootstrap-');
  const dist = path.join(tmp, 'dist');

  beforeAll(async () => {
    // GIVEN an API server with Argo CD's CRDs, and dist/ exactly as synth writes it
    server = await startApiServer();
    await server.kubectl(['create', 'namespace', 'argocd']);
    for (const f of fs.readdirSync(CRDS.argoCd()).filter((x) => x.endsWith('.yaml')).sort()) {
      await server.kubectl(['apply', '--server-side', '-f', path.join(CRDS.argoCd(), f)]);
    }
    for (const crd of ['applications.argoproj.io', 'appprojects.argoproj.io']) await established(server, crd);
    for (const [rel, content] of REPO.files) {
      fs.mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
      fs.writeFileSync(path.join(dist, rel), content);
    }
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    cleanup();
  });

  const live = async (): Promise<Json[]> =>
    (JSON.parse(await server.kubectl(['get', 'applications.argoproj.io,appprojects.argoproj.io', '-A', '-o', 'json'])) as Json).items;

  test('`kubectl apply -f dist/argocd/` creates exactly the root AppProject and the root Application', async () => {
    // WHEN the documented bootstrap command runs
    await server.kubectl(['apply', '--server-side', '--field-manager=bootstrap', '-f', path.join(dist, 'argocd') + '/']);
    // THEN kubectl did not descend into dist/argocd/apps: the root app syncs that
    expect((await live()).map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
      'AppProject/argocd/bbws-dynamodb-bootstrap',
      'Application/argocd/bbws-dynamodb-root',
    ]);
  });

  test('what the root app syncs is stored exactly as rendered: strict field validation, nothing pruned', async () => {
    // WHEN the root app's folder is applied the way Argo CD applies it (server-side)
    await server.kubectl(['apply', '--server-side', '--field-manager=argocd-controller', '--validate=strict', '-f', path.join(dist, 'argocd', 'apps') + '/']);
    // THEN every object reads back with the spec, labels and annotations we rendered
    const got = await live();
    for (const want of argoObjects() as Json[]) {
      const have = got.find((o) => o.kind === want.kind && o.metadata.name === want.metadata.name);
      expect({ name: want.metadata.name, spec: have?.spec, labels: have?.metadata.labels, annotations: have?.metadata.annotations })
        .toEqual({ name: want.metadata.name, spec: want.spec, labels: want.metadata.labels, annotations: want.metadata.annotations });
    }
  });
});
