import { EnvironmentModel, Model } from '../model/resolved';
import { joinAnd } from '../text/lists';
import { orderRisks } from './labels';
import { GuardChange } from './types';

/**
 * What an environment file stops protecting: risk classes dropped from
 * `guard.block`, `sync.confirmDeletion` turned off, `sync.prune` turned on.
 * None of it changes AWS or blocks this plan (the guard is the union of base
 * and head), but every later change in that environment gets through more
 * easily, so reviewers see it as a change of its own. A renamed environment is
 * compared with its base name; a removed one is explained by its lifecycle.
 * Needs both models: a base read from its dist/ has no guard to compare.
 */
export function guardChanges(base: Model | undefined, head: Model | undefined, renamed: ReadonlyMap<string, string>): GuardChange[] {
  if (!base || !head) return [];
  const baseName = new Map([...renamed].map(([from, to]) => [to, from]));
  // The platform app takes the strictest policy of all environments (charts/argocd/app-sync.ts).
  const platform = {
    losesConfirm: base.environments.some((e) => e.confirmDeletion) && !head.environments.some((e) => e.confirmDeletion),
    gainsPrune: !base.environments.every((e) => e.prune) && head.environments.every((e) => e.prune),
  };
  return head.environments.flatMap((h) => {
    const b = base.environments.find((e) => e.name === (baseName.get(h.name) ?? h.name));
    return b ? weakened(b, h, platform) : [];
  });
}

function weakened(b: EnvironmentModel, h: EnvironmentModel, platform: { losesConfirm: boolean; gainsPrune: boolean }): GuardChange[] {
  const out: GuardChange[] = [];
  const at = { environment: h.name, source: h.source };
  const dropped = orderRisks(b.guard.filter((r) => !h.guard.includes(r)));
  if (dropped.length) {
    out.push({
      ...at, field: 'guard.block', before: orderRisks(b.guard), after: orderRisks(h.guard),
      explanation: `guard.block no longer lists ${joinAnd(dropped)}: once this is merged, plan lets ${dropped.length === 1 ? 'such a change' : 'such changes'} through in ${h.name} without an acknowledgement`,
    });
  }
  if (b.confirmDeletion && !h.confirmDeletion) {
    out.push({
      ...at, field: 'sync.confirmDeletion', before: true, after: false,
      explanation: `sync.confirmDeletion true → false: Argo CD no longer waits for someone to confirm before it prunes or deletes ${h.name}'s tables, backup plan and namespace, or before the root app removes ${h.name}'s Application${platform.losesConfirm ? '; and as no environment asks for it any more, nor before it prunes the platform\'s XRDs and Compositions' : ''}`,
    });
  }
  if (!b.prune && h.prune) {
    out.push({
      ...at, field: 'sync.prune', before: false, after: true,
      explanation: `sync.prune false → true: Argo CD's automated sync now deletes from the cluster whatever leaves git in ${h.name}, without anyone syncing by hand; for a table in management mode full, that deletes it in AWS${platform.gainsPrune ? '; and as every environment now prunes, so does the platform app: an XRD removed from git takes every XR of its kind with it' : ''}`,
    });
  }
  return out;
}
