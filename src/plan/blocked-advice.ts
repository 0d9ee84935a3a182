import { RiskClass } from '../model/common';
import { SAFE_PATH } from './guard';
import { acknowledgementSnippet } from './summary';
import { Plan, PlanEntry } from './types';

/** How to get one blocked risk through: the safe path, then either an acknowledgement or why there can be none. */
export interface Remedy {
  readonly risk: RiskClass;
  readonly safePath: string;
  /**
   * Where an acknowledgement goes and what it says; `once` when one covers the whole environment.
   * @default undefined when none is possible
   */
  readonly acknowledge?: { readonly file: string; readonly snippet: string; readonly once: boolean };
  /**
   * Said instead of an acknowledgement when none is possible.
   * @default undefined when an acknowledgement is possible
   */
  readonly instead?: string;
}

/** One thing the guard blocks, as the text and markdown plans list it. */
export interface BlockedItem {
  readonly environment: string;
  /**
   * `resource`: one resource's blocked risks; `environment-wide`: a risk that blocks every table of the
   * environment, accepted once in its environment file; `removed-environment`: everything of an
   * environment that is removed, which nothing can acknowledge any more.
   */
  readonly scope: 'resource' | 'environment-wide' | 'removed-environment';
  readonly entries: readonly PlanEntry[];
  readonly risks: readonly RiskClass[];
  readonly remedies: readonly Remedy[];
}

/**
 * What blocks, grouped so a reviewer gets one instruction per decision: one
 * environment-level acknowledgement for a risk that blocks every table of an
 * environment, one path for a removed environment, else one per resource.
 */
export function blockedAdvice(plan: Plan): BlockedItem[] {
  const out: BlockedItem[] = [];
  for (const env of plan.environments) {
    const blocked = env.entries.filter((e) => e.blocked);
    if (!blocked.length) continue;
    if (env.lifecycle?.change === 'removed') {
      const risks = [...new Set(blocked.flatMap((e) => e.blockedBy))];
      out.push({
        environment: env.name, scope: 'removed-environment', entries: blocked, risks,
        remedies: risks.map((risk) => ({
          risk,
          safePath: `removing an environment deletes nothing but leaves its tables outside git: first settle each table's fate in ${env.name}'s file (tableDefaults.managementMode keep-on-delete or observe to keep it; a final backup to delete it), `
            + `then lift ${env.name}'s guard in a PR of its own (plan shows that as a guard change), then remove the environment and clean the cluster up by hand; ${env.lifecycle!.docs}`,
          instead: `nothing can acknowledge it here: the environment file that would hold the acknowledgement is gone`,
        })),
      });
      continue;
    }
    const wide = new Set<RiskClass>(env.environmentWide.map((w) => w.change));
    for (const w of env.environmentWide) {
      out.push({
        environment: env.name, scope: 'environment-wide', entries: blocked.filter((e) => e.blockedBy.includes(w.change)), risks: [w.change],
        remedies: [{
          risk: w.change, safePath: SAFE_PATH[w.change],
          acknowledge: { file: w.acknowledgeIn, snippet: `acknowledge: [{ change: ${w.change}, reason: "<why this is safe>" }]`, once: true },
        }],
      });
    }
    for (const e of blocked) {
      const risks = e.blockedBy.filter((r) => !wide.has(r));
      if (!risks.length) continue;
      out.push({
        environment: env.name, scope: 'resource', entries: [e], risks,
        remedies: risks.map((risk) => ({
          risk, safePath: SAFE_PATH[risk], acknowledge: { file: e.acknowledgeIn, snippet: acknowledgementSnippet(e, risk), once: false },
        })),
      });
    }
  }
  return out;
}
