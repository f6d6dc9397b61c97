import { type FlowDocument, type Issue, validateFlow } from '@rumbo/flow';
import { useEffect, useState } from 'react';

/** Light debounce: typing stays smooth, badges follow within a blink. */
const DEBOUNCE_MS = 120;
const NO_ISSUES: readonly Issue[] = [];

/** Runs the shared validator on every change of the document, lightly debounced. */
export function useValidation(document: FlowDocument): readonly Issue[] {
  const [issues, setIssues] = useState<readonly Issue[]>(() => validateFlow(document).issues);
  useEffect(() => {
    const timer = setTimeout(() => setIssues(validateFlow(document).issues), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [document]);
  return issues.length === 0 ? NO_ISSUES : issues;
}
