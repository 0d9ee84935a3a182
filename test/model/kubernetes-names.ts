/**
 * Kubernetes' own name checks, copied from k8s.io/apimachinery
 * (pkg/util/validation/validation.go), for tests to hold rendered names
 * against. Kept apart from src/ so that a mistake in our derivation cannot be
 * hidden by the same mistake in the check.
 */

/** `IsDNS1123Subdomain`: metadata.name of most objects, XRs included; at most 253 characters. */
export const K8S_DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `IsDNS1123Label`: namespaces, and names used inside other names; at most 63 characters. */
export const K8S_DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** `IsValidLabelValue`: at most 63 characters, possibly empty. */
export const K8S_LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Problems Kubernetes would report for an object's name and label values, empty when it accepts them. */
export function kubernetesNameProblems(object: { metadata: { name: string; labels?: Record<string, string> } }): string[] {
  const problems: string[] = [];
  const { name, labels } = object.metadata;
  if (!K8S_DNS1123_SUBDOMAIN.test(name) || name.length > 253) problems.push(`metadata.name "${name}" is not a DNS-1123 subdomain`);
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (!K8S_LABEL_VALUE.test(value) || value.length > 63) problems.push(`label ${key}="${value}" is not a valid label value`);
  }
  return problems;
}
