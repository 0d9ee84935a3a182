import { didYouMean } from '../diagnostics/did-you-mean';
import { UsageError } from '../diagnostics/usage-error';

export interface OptionSpec {
  /** Long name without dashes, e.g. `format`. */
  readonly name: string;
  /** Placeholder for the value; absent for a boolean flag. */
  readonly value?: string;
  /** Allowed values, when the set is closed. */
  readonly choices?: readonly string[];
  readonly description: string;
  /**
   * What applies when the option is not given, as `--help` shows it.
   * @default none
   */
  readonly default?: string;
  /**
   * Values accepted besides `choices`, mapped to the choice they mean (kept for old scripts).
   * @default none
   */
  readonly aliases?: Readonly<Record<string, string>>;
}

/** What one option parses to: one of its choices, a string, or true for a flag. */
type OptionValue<S extends OptionSpec> = S extends { readonly value: string }
  ? S extends { readonly choices: readonly (infer C)[] } ? C : string
  : true;

/** The options a command's specs declare, by name; absent when not given. */
export type OptionValues<S extends readonly OptionSpec[]> = { readonly [O in S[number] as O['name']]?: OptionValue<O> };

/** Parses `--name value`, `--name=value` and `--flag`; rejects anything unknown with a suggestion. */
export function parseOptions<const S extends readonly OptionSpec[]>(argv: readonly string[], specs: S, command: string): { options: OptionValues<S>; positionals: string[] } {
  const options: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      const guess = didYouMean(name, specs.map((s) => s.name));
      throw new UsageError(`unknown option --${name} for ${command}`, guess ? `did you mean --${guess}?` : `run: ddbops ${command} --help`);
    }
    if (spec.value === undefined) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value (${spec.value})`);
    const meant = spec.aliases?.[value] ?? value;
    if (spec.choices && !spec.choices.includes(meant)) {
      throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}, not "${value}"`);
    }
    options[name] = meant;
  }
  // Every key set above is a spec's name, with a value of its kind: the one place the record meets its type.
  return { options: options as OptionValues<S>, positionals };
}

export function optionsHelp(specs: readonly OptionSpec[]): string {
  const rows = specs.map((s) => [
    `--${s.name}${s.value ? ` ${s.value}` : ''}`,
    [s.description, s.choices ? `one of ${s.choices.join(', ')}` : '', s.default ? `default: ${s.default}` : ''].filter(Boolean).join('; '),
  ]);
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join('\n');
}
