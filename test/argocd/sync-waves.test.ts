/**
 * Sync waves, read from the rendered objects. Within an environment:
 * namespace, then ProviderConfig, then the tables and the backup plan together
 * (the selection needs no table to exist, and a table AWS refuses must not keep
 * backups from starting). Between
 * Applications: the workload AppProject, then the platform app, then the
 * environment apps, all environments in one wave.
 */
import { inDir, Json, REPO } from './argocd-fixture';

const wave = (o: Json): number => Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? '0');
const ENVS = REPO.model.environments.map((e) => e.name);

describe('waves inside each environment', () => {
  test.each(ENVS)('%s: Namespace < ProviderConfig < DynamoDBTable = DynamoDBBackupPlan', (env) => {
    // GIVEN the rendered environment
    const objects = inDir(env);
    // WHEN grouping waves by kind
    const byKind: Record<string, number[]> = {};
    for (const o of objects) (byKind[o.kind] ??= []).push(wave(o));
    // THEN every kind has one wave: namespace, then ProviderConfig, then tables and backups together
    for (const k of Object.keys(byKind)) expect({ kind: k, waves: new Set(byKind[k]).size }).toEqual({ kind: k, waves: 1 });
    expect(byKind.Namespace[0]).toBeLessThan(byKind.ProviderConfig[0]);
    expect(byKind.ProviderConfig[0]).toBeLessThan(byKind.DynamoDBTable[0]);
    if (byKind.DynamoDBBackupPlan) expect(byKind.DynamoDBBackupPlan[0]).toEqual(byKind.DynamoDBTable[0]);
  });

  test.each(ENVS)('%s: every XR skips the dry run while its CRD does not exist yet', (env) => {
    for (const o of inDir(env).filter((x) => x.kind.startsWith('DynamoDB'))) {
      expect(o.metadata.annotations['argocd.argoproj.io/sync-options'].split(',')).toContain('SkipDryRunOnMissingResource=true');
    }
  });
});

describe('waves between Applications (the root app of apps)', () => {
  const apps = inDir('argocd/apps');
  const waveOf = (name: string) => wave(apps.find((o) => o.metadata.name === name));

  test('workload AppProject < platform app < every environment app', () => {
    const project = waveOf('bbws-dynamodb');
    const platform = waveOf('bbws-dynamodb-platform');
    expect(project).toBeLessThan(platform);
    for (const env of ENVS) expect({ env, before: platform < waveOf(`bbws-dynamodb-${env}`) }).toEqual({ env, before: true });
  });

  test('all environment apps share one wave, so one unhealthy environment never holds back another', () => {
    expect(new Set(ENVS.map((e) => waveOf(`bbws-dynamodb-${e}`))).size).toBe(1);
  });

  test('the root app waits on Application health between waves: argocd-cm carries the argoproj.io_Application check', () => {
    const [cm] = inDir('argocd-cm-patch');
    expect(Object.keys(cm.data)).toContain('resource.customizations.health.argoproj.io_Application');
  });
});
