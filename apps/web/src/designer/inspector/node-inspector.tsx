import {
  type FlowNode,
  hasStalePolicy,
  type Issue,
  issueMessage,
  transitionLabel,
} from '@rumbo/flow';
import { formatMoney } from '../canvas/flow-node.tsx';
import { NodeGlyph } from '../canvas/node-glyph.tsx';
import { moduleFor } from '../catalogue/designer-catalogue.ts';
import { useDesignerT, useEditor } from '../editor/editor-context.tsx';
import { keyedIssues } from '../issues/issue-key.ts';
import { ConnectMenu } from './connect-menu.tsx';
import { NumberField, TextField } from './fields.tsx';
import { NodeForm } from './node-form.tsx';
import { StalePolicyField } from './stale-policy-field.tsx';

const COSTLESS = new Set(['entry', 'note', 'goal', 'exit']);

/** Everything about one node: name, cost, its type's settings, its connections. */
export function NodeInspector({ node, issues }: { node: FlowNode; issues: readonly Issue[] }) {
  const { t, locale } = useDesignerT();
  const updateNode = useEditor((s) => s.updateNode);
  const select = useEditor((s) => s.select);
  const duplicate = useEditor((s) => s.duplicate);
  const deleteSelection = useEditor((s) => s.deleteSelection);
  const currency = useEditor((s) => s.document.settings.currency);
  const transitions = useEditor((s) => s.document.transitions);
  const nodes = useEditor((s) => s.document.nodes);
  const module = moduleFor(node.type);
  const own = issues.filter((i) => i.nodeId === node.id);
  const outgoing = transitions.filter((x) => x.source === node.id);
  return (
    <section className="inspector" aria-labelledby="inspector-title">
      <p className="inspector__type">
        <NodeGlyph icon={module?.icon} type={node.type} /> {module?.label[locale] ?? node.type}
      </p>
      <h2 id="inspector-title" className="panel-title" tabIndex={-1}>
        {node.name || t('node.unnamed')}
      </h2>
      {module && <p className="inspector__summary">{module.description[locale]}</p>}
      {own.length > 0 && (
        <ul className="inspector__issues">
          {keyedIssues(own).map(({ key, issue }) => (
            <li key={key} className={`issue-line issue-line--${issue.severity}`}>
              {issueMessage(issue, locale)}
            </li>
          ))}
        </ul>
      )}
      <TextField
        label={t('inspector.name')}
        value={node.name}
        onChange={(name) =>
          updateNode(node.id, { name: name.slice(0, 120) }, { coalesce: `${node.id}:name` })
        }
      />
      {!COSTLESS.has(node.type) && (
        <NumberField
          label={t('inspector.cost', { currency })}
          hint={t('inspector.costHint', {
            cost: formatMoney(module?.defaultCost ?? 0, currency, locale),
          })}
          min={0}
          step={0.001}
          value={node.cost}
          placeholder={(module?.defaultCost ?? 0).toLocaleString(locale)}
          onChange={(cost) =>
            updateNode(
              node.id,
              { cost: cost === undefined ? null : Math.max(0, cost) },
              { coalesce: `${node.id}:cost` },
            )
          }
        />
      )}
      <NodeForm node={node} issues={own} />
      {hasStalePolicy(node.type) && <StalePolicyField node={node} />}
      {outgoing.length > 0 && (
        <section className="inspector__section" aria-label={t('inspector.outgoing')}>
          <h3>{t('inspector.outgoing')}</h3>
          <ul className="link-list">
            {outgoing.map((x) => (
              <li key={x.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => select({ transitionIds: [x.id] })}
                >
                  {x.label ?? transitionLabel(x, node, locale)} →{' '}
                  {nodes.find((n) => n.id === x.target)?.name ?? '?'}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ConnectMenu node={node} />
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={duplicate}>
          {t('actions.duplicate')}
        </button>
        <button type="button" className="button button--danger" onClick={deleteSelection}>
          {t('actions.delete')}
        </button>
      </div>
    </section>
  );
}
