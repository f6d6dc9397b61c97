import type { CallNodeQueue, VersionCounts } from '@rumbo/flow';
import type { FlowOverlay } from '../flow-view/flow-overlay.ts';

/** Translated words for a count (`(n) => t('overlay.failed', {count: n, n: format(n)})`). */
export type OverlayWord = 'waiting' | 'entered' | 'failed' | 'converted' | 'queued' | 'snoozed';
export interface OverlayWords {
  count: (word: OverlayWord, n: number) => string;
  /** "entraron" / "entró": the word after the entered figure, agreeing with it. */
  enteredShort: (n: number) => string;
}

/**
 * The live counters of one version in the canvas overlay's shape: per node the leads there now
 * (primary), entered in total (secondary), failed, converted and the call queue as badges and
 * tooltip lines; per transition how many passed (edge label and width).
 */
export function overlayFromCounts(
  counts: VersionCounts | undefined,
  calls: readonly CallNodeQueue[],
  words: OverlayWords,
): FlowOverlay {
  const overlay: FlowOverlay = { nodes: {}, transitions: {} };
  for (const node of counts?.nodes ?? []) {
    const badges: NonNullable<FlowOverlay['nodes'][string]['badges']> = [];
    if (node.failed > 0) badges.push({ text: words.count('failed', node.failed), tone: 'danger' });
    if (node.converted > 0) {
      badges.push({ text: words.count('converted', node.converted), tone: 'success' });
    }
    overlay.nodes[node.nodeId] = {
      primary: node.waiting,
      secondary: { value: node.entered, label: words.enteredShort(node.entered) },
      details: [
        words.count('waiting', node.waiting),
        words.count('entered', node.entered),
        words.count('failed', node.failed),
        words.count('converted', node.converted),
      ],
      badges,
    };
  }
  for (const queue of calls) {
    const existing = overlay.nodes[queue.nodeId] ?? { primary: 0, details: [], badges: [] };
    const badges = [...(existing.badges ?? [])];
    if (queue.queuedForTomorrow > 0) {
      badges.push({ text: words.count('queued', queue.queuedForTomorrow), tone: 'warning' });
    }
    if (queue.snoozed > 0)
      badges.push({ text: words.count('snoozed', queue.snoozed), tone: 'info' });
    overlay.nodes[queue.nodeId] = { ...existing, badges };
  }
  for (const t of counts?.transitions ?? []) overlay.transitions[t.transitionId] = t.passed;
  return overlay;
}
