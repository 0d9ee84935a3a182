/** The environments matrix: one column per environment, one row per setting, then the tags. */
import { compareStrings } from '../text/compare';
import { EnvironmentModel, Model } from '../model/resolved';
import { collapse, onOff } from './facts';
import { plural } from '../text/lists';
import { blocks, code, table, text } from '../text/markdown';
import { capacity, encryption, perTable, pitr, replicaRegions } from './table-settings';
import { ManagementMode } from '../model/xr-api';

export function environmentsSection(model: Model): string {
  const envs = model.environments;
  const accounts = new Set(envs.map((e) => e.account));
  return blocks(
    '## Environments',
    `${plural(envs.length, 'environment')}${envs.length > 1 && accounts.size === envs.length ? ', each in its own AWS account' : ''}. Where an environment's tables differ, the value is given per table.`,
    settingsMatrix(envs),
    '### Tags',
    `Every table carries its environment's tags${envs.some((e) => e.backupPlan)
      ? '; tables in an AWS Backup plan also carry the plan\'s selection tag, which is what puts them into the plan'
      : ''}.`,
    tagsMatrix(envs),
  );
}

function settingsMatrix(envs: readonly EnvironmentModel[]): string {
  const row = (label: string, value: (e: EnvironmentModel) => string) => [label, ...envs.map(value)];
  const rows = [
    ...(envs.some((e) => e.description) ? [row('Description', (e) => text(e.description ?? ''))] : []),
    row('AWS account', (e) => code(e.account)),
    row('Region', (e) => code(e.region)),
    row('DR region', (e) => (e.drRegion ? code(e.drRegion) : '—')),
    row('Kubernetes namespace', (e) => code(e.namespace)),
    row('Crossplane role', (e) => `${code(e.providerConfig.roleArn)} via ProviderConfig ${code(e.providerConfig.name)}`),
    row('Capacity mode', (e) => perTable(e, capacity)),
    row('Point-in-time recovery', (e) => perTable(e, pitr)),
    row('AWS Backup', (e) => (e.backupPlan ? `${code(e.backupPlan.schedule)}, kept ${e.backupPlan.retentionDays} days` : 'off')),
    row('Cross-region backup copy', (e) => (e.backupPlan?.copy ? `${code(e.backupPlan.copy.region)}, kept ${e.backupPlan.copy.retentionDays} days` : '—')),
    row('Replicas', (e) => perTable(e, replicaRegions)),
    row('Deletion protection', (e) => perTable(e, (t) => onOff(t.deletionProtection))),
    row('Management mode', (e) => perTable(e, (t) => code(t.managementMode))),
    row('Table removed from git', (e) => perTable(e, (t) => REMOVAL[t.managementMode])),
    row('Encryption', (e) => perTable(e, encryption)),
    row('Argo CD', (e) => `${e.prune ? 'auto-prune' : 'no auto-prune'}; ${e.confirmDeletion ? 'deleting a table or backup needs a manual confirmation' : 'deletions sync unattended'}`),
    row('Plan guard blocks', (e) => (e.guard.length ? e.guard.map(code).join(', ') : 'nothing')),
  ];
  return table(['Setting', ...envs.map((e) => text(e.name))], rows);
}

const REMOVAL: Readonly<Record<ManagementMode, string>> = {
  full: 'deleted in AWS',
  'keep-on-delete': 'kept in AWS, released from management',
  observe: 'kept in AWS (observed only, never changed)',
};

function tagsMatrix(envs: readonly EnvironmentModel[]): string {
  const keys = [...new Set(envs.flatMap((e) => [...Object.keys(e.tags), ...e.tables.flatMap((t) => Object.keys(t.mandatoryTags))]))]
    .sort(compareStrings);
  const rows = keys.map((k) => [code(k), ...envs.map((e) => {
    if (e.tags[k] !== undefined) return code(e.tags[k]);
    if (e.tables.length === 0) return '—';
    return collapse(e.tables, (t) => text(t.logicalName), (t) => (t.mandatoryTags[k] !== undefined ? code(t.mandatoryTags[k]) : '—'));
  })]);
  return table(['Tag', ...envs.map((e) => text(e.name))], rows);
}
