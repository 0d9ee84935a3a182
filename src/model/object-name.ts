import { createHash } from 'crypto';

/**
 * The Kubernetes object name of a table's XR, derived from its DynamoDB name.
 *
 * DynamoDB accepts names Kubernetes refuses: upper case (`Orders`), `_` and `.`
 * (`order_items`), and up to 255 characters. The XR needs a name the API server
 * accepts, and the name also ends up in label values (the `<group>/table`
 * label, and Crossplane's `crossplane.io/composite` label on the composed
 * Table), which are limited to 63 characters. So the XR name is a DNS-1123
 * label, the strictest of the three, and the exact DynamoDB name stays in
 * `spec.tableName`.
 *
 * Pure and deterministic: the same DynamoDB name always gives the same object
 * name, on every machine and in every release, because dist/ file names,
 * `plan` and `status` all key on it.
 */

/** Kubernetes' DNS-1123 label (k8s.io/apimachinery `IsDNS1123Label`), without the length limit. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Longest DNS-1123 label, and longest label value. */
export const DNS_LABEL_MAX_LENGTH = 63;

/** Hex digits of the SHA-256 of the DynamoDB name appended to a changed name: 32 bits, so distinct names do not collide by chance. */
export const NAME_HASH_LENGTH = 8;

/** True for a string Kubernetes accepts as a DNS-1123 label (and so as an object name and a label value). */
export function isDnsLabel(name: string): boolean {
  return name.length <= DNS_LABEL_MAX_LENGTH && DNS_LABEL.test(name);
}

/**
 * The XR's metadata.name for a DynamoDB table name.
 *
 * A name that already is a DNS-1123 label is kept unchanged, so `tenants` stays
 * `tenants`. Any other name is lower-cased, every run of characters outside
 * `[a-z0-9]` becomes one `-`, leading and trailing dashes go, the result is cut
 * to leave room for the hash, and `-<hash>` is appended: the hash is taken from
 * the original name, so `Orders` and `orders` (two DynamoDB tables) never get
 * the same object name.
 */
export function tableObjectName(tableName: string): string {
  if (isDnsLabel(tableName)) return tableName;
  const hash = createHash('sha256').update(tableName, 'utf8').digest('hex').slice(0, NAME_HASH_LENGTH);
  const stem = tableName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, DNS_LABEL_MAX_LENGTH - NAME_HASH_LENGTH - 1)
    .replace(/-+$/, '');
  // A name of only "_" and "." has no letters or digits left to show.
  return `${stem || 'table'}-${hash}`;
}
