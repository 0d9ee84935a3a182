/**
 * Every object `synth` renders, checked by the real `crossplane beta validate`
 * against the upstream CRDs (provider-aws, function-patch-and-transform,
 * Crossplane's own, Argo CD's) plus our rendered XRDs: zero failures and
 * zero missing schemas. Also: the committed dist/ is what synth renders now.
 */
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from '../../src/write/output-guard';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';

import { EnvironmentChart } from '../../charts/environment-chart';
import { RenderedObject } from '../../src/render/render';
import { validateResources } from '../harness/crossplane';
import { describeWithTools, REPO_ROOT } from '../harness/tools';
import { clone, CRDS, Json, synthRepo, tempDir, writeStream } from './synth-fixture';

const isCore = (o: RenderedObject) => o.object.apiVersion === 'v1';
const isNamespace = (o: RenderedObject) => isCore(o) && o.object.kind === 'Namespace';
const isXrd = (o: RenderedObject) => o.object.kind === 'CompositeResourceDefinition';
const isArgo = (o: RenderedObject) => o.object.apiVersion.startsWith('argoproj.io/');
/** Argo CD's own argocd-cm settings: a merge patch (ddbops patch-argocd-cm), never applied as an object. */
const isArgoCmPatch = (o: RenderedObject) => isCore(o) && o.object.kind === 'ConfigMap' && o.dir === 'argocd-cm-patch';

/** Every file under dir, as relative path → content. */
function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.set(r, fs.readFileSync(path.join(dir, r), 'utf8'));
    }
  };
  walk('');
  return out;
}

describeWithTools(['crossplane'], 'crossplane beta validate on every rendered object', () => {
  const synth = synthRepo();
  const objects = synth.objects;
  const dirs = [...new Set(objects.map((o) => o.dir))].sort();
  const key = (o: RenderedObject) => `${o.dir}/${o.file}`;

  test('synth renders platform, dev, sit and prod (and argocd when registered)', () => {
    expect(dirs.filter((d) => !d.startsWith('argocd'))).toEqual(['dev', 'platform', 'prod', 'sit']);
    expect([...synth.files.keys()].sort()).toEqual(objects.map(key).sort());
  });

  test('every rendered object in every dist dir validates: zero failures, zero missing schemas', () => {
    const { dir, cleanup } = tempDir('validate-dist-');
    try {
      // The exact bytes synth writes to dist/, one file per object.
      for (const [rel, content] of synth.files) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), content);
      }
      // Core `v1` objects are left out on purpose: `crossplane beta validate` knows only
      // CRDs and XRDs (it ships no built-in Kubernetes schemas), so a core kind is
      // always a "missing schema". They are listed explicitly, each checked another way:
      //  - v1 Namespace: typed by cdk8s-plus (kplus.Namespace), asserted below;
      //  - v1 ConfigMap in argocd-cm-patch/: a merge patch for Argo CD's argocd-cm,
      //    never applied whole; its data must be string → string (asserted below).
      // Any other core kind fails here until it gets a check of its own.
      expect(objects.filter(isNamespace).map(key)).toEqual(['dev/namespace-bbws-dev.yaml', 'prod/namespace-bbws-prod.yaml', 'sit/namespace-bbws-sit.yaml']);
      expect(objects.filter((o) => isCore(o) && !isNamespace(o) && !isArgoCmPatch(o)).map(key)).toEqual([]);
      const toValidate = objects.filter((o) => !isCore(o));

      const extensions = [
        CRDS.providerAws(),
        CRDS.patchAndTransform(),
        // Our XRDs: validate turns them into the CRDs of the DynamoDBTable and DynamoDBBackupPlan XRs.
        ...objects.filter(isXrd).map((o) => path.join(dir, key(o))),
        ...(objects.some(isArgo) ? [CRDS.argoCd()] : []),
      ];
      const r = validateResources(toValidate.map((o) => path.join(dir, key(o))), extensions);

      expect(r.problems).toEqual([]);
      // validate also checks each Composition's inline P&T `Resources` input, one more case per Composition.
      const cases = toValidate.length + toValidate.filter((o) => o.object.kind === 'Composition').length;
      expect(r).toMatchObject({ ok: true, failures: 0, missing: 0, total: cases, success: cases });
      // Every kind synth renders was really checked against a schema.
      expect([...new Set(toValidate.map((o) => `${o.object.apiVersion}, Kind=${o.object.kind}`))].filter((k) => !r.output.includes(k))).toEqual([]);
    } finally {
      cleanup();
    }
  });

  test('the XRDs really are enforced: an unknown field and a CEL rule violation in an XR fail', () => {
    const { dir, cleanup } = tempDir('validate-xrd-');
    try {
      const table = clone(objects.find((o) => o.dir === 'prod' && o.object.kind === 'DynamoDBTable')!.object) as Json;
      const bogus = clone(table);
      bogus.metadata.name = 'bogus';
      bogus.spec.bogusField = true;
      const noKey = clone(table);
      noKey.metadata.name = 'no-kms-key';
      noKey.spec.encryption = { type: 'customer-managed' };
      const xrds = writeStream(dir, 'xrds.yaml', objects.filter(isXrd).map((o) => o.object));

      const r = validateResources(writeStream(dir, 'xrs.yaml', [bogus, noKey]), [xrds]);

      expect(r).toMatchObject({ ok: false, failures: 2, missing: 0 });
      expect(r.output).toContain('unknown field: "bogusField"');
      expect(r.output).toContain('customer-managed encryption needs kmsKeyArn');
    } finally {
      cleanup();
    }
  });

  test('each environment Namespace is a cdk8s-plus Namespace, with the shape cdk8s-plus types', () => {
    for (const env of synth.model.environments) {
      const app = new App();
      const chart = new EnvironmentChart(app, `env-${env.name}`, { model: synth.model, environment: env });
      expect(chart.node.findChild('namespace')).toBeInstanceOf(kplus.Namespace);

      const ns = objects.filter((o) => o.dir === env.name && isNamespace(o)).map((o) => o.object);
      expect(ns).toEqual([{
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: expect.objectContaining({ name: env.namespace }),
        spec: {},
      }]);
      expect(Object.keys(ns[0].metadata).sort()).toEqual(['annotations', 'labels', 'name']);
    }
  });

  test('the argocd-cm patch, when rendered, is a ConfigMap holding string values only', () => {
    for (const o of objects.filter(isArgoCmPatch)) {
      const cm = o.object as Json;
      expect(Object.keys(cm).sort()).toEqual(['apiVersion', 'data', 'kind', 'metadata']);
      expect(cm.metadata.name).toBe('argocd-cm');
      expect(Object.values(cm.data).every((v) => typeof v === 'string')).toBe(true);
    }
  });

  test('stale check: the committed dist/ is byte-identical to a fresh in-memory synth (run `npm run synth` if this fails)', () => {
    const onDisk = readTree(path.join(REPO_ROOT, 'dist'));
    expect(onDisk.get(OUTPUT_MARKER)).toEqual(OUTPUT_MARKER_TEXT);
    onDisk.delete(OUTPUT_MARKER);
    expect([...onDisk.keys()].sort()).toEqual([...synth.files.keys()].sort());
    const differing = [...synth.files].filter(([rel, content]) => onDisk.get(rel) !== content).map(([rel]) => rel);
    expect(differing).toEqual([]);
  });
});
