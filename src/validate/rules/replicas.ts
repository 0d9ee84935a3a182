import { error, Finding, PathSegment } from '../../diagnostics/finding';
import { AWS_REGIONS, partitionOf } from '../../model/aws';
import { Environment } from '../../model/environment';
import { Replica } from '../../model/table-schema';
import { parseKmsArn, partitionProblem, regionHint } from './aws-identifiers';

/** Where a replica list is written, and the environment it replicates from. */
export interface ReplicaListScope {
  readonly file: string;
  /** Path of the list: `replicas` in an environment, `overrides.<env>.replicas` in a schema. */
  readonly path: readonly PathSegment[];
  readonly environment: Environment;
  /** The primary region as the message names it, e.g. "the primary region". */
  readonly ownRegion: string;
}

/**
 * A global table's replica list: real regions other than the table's own,
 * each once, and replica keys that match the environment's encryption.
 */
export function checkReplicaList(replicas: readonly Replica[], scope: ReplicaListScope): Finding[] {
  const { file, path, environment: e } = scope;
  const findings: Finding[] = [];
  const cmk = e.encryption?.type === 'customer-managed';
  const seen = new Set<string>();
  replicas.forEach((r, i) => {
    const at = [...path, i];
    if (!AWS_REGIONS.includes(r.region)) {
      findings.push(error('region', file, [...at, 'region'], `"${r.region}" is not an AWS region`, regionHint(r.region)));
    } else if (r.region === e.region) {
      findings.push(error('replica-region', file, [...at, 'region'], `replica region ${r.region} is ${scope.ownRegion}`, 'replicate to a different region'));
    } else if (seen.has(r.region)) {
      findings.push(error('replica-region', file, [...at, 'region'], `replica region ${r.region} is listed twice`, 'list each region once'));
    }
    seen.add(r.region);
    if (cmk && r.kmsKeyArn === undefined) {
      findings.push(error('replica-kms', file, at, `replica in ${r.region} needs kmsKeyArn because the tables use a customer-managed key`,
        'add kmsKeyArn: a key in the replica region'));
    } else if (!cmk && r.kmsKeyArn !== undefined) {
      // DynamoDB refuses a replica key unless the table itself uses a customer-managed key.
      findings.push(error('replica-kms', file, [...at, 'kmsKeyArn'],
        `replica in ${r.region} sets kmsKeyArn, but the environment's encryption is ${e.encryption?.type ?? 'aws-managed'}`,
        'remove kmsKeyArn, or set encryption to customer-managed in the environment file'));
    } else if (r.kmsKeyArn !== undefined) {
      findings.push(...replicaKeyFindings(r, file, [...at, 'kmsKeyArn']));
    }
  });
  return findings;
}

function replicaKeyFindings(r: Replica, file: string, path: readonly PathSegment[]): Finding[] {
  const kms = parseKmsArn(r.kmsKeyArn!);
  if (!kms) return [error('kms-arn', file, path, `"${r.kmsKeyArn}" is not a KMS key ARN`, `use arn:aws:kms:${r.region}:<account>:key/<key-id>`)];
  if (kms.region !== r.region) {
    return [error('kms-arn', file, path, `the replica key is in ${kms.region}, but the replica is in ${r.region}`,
      `use a key in ${r.region} (a multi-Region replica key works)`)];
  }
  const partition = partitionProblem('replica key ARN', kms.partition, r.region);
  if (partition) return [error('kms-arn', file, path, partition, `start the ARN with arn:${partitionOf(r.region)}:kms:`)];
  return [];
}
