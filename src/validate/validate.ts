import { Finding } from '../diagnostics/finding';
import { Inputs } from '../model/inputs';
import { DEFAULT_BACKUP_SELECTION_TAG_KEY, DEFAULT_MANDATORY_TAGS } from '../model/project-config';
import { checkAccessPatterns } from './rules/access-patterns';
import { checkAttributeNameLengths } from './rules/attribute-names';
import { checkCapacity } from './rules/capacity';
import { TableRuleContext } from './rules/context';
import { checkEnvironment, checkEnvironmentsUnique } from './rules/environment';
import { checkDuplicateIndexes, checkIndexes } from './rules/indexes';
import { checkFileName, checkNames, checkPhysicalNamesUnique, checkTableNamesUnique } from './rules/names';
import { checkFileNamesCase, checkObjectNamesUnique } from './rules/object-names';
import { checkPitr } from './rules/pitr';
import { checkKeysDeclared, checkKeySameAttribute, checkKeyTypes } from './rules/table-keys';
import { checkEnvironmentReferences, checkLegacyBackup, checkStreams, checkTtl } from './rules/table-settings';
import { checkEnvironmentTags, checkProjectTags, checkTableTags } from './rules/tags';

/** Every cross-field rule over parsed inputs. Pure: same inputs, same findings. */
export function validateInputs(inputs: Inputs): Finding[] {
  const project = inputs.project.value;
  const mandatoryTags = project.mandatoryTags ?? [...DEFAULT_MANDATORY_TAGS];
  const backupSelectionTagKey = project.backupSelectionTag?.key ?? DEFAULT_BACKUP_SELECTION_TAG_KEY;
  const ctx: TableRuleContext = { environments: inputs.environments, mandatoryTags, backupSelectionTagKey };
  const tableRules = [
    checkKeyTypes, checkKeysDeclared, checkKeySameAttribute, checkAttributeNameLengths, checkNames, checkFileName, checkIndexes,
    checkDuplicateIndexes, checkStreams, checkTtl, checkCapacity, checkPitr, checkEnvironmentReferences, checkTableTags, checkLegacyBackup,
    checkAccessPatterns,
  ];
  const findings: Finding[] = [
    ...inputs.schemas.flatMap((s) => tableRules.flatMap((rule) => rule(s, ctx))),
    ...checkTableNamesUnique(inputs.schemas),
    ...checkPhysicalNamesUnique(inputs.schemas, inputs.environments),
    ...checkObjectNamesUnique(inputs.schemas),
    ...checkFileNamesCase([...inputs.texts.keys()]),
    ...inputs.environments.flatMap((e) => [...checkEnvironment(e, mandatoryTags), ...checkEnvironmentTags(e, backupSelectionTagKey)]),
    ...checkEnvironmentsUnique(inputs.environments),
    ...checkProjectTags(inputs.project),
  ];
  return findings;
}
