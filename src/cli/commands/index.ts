import { Command } from '../command';
import { docsCommand } from './docs';
import { planCommand } from './plan';
import { synthCommand } from './synth';
import { validateCommand } from './validate';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  synthCommand,
  planCommand,
  docsCommand,
];
