import { UsageError } from '../diagnostics/usage-error';
import type { ChartFactory } from '../render/render';
import { locateProject, ProjectLocation } from '../load/project-location';
import { optionsHelp, parseOptions } from './args';
import { Command, GLOBAL_OPTIONS } from './command';
import { EXIT, ExitCode } from '../diagnostics/exit-codes';
import { COMMANDS } from './commands';
import { didYouMean } from '../diagnostics/did-you-mean';
import { packageVersion } from '../package-root';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /**
   * Environment variables.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The charts to render: tests render the subset they are about.
   * @default CHARTS, every chart charts/index.ts registers
   */
  readonly charts?: readonly ChartFactory[];
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'ddbops: DynamoDB tables as code, rendered for Crossplane v2 and Argo CD',
    '',
    'Usage: ddbops <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    optionsHelp(GLOBAL_OPTIONS),
    '',
    'Exit codes: 0 ok, 1 invalid input (or not ready / drift for status, keys left alone for patch-argocd-cm), 2 usage or environment error, 3 plan guard tripped.',
    'Run `ddbops <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return [
    `Usage: ddbops ${c.name} [options]`, '', c.summary, '', 'Options:', optionsHelp([...c.options, ...GLOBAL_OPTIONS]),
    ...(c.details ? ['', c.details] : []), '',
  ].join('\n');
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === 'help' || name === '-h') {
      io.stdout(usage());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version') {
      io.stdout(`${packageVersion()}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      const guess = didYouMean(name, COMMANDS.map((c) => c.name));
      throw new UsageError(`unknown command "${name}"`, guess ? `did you mean "${guess}"?` : 'run: ddbops --help');
    }
    const { options, positionals } = parseOptions(rest, [...command.options, ...GLOBAL_OPTIONS], name);
    if (options.help) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    if (options.version) {
      io.stdout(`${packageVersion()}\n`);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, `run: ddbops ${name} --help`);
    let location: ProjectLocation | undefined;
    const project = (): ProjectLocation => (location ??= locateProject({
      project: options.project,
      schemas: options.schemas,
      environments: options.environments,
    }, io.cwd));
    return await command.run({
      options,
      positionals,
      cwd: io.cwd,
      env: io.env ?? process.env,
      stdout: io.stdout,
      stderr: io.stderr,
      project,
      // Loaded on first use: validate and status never render, and cdk8s is most of a cold start.
      charts: async () => io.charts ?? (await import('../../charts')).CHARTS,
      get paths() {
        return project().paths;
      },
    });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n${e.hint ? `  fix: ${e.hint}\n` : ''}`);
      return EXIT.usage;
    }
    // A bug in ddbops, not in the input: one line, with a way to get the stack.
    io.stderr(`internal error: ${(e as Error)?.message ?? String(e)}\n  set DDBOPS_DEBUG=1 for a stack trace, and report it\n`);
    if (process.env.DDBOPS_DEBUG) io.stderr(`${(e as Error)?.stack}\n`);
    return EXIT.usage;
  }
}

