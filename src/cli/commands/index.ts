import { Command } from '../command';
import { synthCommand } from './synth';
import { validateCommand } from './validate';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  synthCommand,
];
