import type { NodeId, TransitionId } from '../ids.ts';
import type { Issue, Locale, Localised } from '../validate/issue.ts';

/** Codes of the problems that stop a simulation before it runs, with their messages. */
export const SIMULATION_ISSUE_MESSAGES = {
  sim_no_entry: {
    es: 'El flujo no tiene un nodo de entrada desde el que simular.',
    en: 'The flow has no entry node to simulate from.',
  },
  sim_options_invalid: {
    es: 'Las opciones de la simulación no son válidas: {detail}.',
    en: 'The simulation options are not valid: {detail}.',
  },
  sim_node_invalid: {
    es: 'El nodo no se puede simular: tipo desconocido o configuración no válida.',
    en: 'The node cannot be simulated: unknown type or invalid settings.',
  },
  sim_transition_dangling: {
    es: 'La transición une nodos que no existen.',
    en: 'The transition joins nodes that do not exist.',
  },
  sim_assumption_invalid: {
    es: 'Supuesto no válido: {detail}.',
    en: 'Invalid assumption: {detail}.',
  },
  sim_outcomes_over_100: {
    es: 'Los resultados de este nodo se excluyen entre sí y sus probabilidades suman {percent} %, más de 100 %.',
    en: 'The outcomes of this node exclude each other and their probabilities add up to {percent}%, over 100%.',
  },
  sim_condition_invalid: {
    es: 'La condición no se puede evaluar: {detail}.',
    en: 'The condition cannot be evaluated: {detail}.',
  },
  sim_cancelled: { es: 'La simulación se canceló.', en: 'The simulation was cancelled.' },
} as const satisfies Record<string, Localised>;

export type SimulationIssueCode = keyof typeof SIMULATION_ISSUE_MESSAGES;

export function simulationIssue(
  code: SimulationIssueCode,
  location: { nodeId?: NodeId; transitionId?: TransitionId; path?: (string | number)[] },
  params: Issue['params'] = {},
): Issue {
  const issue: Issue = { code, severity: 'error', params };
  if (location.nodeId !== undefined) issue.nodeId = location.nodeId;
  if (location.transitionId !== undefined) issue.transitionId = location.transitionId;
  if (location.path !== undefined) issue.path = location.path;
  return issue;
}

/** The message of a simulation issue in the given language, with its parameters filled in. */
export function simulationIssueMessage(issue: Issue, locale: Locale): string | null {
  const code = issue.code;
  if (!isSimulationIssueCode(code)) return null;
  const template: string = SIMULATION_ISSUE_MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(issue.params[name] ?? ''));
}

export function isSimulationIssueCode(code: string): code is SimulationIssueCode {
  return Object.hasOwn(SIMULATION_ISSUE_MESSAGES, code);
}
