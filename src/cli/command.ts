import { InputPaths } from '../load/read-inputs';
import { ProjectLocation } from '../load/project-location';
import type { ChartFactory } from '../render/render';
import { OptionSpec, ParsedOptions } from './args';

export interface CommandContext {
  readonly options: ParsedOptions;
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
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  /** Extra help text: exit codes, examples. */
  readonly details?: string;
  run(ctx: CommandContext): Promise<number>;
}

export const EXIT = {
  ok: 0,
  invalid: 1,
  usage: 2,
  guard: 3,
} as const;

export const FORMAT_OPTION: OptionSpec = { name: 'format', value: 'FORMAT', choices: ['text', 'json'], description: 'Output format', default: 'text' };
