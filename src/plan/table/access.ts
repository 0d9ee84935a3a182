import { change } from '../change';
import { jsonEqual } from '../../json/json';
import { Change } from '../types';
import { TableTopic } from './topic';

/** Encryption key and the ProviderConfig Crossplane reaches the account with. */
export const accessTopic: TableTopic = {
  fields: ['encryption', 'providerConfigName'],
  classify(base, head) {
    const out: Change[] = [];
    if (!jsonEqual(base.encryption, head.encryption)) {
      out.push(change(`encryption ${key(base.encryption)} → ${key(head.encryption)}: DynamoDB switches the key in place, with the table available`));
    }
    if (base.providerConfigName !== head.providerConfigName) {
      out.push(change(`ProviderConfig ${base.providerConfigName ?? '(default)'} → ${head.providerConfigName ?? '(default)'}: Crossplane reaches AWS through another role`));
    }
    return out;
  },
};

function key(e: { readonly type: string; readonly kmsKeyArn?: string } | undefined): string {
  if (!e) return 'aws-managed';
  return e.kmsKeyArn ? `${e.type} (${e.kmsKeyArn})` : e.type;
}
