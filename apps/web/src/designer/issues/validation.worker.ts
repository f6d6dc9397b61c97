/// <reference lib="webworker" />
import { validateFlow } from '@rumbo/flow';
import type { ValidationReply, ValidationRequest } from './validation-protocol.ts';

/**
 * Runs the shared validator off the main thread: at 200 steps a pass cost the opening render
 * about 85 ms of main-thread time (before the first paint), and every edit a little.
 */
self.onmessage = (event: MessageEvent<ValidationRequest>) => {
  const { id, document } = event.data;
  const reply: ValidationReply = { id, issues: validateFlow(document).issues };
  self.postMessage(reply);
};
