import { ENGAGEMENT_CHANNELS, isEngagementSignal } from '../../catalogue/signals.ts';
import type { FlowGraph } from '../flow-graph.ts';
import { reachable } from '../flow-graph.ts';
import type { Issue } from '../issue.ts';
import { makeIssue } from '../issue-codes.ts';

/**
 * An engagement signal (`opened`, `clicked`, …) waited for at a node that does not send that
 * kind of message means "any earlier message": a lead that reached the node on a path with
 * no such message would wait in vain. Some paths: a warning; every path: an error.
 */
export function checkEngagement(graph: FlowGraph): Issue[] {
  const issues: Issue[] = [];
  const fromEntries = reachable(graph, graph.entries);
  // One pair of searches per channel set, however many transitions share it.
  const memo = new Map<string, { without: Set<string>; after: Set<string> }>();
  const searches = (channels: readonly string[]) => {
    const key = channels.join(',');
    const cached = memo.get(key);
    if (cached) return cached;
    const sends = (id: string) => {
      const module = graph.modules.get(id);
      return (
        module?.action === 'send' && module.channel !== null && channels.includes(module.channel)
      );
    };
    const without = reachable(graph, graph.entries, sends);
    const senders = [...fromEntries].filter(sends);
    const after = reachable(
      graph,
      senders.flatMap((id) => (graph.outgoing.get(id) ?? []).map((t) => t.target)),
    );
    const result = { without, after };
    memo.set(key, result);
    return result;
  };
  for (const t of graph.transitions) {
    if (t.trigger.kind !== 'signal' || !isEngagementSignal(t.trigger.signal)) continue;
    const signal = t.trigger.signal;
    const module = graph.modules.get(t.source);
    const config = graph.configs.get(t.source);
    // A source whose config did not parse is already reported; its signals are unknown.
    if (!module || config === undefined || !fromEntries.has(t.source)) continue;
    if (module.signals(config).includes(signal)) continue;
    const channels = ENGAGEMENT_CHANNELS[signal];
    const { without, after } = searches(channels);
    if (!without.has(t.source)) continue;
    const severity = after.has(t.source) ? 'warning' : 'error';
    const params = {
      signal,
      channels: [...channels],
      paths: severity === 'error' ? 'all' : 'some',
    };
    issues.push(
      makeIssue(
        'engagement_without_message',
        severity,
        { nodeId: t.source, transitionId: t.id },
        params,
      ),
    );
  }
  return issues;
}
