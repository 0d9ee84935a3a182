import { Chart } from 'cdk8s';
// The Namespace construct alone: the package index loads every cdk8s-plus construct on each synth.
import { Namespace } from 'cdk8s-plus-27/lib/namespace';
import { Construct } from 'constructs';
import { DynamoDbBackupPlan } from '../compositions/dynamodb-backup-plan';
import { DynamoDbTable } from '../compositions/dynamodb-table';
import { ProviderConfig, ProviderConfigSpecCredentialsSource } from '../imports/aws.m.upbound.io';
import { EnvironmentModel, Model } from '../src/model/resolved';
import { argocdMetadata, SYNC_WAVES } from './sync-policy';

export interface EnvironmentChartProps {
  readonly model: Model;
  readonly environment: EnvironmentModel;
}

export const MANAGED_BY_LABEL = { 'app.kubernetes.io/managed-by': 'ddbops' } as const;

/** One environment: its namespace, ProviderConfig, tables and backup plan. */
export class EnvironmentChart extends Chart {
  constructor(scope: Construct, id: string, props: EnvironmentChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const { model, environment: env } = props;
    const group = model.apiGroup;
    const envLabel = { ...MANAGED_BY_LABEL, [`${group}/environment`]: env.name };
    const confirm = env.confirmDeletion;

    const ns = new Namespace(this, 'namespace', { metadata: { name: env.namespace, labels: envLabel } });
    for (const [k, v] of Object.entries(argocdMetadata({ wave: SYNC_WAVES.namespace, neverDelete: true }).annotations)) ns.metadata.addAnnotation(k, v);

    new ProviderConfig(this, 'provider-config', {
      metadata: {
        name: env.providerConfig.name,
        namespace: env.namespace,
        labels: envLabel,
        // Every XR of the namespace reaches AWS through it: as guarded as the tables.
        ...argocdMetadata({ wave: SYNC_WAVES.providerConfig, confirmDeletion: confirm }),
      },
      spec: {
        // No static credentials: the provider's own identity assumes a role in the account.
        credentials: { source: env.providerConfig.source === 'PodIdentity' ? ProviderConfigSpecCredentialsSource.POD_IDENTITY : ProviderConfigSpecCredentialsSource.IRSA },
        assumeRoleChain: [{ roleArn: env.providerConfig.roleArn, ...(env.providerConfig.externalId ? { externalId: env.providerConfig.externalId } : {}) }],
      },
    });

    for (const table of env.tables) {
      new DynamoDbTable(this, `table-${table.objectName}`, {
        group,
        table,
        metadata: {
          // The object name, not the DynamoDB name: a label value is at most 63 characters of [A-Za-z0-9_.-].
          labels: { ...envLabel, [`${group}/table`]: table.objectName },
          ...argocdMetadata({ wave: SYNC_WAVES.tables, skipDryRun: true, confirmDeletion: confirm }),
        },
      });
    }
    if (env.backupPlan) {
      new DynamoDbBackupPlan(this, 'backup-plan', {
        group,
        plan: env.backupPlan,
        metadata: { labels: envLabel, ...argocdMetadata({ wave: SYNC_WAVES.backups, skipDryRun: true, confirmDeletion: confirm }) },
      });
    }
  }
}
