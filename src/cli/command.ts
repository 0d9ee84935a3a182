import { InputPaths } from '../load/read-inputs';
import { OptionSpec, ParsedOptions } from './args';

export interface CommandContext {
  readonly options: ParsedOptions;
  readonly positionals: readonly string[];
  readonly paths: InputPaths;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
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

export const FORMAT_OPTION: OptionSpec = { name: 'format', value: 'FORMAT', choices: ['text', 'json'], description: 'Output format. @default text' };
