import { Loaded } from '../../model/inputs';
import { Environment } from '../../model/environment';

/** What a table rule may know besides the table: the project's settings and every environment. */
export interface TableRuleContext {
  readonly environments: readonly Loaded<Environment>[];
  readonly mandatoryTags: readonly string[];
  /** Key of the tag that puts a table into its environment's backup plan. */
  readonly backupSelectionTagKey: string;
}
