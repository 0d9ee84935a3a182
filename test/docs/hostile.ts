/**
 * Inputs whose free text holds every character that could break markdown or
 * Mermaid: pipes, backticks, angle brackets, emphasis markers, `#` and braces.
 */
import { RawInputs } from '../../src/model/inputs';
import { rawInputs, validTable } from '../validate/fixtures';

export function hostileInputs(): RawInputs {
  const t = validTable();
  t.tableName = 'odd_names.v2';
  t.description = 'Holds | pipes, `ticks`, <b>tags</b>, *stars* and _underscores_\nover two lines';
  t.primaryKey.partitionKey.pattern = 'ORDER#{orderId}|{region}';
  t.attributes[2].description = 'Pipe | in a cell, and a ``double`` tick';
  t.attributes[5].enum = ['A|B', '<x>', '`q`'];
  t.globalSecondaryIndexes[0].indexName = 'Customer-Index_1.v2';
  t.globalSecondaryIndexes[0].description = 'Quotes "here" & {braces} #hash';
  t.accessPatterns[1].index = 'Customer-Index_1.v2';
  t.accessPatterns[1].description = 'List | orders <fast>';
  t.accessPatterns[2].filter = 'attribute_not_exists(PK) OR a | b `c`';
  t.businessRules = ['Rule with | pipe and <tag>', { id: 'BR|2', description: '*emphasis* [link](x)' }];
  return rawInputs({ tables: [t] });
}
