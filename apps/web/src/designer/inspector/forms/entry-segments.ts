import { type EntrySource, SegmentId, type SegmentSyncMode } from '@rumbo/flow';

type SegmentSource = Extract<EntrySource, { kind: 'segment' }>;
export type OtherSource = Exclude<EntrySource, { kind: 'segment' }>;

const isSegment = (source: EntrySource): source is SegmentSource => source.kind === 'segment';

/** The segment sources of an entry node, in document order. */
export function segmentSources(sources: readonly EntrySource[]): SegmentSource[] {
  return sources.filter(isSegment);
}

/** The sources that are not segments (event, date, API, manual), with their place kept. */
export function otherSources(
  sources: readonly EntrySource[],
): { source: OtherSource; index: number }[] {
  return sources.flatMap((source, index) => (source.kind === 'segment' ? [] : [{ source, index }]));
}

/**
 * Picks or drops a segment. Picking adds one segment source at the end (not continuous, as
 * the blank source was); picking one already there, or dropping one that is not, changes
 * nothing, so the store records no empty undo step.
 */
export function withSegment(
  sources: readonly EntrySource[],
  segmentId: string,
  picked: boolean,
): EntrySource[] {
  const present = sources.some((s) => isSegment(s) && s.segmentId === segmentId);
  if (picked === present) return [...sources];
  if (!picked) return sources.filter((s) => !(isSegment(s) && s.segmentId === segmentId));
  const id = SegmentId.safeParse(segmentId);
  if (!id.success) return [...sources];
  return [...sources, { kind: 'segment', segmentId: id.data, continuous: false, syncMode: 'new' }];
}

/** Sets "keep adding leads who join later" on one picked segment. */
export function withContinuous(
  sources: readonly EntrySource[],
  segmentId: string,
  continuous: boolean,
): EntrySource[] {
  return sources.map((s) => (isSegment(s) && s.segmentId === segmentId ? { ...s, continuous } : s));
}

/** Sets which matches a continuous segment's re-sync enrols (new, modified, all). */
export function withSyncMode(
  sources: readonly EntrySource[],
  segmentId: string,
  syncMode: SegmentSyncMode,
): EntrySource[] {
  return sources.map((s) => (isSegment(s) && s.segmentId === segmentId ? { ...s, syncMode } : s));
}

/**
 * Segment ids the document names that the workspace does not have (deleted, or a template
 * from another workspace), so the form can say "segment not found" instead of hiding them.
 */
export function unknownSegmentIds(
  sources: readonly EntrySource[],
  known: readonly { id: string }[],
): string[] {
  const ids = new Set(known.map((k) => k.id));
  return [...new Set(segmentSources(sources).map((s) => s.segmentId))].filter((id) => !ids.has(id));
}
