/**
 * Proves the real-tool harness works end to end: a real function-patch-and-
 * transform + the real Crossplane reconciler (render), offline
 * `crossplane beta validate`, and a real API server driven by kubectl.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { startApiServer, ApiServer } from './apiserver';
import { KubeObject, renderComposition, validateObjects } from './crossplane';
import { RunningFunction, startFunction } from './function-runner';
import { describeWithTools, sharedCrdsDir } from './tools';

const xr: KubeObject = {
  apiVersion: 'ddb.example.org/v1alpha1',
  kind: 'DynamoTable',
  metadata: { name: 'orders', namespace: 'team-a' },
  spec: { tableName: 'orders', region: 'eu-west-1' },
};

const composition: KubeObject = {
  apiVersion: 'apiextensions.crossplane.io/v1',
  kind: 'Composition',
  metadata: { name: 'dynamotables' },
  spec: {
    compositeTypeRef: { apiVersion: 'ddb.example.org/v1alpha1', kind: 'DynamoTable' },
    mode: 'Pipeline',
    pipeline: [
      {
        step: 'patch-and-transform',
        functionRef: { name: 'crossplane-contrib-function-patch-and-transform' },
        input: {
          apiVersion: 'pt.fn.crossplane.io/v1beta1',
          kind: 'Resources',
          resources: [
            {
              name: 'table',
              base: {
                apiVersion: 'dynamodb.aws.m.upbound.io/v1beta1',
                kind: 'Table',
                spec: { forProvider: { billingMode: 'PAY_PER_REQUEST', hashKey: 'pk' } },
              },
              patches: [
                { type: 'FromCompositeFieldPath', fromFieldPath: 'spec.region', toFieldPath: 'spec.forProvider.region' },
                {
                  type: 'FromCompositeFieldPath',
                  fromFieldPath: 'spec.tableName',
                  toFieldPath: 'metadata.annotations[crossplane.io/external-name]',
                },
              ],
            },
          ],
        },
      },
    ],
  },
};

describeWithTools(['function-patch-and-transform', 'xprender', 'crossplane-core'], 'render (real Crossplane + P&T)', () => {
  let fn: RunningFunction;
  beforeAll(async () => {
    fn = await startFunction();
  });
  afterAll(async () => {
    await fn?.stop();
  });

  test('renders the XR and one composed Table', async () => {
    const out = await renderComposition({ xr, composition, fn, functionName: 'crossplane-contrib-function-patch-and-transform' });
    expect(out).toHaveLength(2);
    const [renderedXr, table] = out as Array<Record<string, any>>;
    expect(renderedXr.kind).toBe('DynamoTable');
    expect(renderedXr.status.conditions.find((c: { type: string }) => c.type === 'Synced').status).toBe('True');
    expect(table.kind).toBe('Table');
    expect(table.metadata.namespace).toBe('team-a');
    expect(table.metadata.annotations['crossplane.io/composition-resource-name']).toBe('table');
    expect(table.metadata.annotations['crossplane.io/external-name']).toBe('orders');
    expect(table.spec.forProvider).toEqual({ billingMode: 'PAY_PER_REQUEST', hashKey: 'pk', region: 'eu-west-1' });
  });

  test('starts its own function when none is given (names from functionRef)', async () => {
    const out = await renderComposition({ xr, composition });
    expect(out.map((o) => o.kind)).toEqual(['DynamoTable', 'Table']);
  });

  test('a FATAL function result rejects with the function message', async () => {
    const bad = JSON.parse(JSON.stringify(composition)) as Record<string, any>;
    bad.spec.pipeline[0].input.resources[0].patches[0].type = 'Bogus';
    await expect(renderComposition({ xr, composition: bad, fn })).rejects.toThrow(/unknown patch type/);
  });
});

describeWithTools(['crossplane'], 'crossplane beta validate (offline)', () => {
  const providerAws = path.join(sharedCrdsDir(), 'provider-aws');
  const table = (name: string, forProvider: Record<string, unknown>): KubeObject => ({
    apiVersion: 'dynamodb.aws.m.upbound.io/v1beta1',
    kind: 'Table',
    metadata: { name, namespace: 'team-a' },
    spec: { forProvider },
  });

  test('valid Composition + Table pass', () => {
    const r = validateObjects([composition, table('ok', { region: 'us-east-1', hashKey: 'pk' })], [
      providerAws,
      path.join(sharedCrdsDir(), 'function-patch-and-transform'),
    ]);
    expect(r).toMatchObject({ ok: true, failures: 0, missing: 0, total: 3, success: 3 });
  });

  test('unknown field, missing required field and missing schema are reported', () => {
    const r = validateObjects(
      [
        table('bogus', { region: 'us-east-1', bogusField: true }),
        table('no-region', { hashKey: 'pk' }),
        { apiVersion: 'example.org/v1', kind: 'Nope', metadata: { name: 'x' } },
      ],
      [providerAws],
    );
    expect(r).toMatchObject({ ok: false, failures: 2, missing: 1, total: 3, success: 0 });
    expect(r.output).toContain('unknown field: "bogusField"');
    expect(r.output).toContain('spec.forProvider.region: Required value');
  });
});

describeWithTools(['etcd', 'kube-apiserver', 'kubectl'], 'apiserver (etcd + kube-apiserver)', () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApiServer();
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  test('installs a CRD and serves its objects to kubectl', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-'));
    try {
      const crd = path.join(tmp, 'crd.yaml');
      fs.writeFileSync(
        crd,
        [
          'apiVersion: apiextensions.k8s.io/v1',
          'kind: CustomResourceDefinition',
          'metadata: {name: widgets.example.org}',
          'spec:',
          '  group: example.org',
          '  scope: Namespaced',
          '  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}',
          '  versions:',
          '  - name: v1',
          '    served: true',
          '    storage: true',
          '    schema:',
          '      openAPIV3Schema:',
          '        type: object',
          '        properties:',
          '          spec:',
          '            type: object',
          '            properties:',
          '              size: {type: integer, minimum: 1}',
          '',
        ].join('\n'),
      );
      await server.kubectl(['apply', '-f', crd]);
      await server.kubectl(['wait', '--for=condition=Established', 'crd/widgets.example.org', '--timeout=60s']);
      await server.kubectl(['apply', '-f', '-'], 'apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w1, namespace: default}\nspec: {size: 3}\n');
      const got = JSON.parse(await server.kubectl(['get', 'widgets', '-n', 'default', '-o', 'json'])) as { items: Array<{ metadata: { name: string } }> };
      expect(got.items.map((i) => i.metadata.name)).toEqual(['w1']);
      await expect(
        server.kubectl(['apply', '-f', '-'], 'apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w2, namespace: default}\nspec: {size: 0}\n'),
      ).rejects.toThrow(/greater than or equal to 1/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});
