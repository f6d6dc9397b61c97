import { z } from 'zod';
import { JsonValue, Stage } from '../../lead/lead.schema.ts';
import type { Issue } from '../../validate/issue.ts';
import { makeIssue } from '../../validate/issue-codes.ts';
import type { NodeModule, NodeValidationContext } from '../node-module.ts';

const Names = z.array(z.string().min(1).max(100)).max(100).default([]);

export const UpdateConfig = z.object({
  /** New lifecycle stage; null = unchanged. */
  stage: Stage.nullable().default(null),
  /** Top-level attributes to set (a key with dots is one key, not a path). */
  setAttributes: z.record(z.string().min(1).max(200), JsonValue).default({}),
  unsetAttributes: Names,
  addTags: Names,
  removeTags: Names,
  /** Static lists (segments of kind `static`) to add the lead to or remove it from. */
  addToLists: Names,
  removeFromLists: Names,
});
export type UpdateConfig = z.infer<typeof UpdateConfig>;

function conflicts(
  added: readonly string[],
  removed: readonly string[],
  key: keyof UpdateConfig,
  nodeId: NodeValidationContext['node']['id'],
): Issue[] {
  const set = new Set(added);
  return removed
    .filter((value) => set.has(value))
    .map((value) =>
      makeIssue('update_conflict', 'error', { nodeId, path: ['config', key] }, { value }),
    );
}

function isEmpty(config: UpdateConfig): boolean {
  return (
    config.stage === null &&
    Object.keys(config.setAttributes).length === 0 &&
    [
      config.unsetAttributes,
      config.addTags,
      config.removeTags,
      config.addToLists,
      config.removeFromLists,
    ].every((list) => list.length === 0)
  );
}

export const updateNode = {
  type: 'update',
  label: { es: 'Actualizar lead', en: 'Update lead' },
  description: {
    es: 'Cambia la etapa, atributos o etiquetas del lead, o lo añade a una lista.',
    en: "Changes the lead's stage, attributes or tags, or adds it to a list.",
  },
  icon: 'pencil',
  category: 'data',
  configSchema: UpdateConfig,
  defaults: () => UpdateConfig.parse({}),
  action: 'update',
  channel: null,
  defaultCost: 0,
  allowedTriggers: ['auto', 'delay'],
  signals: () => [],
  validate(config, context) {
    const nodeId = context.node.id;
    const issues: Issue[] = [];
    if (isEmpty(config)) issues.push(makeIssue('update_empty', 'warning', { nodeId }));
    issues.push(...conflicts(config.addTags, config.removeTags, 'removeTags', nodeId));
    issues.push(...conflicts(config.addToLists, config.removeFromLists, 'removeFromLists', nodeId));
    const unset = new Set(config.unsetAttributes);
    for (const key of Object.keys(config.setAttributes)) {
      if (unset.has(key)) {
        const path = ['config', 'unsetAttributes'];
        issues.push(makeIssue('update_conflict', 'error', { nodeId, path }, { value: key }));
      }
    }
    if (context.knownSegments) {
      const known = new Set(context.knownSegments);
      for (const key of ['addToLists', 'removeFromLists'] as const) {
        config[key].forEach((list, index) => {
          if (known.has(list)) return;
          const path = ['config', key, index];
          issues.push(makeIssue('unknown_segment', 'error', { nodeId, path }, { segment: list }));
        });
      }
    }
    return issues;
  },
  applyUpdate(config, lead) {
    const attributes = { ...lead.attributes, ...config.setAttributes };
    for (const key of config.unsetAttributes) delete attributes[key];
    const removeTags = new Set(config.removeTags);
    const tags = [...new Set([...lead.tags, ...config.addTags])].filter((t) => !removeTags.has(t));
    const removeLists = new Set(config.removeFromLists);
    const lists = [...new Set([...lead.lists, ...config.addToLists])].filter(
      (l) => !removeLists.has(l),
    );
    return { ...lead, stage: config.stage ?? lead.stage, attributes, tags, lists };
  },
} satisfies NodeModule<UpdateConfig>;
