import { assertNever, isNodeType } from '@rumbo/flow';
import { useDesignerT } from '../editor/editor-context.tsx';
import type { NodeFormProps } from './form-props.ts';
import { BranchForm } from './forms/branch.form.tsx';
import { CallForm } from './forms/call.form.tsx';
import { EmailForm } from './forms/email.form.tsx';
import { ExitForm, GoalForm, NoteForm } from './forms/end.forms.tsx';
import { EntryForm } from './forms/entry.form.tsx';
import { SmsForm } from './forms/sms.form.tsx';
import { SplitForm } from './forms/split.form.tsx';
import { UpdateForm } from './forms/update.form.tsx';
import { WaitForm } from './forms/wait.form.tsx';
import { WebhookForm } from './forms/webhook.form.tsx';

/** The config form of the node's type. */
export function NodeForm(props: NodeFormProps) {
  const { t } = useDesignerT();
  const type = props.node.type;
  if (!isNodeType(type))
    return <p className="notice notice--warning">{t('inspector.unknownType', { type })}</p>;
  switch (type) {
    case 'entry':
      return <EntryForm {...props} />;
    case 'email':
      return <EmailForm {...props} />;
    case 'sms':
      return <SmsForm {...props} />;
    case 'call':
      return <CallForm {...props} />;
    case 'wait':
      return <WaitForm {...props} />;
    case 'branch':
      return <BranchForm {...props} />;
    case 'split':
      return <SplitForm {...props} />;
    case 'update':
      return <UpdateForm {...props} />;
    case 'webhook':
      return <WebhookForm {...props} />;
    case 'goal':
      return <GoalForm {...props} />;
    case 'exit':
      return <ExitForm {...props} />;
    case 'note':
      return <NoteForm {...props} />;
    default:
      return assertNever(type, 'node type');
  }
}
