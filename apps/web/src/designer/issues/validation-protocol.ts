import type { FlowDocument, Issue } from '@rumbo/flow';

/** One validation pass asked of the worker; `id` orders the answers (only the latest counts). */
export interface ValidationRequest {
  id: number;
  document: FlowDocument;
}

export interface ValidationReply {
  id: number;
  issues: Issue[];
}
