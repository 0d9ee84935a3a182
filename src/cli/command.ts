import { ExitCode } from '../diagnostics/exit-codes';
import { ProjectLocation } from '../load/project-location';
import { InputPaths } from '../load/read-inputs';
import type { ChartFactory } from '../render/render';
import { OptionSpec, OptionValues } from './args';

/** Options every command takes, after its own. */
export const GLOBAL_OPTIONS = [
  { name: 'schemas', value: 'DIR', description: 'Table schema folder', default: 'schemas/ next to project.yaml' },
  { name: 'environments', value: 'DIR', description: 'Environment folder', default: 'environments/ next to project.yaml' },
  { name: 'project', value: 'FILE', description: 'Project config', default: 'the nearest project.yaml in this folder or above' },
  { name: 'help', description: 'Show help' },
  { name: 'version', description: 'Show the version' },
] as const satisfies readonly OptionSpec[];

export const FORMAT_OPTION = {
  name: 'format', value: 'FORMAT', choices: ['text', 'json'], description: 'Output format', default: 'text',
} as const satisfies OptionSpec;

export interface CommandContext<S extends readonly OptionSpec[] = readonly OptionSpec[]> {
  /** The command's own options and the global ones, as parsed. */
  readonly options: OptionValues<S> & OptionValues<typeof GLOBAL_OPTIONS>;
  readonly positionals: readonly string[];
  /**
   * The project: found from `--project` or by walking up from the working
   * folder to project.yaml. Throws a UsageError when there is none, so only
   * commands that need the inputs call it.
   */
  project(): ProjectLocation;
  /** Absolute input paths; the same as `project().paths`. */
  readonly paths: InputPaths;
  readonly cwd: string;
  /** The process environment (CDK8S_OUTDIR, KUBECONFIG, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The charts commands that render pass to the pipeline; loaded on first use. */
  charts(): Promise<readonly ChartFactory[]>;
}

/** A CLI subcommand; `run` resolves to the exit code. */
export interface Command<S extends readonly OptionSpec[] = readonly OptionSpec[]> {
  readonly name: string;
  readonly summary: string;
  readonly options: S;
  /** Extra help text: exit codes, examples. */
  readonly details?: string;
  run(ctx: CommandContext<S>): Promise<ExitCode>;
}

/** A command whose `run` sees its own options typed, as its specs declare them. */
export function defineCommand<const S extends readonly OptionSpec[]>(command: Command<S>): Command<S> {
  return command;
}
