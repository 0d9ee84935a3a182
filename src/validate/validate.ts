import { Finding, sortFindings } from '../diagnostics/finding';
import { Inputs } from '../load/inputs';
import { withLines } from '../load/source-file';
import { DEFAULT_MANDATORY_TAGS } from '../model/project-config';
import { checkAccessPatterns } from './rules/access-patterns';
import { checkEnvironment, checkEnvironmentsUnique } from './rules/environment';
import { checkDuplicateIndexes, checkIndexes } from './rules/indexes';
import { checkFileName, checkNames, checkPhysicalNamesUnique, checkTableNamesUnique } from './rules/names';
import { checkFileNamesCase, checkObjectNamesUnique } from './rules/object-names';
import { checkKeysDeclared, checkKeyTypes } from './rules/table-keys';
import {
  checkCapacity, checkEnvironmentReferences, checkLegacyBackup, checkStreams, checkTags, checkTtl, TableRuleContext,
} from './rules/table-settings';

/** Every cross-field rule over parsed inputs. Pure: same inputs, same findings. */
export function validateInputs(inputs: Inputs): Finding[] {
  const mandatoryTags = inputs.project.value.mandatoryTags ?? [...DEFAULT_MANDATORY_TAGS];
  const ctx: TableRuleContext = { environments: inputs.environments, mandatoryTags };
  const tableRules = [
    checkKeyTypes, checkKeysDeclared, checkNames, checkFileName, checkIndexes, checkDuplicateIndexes,
    checkStreams, checkTtl, checkCapacity, checkEnvironmentReferences, checkTags, checkLegacyBackup, checkAccessPatterns,
  ];
  const findings: Finding[] = [
    ...inputs.schemas.flatMap((s) => tableRules.flatMap((rule) => rule(s, ctx))),
    ...checkTableNamesUnique(inputs.schemas),
    ...checkPhysicalNamesUnique(inputs.schemas, inputs.environments),
    ...checkObjectNamesUnique(inputs.schemas),
    ...checkFileNamesCase([...inputs.texts.keys()]),
    ...inputs.environments.flatMap((e) => checkEnvironment(e, mandatoryTags)),
    ...checkEnvironmentsUnique(inputs.environments),
  ];
  return findings;
}

/** Adds line numbers and sorts: the order users read findings in. */
export function finishFindings(findings: readonly Finding[], texts: ReadonlyMap<string, string>): Finding[] {
  return sortFindings(withLines(findings, texts));
}
