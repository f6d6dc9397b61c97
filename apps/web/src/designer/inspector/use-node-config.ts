import type { FlowNode } from '@rumbo/flow';
import { useMemo } from 'react';
import type { z } from 'zod';
import { useEditor } from '../editor/editor-context.tsx';

export interface NodeConfigForm<T> {
  config: T;
  /** The stored config did not match the type's schema; the form shows the defaults. */
  broken: boolean;
  /**
   * Merges a change into the config; edits of the same field merge into one undo step.
   * A change the schema rejects is not stored (false), so the inspector can never write a
   * config that the validator and the server would refuse to read.
   */
  set(patch: Partial<T>, field: string): boolean;
}

/**
 * Reads a node's config through its type's schema (the same schema the validator and the
 * server use) and writes changes back through the store, so every edit is undoable.
 */
export function useNodeConfig<T extends object>(
  node: FlowNode,
  schema: z.ZodType<T>,
): NodeConfigForm<T> {
  const updateNode = useEditor((s) => s.updateNode);
  const parsed = useMemo(() => {
    const result = schema.safeParse(node.config);
    if (result.success) return { config: result.data, broken: false };
    return { config: schema.parse({}), broken: true };
  }, [node.config, schema]);
  return {
    ...parsed,
    set(patch, field) {
      const next = schema.safeParse({ ...parsed.config, ...patch });
      if (!next.success) return false;
      updateNode(
        node.id,
        { config: toRecord(next.data) },
        { coalesce: `${node.id}:config.${field}` },
      );
      return true;
    },
  };
}

export function toRecord(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value));
}
