import { ProtectedPaths } from '../write/output-guard';
import { CommandContext } from './command';

/** What no writing command may replace or write into, for this run. */
export function protectedPaths(ctx: Pick<CommandContext, 'cwd' | 'project'>): ProtectedPaths {
  const loc = ctx.project();
  return {
    cwd: ctx.cwd,
    projectRoot: loc.root,
    ...(loc.gitRoot ? { gitRoot: loc.gitRoot } : {}),
    inputs: [
      { path: loc.paths.schemasDir, flag: '--schemas' },
      { path: loc.paths.environmentsDir, flag: '--environments' },
      { path: loc.paths.projectFile, flag: '--project' },
    ],
  };
}
