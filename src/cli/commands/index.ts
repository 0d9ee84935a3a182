import { Command } from '../command';
import { docsCommand } from './docs';
import { jsonSchemaCommand } from './json-schema';
import { patchArgoCdCmCommand } from './patch-argocd-cm';
import { planCommand } from './plan';
import { statusCommand } from './status';
import { synthCommand } from './synth';
import { validateCommand } from './validate';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  synthCommand,
  planCommand,
  statusCommand,
  docsCommand,
  jsonSchemaCommand,
  patchArgoCdCmCommand,
];
