import { error, Finding, warning } from '../../diagnostics/finding';
import { AWS_REGIONS, LIMITS, partitionOf } from '../../model/aws';
import { Environment } from '../../model/environment';
import { isDnsLabel } from '../../model/object-name';
import { Loaded } from '../../model/inputs';
import { parseKmsArn, partitionProblem, regionHint, ROLE_ARN } from './aws-identifiers';
import { pitrPeriodFinding } from './pitr';
import { checkReplicaList } from './replicas';

/** dist/ folders and Argo CD application names the engine itself uses. */
const RESERVED_NAMES = ['platform', 'argocd', 'argocd-cm-patch', 'apps', 'root'];
/** AWS Backup: cron(<6 fields>) or rate(<n> <unit>). */
const SCHEDULE = /^(cron\(\s*\S+(\s+\S+){5}\s*\)|rate\(\s*[1-9]\d*\s+(minute|minutes|hour|hours|day|days)\s*\))$/;
/** STS AssumeRole ExternalId (botocore sts model, externalIdType). */
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
/** IAM role names (botocore iam model, roleNameType). */
const ROLE_NAME_MAX_LENGTH = 64;

export function checkEnvironment({ file, value: e }: Loaded<Environment>, mandatoryTags: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const push = (rule: string, path: (string | number)[], message: string, hint: string) => findings.push(error(rule, file, path, message, hint));

  const base = file.split('/').pop()!.replace(/\.ya?ml$/, '');
  if (base !== e.name) push('environment-name', ['name'], `name "${e.name}" does not match the file name "${base}"`, `rename the file to ${e.name}.yaml, or set name: ${base}`);
  if (RESERVED_NAMES.includes(e.name)) push('environment-name', ['name'], `"${e.name}" is reserved: dist/${e.name}/ or its Argo CD Application already belongs to the platform`, 'choose another environment name');
  if (!isDnsLabel(e.name)) push('environment-name', ['name'], `environment name "${e.name}" is not a DNS label`, 'use lower-case letters, digits and "-"');
  if (!/^\d{12}$/.test(e.account)) push('account', ['account'], `account "${e.account}" is not a 12-digit AWS account id`, 'quote the id so YAML keeps leading zeros, e.g. account: "012345678901"');
  if (!AWS_REGIONS.includes(e.region)) push('region', ['region'], `"${e.region}" is not an AWS region`, regionHint(e.region));
  if (e.drRegion !== undefined) {
    if (!AWS_REGIONS.includes(e.drRegion)) push('region', ['drRegion'], `"${e.drRegion}" is not an AWS region`, regionHint(e.drRegion));
    else if (e.drRegion === e.region) push('dr-region', ['drRegion'], `the DR region is the primary region (${e.region})`, 'choose a different region, or remove drRegion');
  }
  if (!isDnsLabel(e.namespace)) {
    push('namespace', ['namespace'], `namespace "${e.namespace}" is not a valid DNS label`, 'use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit');
  }
  const role = ROLE_ARN.exec(e.providerConfig.roleArn);
  if (!role) push('role-arn', ['providerConfig', 'roleArn'], `"${e.providerConfig.roleArn}" is not an IAM role ARN`, `use arn:aws:iam::${/^\d{12}$/.test(e.account) ? e.account : '<account>'}:role/<name>`);
  else if (role[2] !== e.account) push('role-arn', ['providerConfig', 'roleArn'], `the role is in account ${role[2]}, but the environment is account ${e.account}`, 'Crossplane must assume a role in the environment\'s own account');
  else {
    const problem = AWS_REGIONS.includes(e.region) ? partitionProblem('role ARN', role[1], e.region) : undefined;
    if (problem) push('role-arn', ['providerConfig', 'roleArn'], problem, `start the ARN with arn:${partitionOf(e.region)}:iam::`);
  }
  const roleName = role?.[3].split('/').pop() ?? '';
  if (roleName.length > ROLE_NAME_MAX_LENGTH) {
    push('role-arn', ['providerConfig', 'roleArn'], `role name "${roleName.slice(0, 20)}…" is ${roleName.length} characters long; IAM allows at most ${ROLE_NAME_MAX_LENGTH}`, 'use the ARN of a role with a shorter name');
  }
  if (e.providerConfig.name !== undefined && !isDnsLabel(e.providerConfig.name)) {
    push('provider-config', ['providerConfig', 'name'], `ProviderConfig name "${e.providerConfig.name}" is not a DNS label`, 'use lower-case letters, digits and "-"');
  }
  const externalId = e.providerConfig.externalId;
  if (externalId !== undefined && (externalId.length < LIMITS.externalIdMinLength || externalId.length > LIMITS.externalIdMaxLength || !EXTERNAL_ID.test(externalId))) {
    push('provider-config', ['providerConfig', 'externalId'], `externalId "${externalId.slice(0, 40)}" is not a valid sts:ExternalId`,
      `use ${LIMITS.externalIdMinLength}-${LIMITS.externalIdMaxLength} characters: letters, digits and _+=,.@:/-`);
  }
  findings.push(...pitrPeriodFinding(e.tableDefaults?.pitr?.recoveryPeriodInDays, file, ['tableDefaults', 'pitr', 'recoveryPeriodInDays']));

  const tags = e.tags ?? {};
  for (const key of mandatoryTags) {
    if (!(key in tags)) push('mandatory-tag', ['tags'], `mandatory tag "${key}" is missing`, `add ${key}: <value> under tags`);
  }
  for (const [key, value] of Object.entries(tags)) {
    if (value.trim() === '') push('mandatory-tag', ['tags', key], `tag "${key}" is empty`, 'give it a value');
  }

  const b = e.backup;
  if (b?.enabled) {
    if (b.schedule === undefined) push('backup-schedule', ['backup'], 'backup is enabled without a schedule', 'add schedule: cron(0 * * * ? *) (hourly) or rate(1 day)');
    else if (!SCHEDULE.test(b.schedule)) push('backup-schedule', ['backup', 'schedule'], `"${b.schedule}" is not an AWS schedule expression`, 'use cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 * * * ? *), or rate(12 hours)');
    if (b.retentionDays === undefined) push('backup-retention', ['backup'], 'backup is enabled without retentionDays', 'add retentionDays: 30');
    if (b.copyToDr?.enabled) {
      const region = b.copyToDr.region ?? e.drRegion;
      if (region === undefined) push('backup-copy', ['backup', 'copyToDr'], 'copyToDr is enabled but there is no DR region', 'set drRegion, or copyToDr.region');
      else if (!AWS_REGIONS.includes(region)) push('region', ['backup', 'copyToDr', 'region'], `"${region}" is not an AWS region`, regionHint(region));
      else if (region === e.region) push('backup-copy', ['backup', 'copyToDr', 'region'], `backups would be copied to their own region (${region})`, 'copy to a different region');
    }
  }
  const retentions: [number | undefined, (string | number)[]][] = [
    [b?.retentionDays, ['backup', 'retentionDays']], [b?.copyToDr?.retentionDays, ['backup', 'copyToDr', 'retentionDays']],
  ];
  for (const [days, path] of retentions) {
    if (days !== undefined && (days < LIMITS.backupRetentionMinDays || days > LIMITS.backupRetentionMaxDays)) {
      push('backup-retention', path, `retention of ${days} days is out of range`, `use ${LIMITS.backupRetentionMinDays}-${LIMITS.backupRetentionMaxDays} days`);
    }
  }
  if (b?.startWindowMinutes !== undefined && b.startWindowMinutes < 60) push('backup-window', ['backup', 'startWindowMinutes'], 'AWS Backup needs a start window of at least 60 minutes', 'use 60 or more');
  if (b?.completionWindowMinutes !== undefined && b.startWindowMinutes !== undefined && b.completionWindowMinutes < b.startWindowMinutes + 60) {
    push('backup-window', ['backup', 'completionWindowMinutes'], 'the completion window must be at least 60 minutes longer than the start window', `use ${b.startWindowMinutes + 60} or more`);
  }
  if (!b?.enabled && tags.BackupPolicy && tags.BackupPolicy !== 'none') {
    findings.push(warning('backup-policy-tag', file, ['tags', 'BackupPolicy'], `BackupPolicy tag is "${tags.BackupPolicy}" but AWS Backup is disabled`, 'set BackupPolicy: none, or enable backup'));
  }

  findings.push(...checkReplicaList(e.replicas ?? [], { file, path: ['replicas'], environment: e, ownRegion: 'the primary region' }));
  if (e.encryption?.type === 'customer-managed') {
    const kms = parseKmsArn(e.encryption.kmsKeyArn);
    if (!kms) push('kms-arn', ['encryption', 'kmsKeyArn'], `"${e.encryption.kmsKeyArn}" is not a KMS key ARN`, 'use arn:aws:kms:<region>:<account>:key/<key-id>');
    else if (kms.region !== e.region) push('kms-arn', ['encryption', 'kmsKeyArn'], `the key is in ${kms.region}, but the tables are in ${e.region}`, 'DynamoDB needs a key in the table\'s region');
    else {
      const problem = AWS_REGIONS.includes(e.region) ? partitionProblem('key ARN', kms.partition, e.region) : undefined;
      if (problem) push('kms-arn', ['encryption', 'kmsKeyArn'], problem, `start the ARN with arn:${partitionOf(e.region)}:kms:`);
    }
  }
  return findings;
}

/** Environments must not share a name or a namespace. */
export function checkEnvironmentsUnique(envs: readonly Loaded<Environment>[]): Finding[] {
  const findings: Finding[] = [];
  const names = new Map<string, string>();
  const namespaces = new Map<string, string>();
  for (const { file, value: e } of envs) {
    if (names.has(e.name)) findings.push(error('environment-unique', file, ['name'], `environment "${e.name}" is also declared in ${names.get(e.name)}`, 'give each environment its own name'));
    else names.set(e.name, file);
    if (namespaces.has(e.namespace)) findings.push(error('environment-unique', file, ['namespace'], `namespace "${e.namespace}" is also used by ${namespaces.get(e.namespace)}`, 'give each environment its own namespace'));
    else namespaces.set(e.namespace, file);
  }
  return findings;
}
