import { describe, expect, it } from 'vitest';
import { FlowDocument } from './document/flow.schema.ts';
import { NodeId } from './ids.ts';

describe('ids', () => {
  it('accepts letters, digits and _ . : -', () => {
    expect(NodeId.safeParse('email-1.a_b:c').success).toBe(true);
  });

  it('refuses spaces, empty strings and over-long ids', () => {
    expect(NodeId.safeParse('con espacio').success).toBe(false);
    expect(NodeId.safeParse('').success).toBe(false);
    expect(NodeId.safeParse('x'.repeat(65)).success).toBe(false);
  });

  it('refuses __proto__, which would vanish from the layout record', () => {
    const parsed = NodeId.safeParse('__proto__');
    expect(parsed.success).toBe(false);
    const document = FlowDocument.safeParse({
      schemaVersion: 1,
      settings: { code: 'X1', name: 'x' },
      nodes: [{ id: '__proto__', type: 'exit', name: 'Fin' }],
      transitions: [],
    });
    expect(document.success).toBe(false);
    expect(document.error?.issues[0]?.path).toEqual(['nodes', 0, 'id']);
  });
});
