import { didYouMean } from '../../diagnostics/did-you-mean';
import { AWS_REGIONS, partitionOf } from '../../model/aws';

/** An IAM role ARN: partition, account, path and name. */
export const ROLE_ARN = /^arn:(aws(?:-[a-z]+)*):iam::(\d{12}):role\/([\w+=,.@/-]+)$/;

const KMS_ARN = /^arn:(aws(?:-[a-z]+)*):kms:([a-z0-9-]+):(\d{12}):(key|alias)\/[\w/-]+$/;

/** A parsed KMS key or alias ARN. */
export interface KmsArn {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** The parts of a KMS key or alias ARN, or undefined when `arn` is not one. */
export function parseKmsArn(arn: string): KmsArn | undefined {
  const m = KMS_ARN.exec(arn);
  return m ? { partition: m[1], region: m[2], account: m[3] } : undefined;
}

/** "did you mean" for a misspelled region, else an example. */
export function regionHint(region: string): string {
  const guess = didYouMean(region, AWS_REGIONS);
  return guess ? `did you mean "${guess}"?` : 'use an AWS region code such as eu-west-1';
}

/** Why an ARN in `partition` cannot be used in `region`, or undefined when it can. */
export function partitionProblem(what: string, partition: string, region: string): string | undefined {
  const expected = partitionOf(region);
  return partition === expected ? undefined : `the ${what} is in partition ${partition}, but ${region} is in partition ${expected}`;
}
