/**
 * Every exit code ddbops returns, in one place: the commands, their `--help`
 * and the README name the same four numbers.
 */
export const EXIT = {
  /** Done: valid, written or current, nothing blocked, everything Ready and in sync. */
  ok: 0,
  /**
   * The work was done and found a problem: invalid inputs, a stale file
   * (`--check`), an XR not Ready or drifted (`status`), argocd-cm keys left
   * alone (`patch-argocd-cm`).
   */
  failed: 1,
  /** A usage error, or the surroundings refuse: a missing folder, git, an unreachable cluster, a path ddbops will not write. */
  usage: 2,
  /** `plan`: the environment's guard blocks a change. */
  guard: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
