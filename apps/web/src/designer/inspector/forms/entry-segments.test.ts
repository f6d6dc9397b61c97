import { EntryConfig, type EntrySource } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import {
  otherSources,
  segmentSources,
  unknownSegmentIds,
  withContinuous,
  withSegment,
  withSyncMode,
} from './entry-segments.ts';

const A = '0b7c6f1e-1111-4a4a-8a8a-000000000001';
const B = '0b7c6f1e-1111-4a4a-8a8a-000000000002';

const sources = (raw: unknown[]): EntrySource[] => EntryConfig.parse({ sources: raw }).sources;

describe('entry segment picker', () => {
  it('picks two segments as two segment sources the entry schema accepts', () => {
    const picked = withSegment(withSegment([], A, true), B, true);
    expect(segmentSources(picked).map((s) => s.segmentId)).toEqual([A, B]);
    expect(EntryConfig.safeParse({ sources: picked }).success).toBe(true);
  });

  it('drops a segment and keeps the other sources and their order', () => {
    const start = sources([
      { kind: 'event', event: 'signed_up' },
      { kind: 'segment', segmentId: A, continuous: true },
      { kind: 'api' },
    ]);
    const dropped = withSegment(start, A, false);
    expect(dropped.map((s) => s.kind)).toEqual(['event', 'api']);
    expect(otherSources(start).map((o) => o.index)).toEqual([0, 2]);
  });

  it('changes nothing when a picked segment is picked again or an absent one dropped', () => {
    const start = withSegment([], A, true);
    expect(withSegment(start, A, true)).toEqual(start);
    expect(withSegment(start, B, false)).toEqual(start);
  });

  it('sets continuous only on the segment asked for', () => {
    const both = withSegment(withSegment([], A, true), B, true);
    const changed = withContinuous(both, B, true);
    expect(segmentSources(changed).map((s) => s.continuous)).toEqual([false, true]);
  });

  it('sets the re-sync mode only on the segment asked for; a new pick counts new leads only', () => {
    const both = withSegment(withSegment([], A, true), B, true);
    const changed = withSyncMode(both, A, 'modified');
    expect(segmentSources(changed).map((s) => s.syncMode)).toEqual(['modified', 'new']);
  });

  it('names the ids in the document that the workspace has no segment for, once each', () => {
    const doc = sources([
      { kind: 'segment', segmentId: A, continuous: false },
      { kind: 'segment', segmentId: 'seg-template', continuous: false },
      { kind: 'segment', segmentId: 'seg-template', continuous: true },
    ]);
    expect(unknownSegmentIds(doc, [{ id: A }])).toEqual(['seg-template']);
    expect(unknownSegmentIds(doc, [])).toEqual([A, 'seg-template']);
  });
});
