import { getNodeModule, isNodeType } from '../catalogue/registry.ts';
import { TRIGGER_KINDS, type TriggerKind } from '../document/flow.schema.ts';
import { signalName } from '../labels/signal-names.ts';
import { isSegmentIssueCode, segmentIssueMessage } from '../segment/segment-issues.ts';
import { simulationIssueMessage } from '../simulate/simulation-issues.ts';
import type { Issue, Locale, Localised } from './issue.ts';
import type { IssueCode } from './issue-codes.ts';

/**
 * One message per code in Spanish and English. `{name}` is replaced by the issue's param of
 * that name (lists joined), `{at}` by the issue's path. Messages say what is wrong and, where
 * it is not obvious, what to do.
 */
export const ISSUE_MESSAGES: Record<IssueCode, Localised> = {
  document_not_object: {
    es: 'El documento no es un flujo: se esperaba un objeto JSON.',
    en: 'The document is not a flow: a JSON object was expected.',
  },
  document_too_deep: {
    es: 'El documento está anidado a más de {maxDepth} niveles en {at}.',
    en: 'The document is nested more than {maxDepth} levels deep at {at}.',
  },
  document_too_large: {
    es: 'El documento es demasiado grande para validarlo.',
    en: 'The document is too large to validate.',
  },
  schema_version_unsupported: {
    es: 'Versión de esquema {version} no admitida (la actual es {current}).',
    en: 'Schema version {version} is not supported (the current one is {current}).',
  },
  schema_invalid: { es: 'Valor no válido en {at}.', en: 'Invalid value at {at}.' },
  too_many_issues: {
    es: 'Hay {dropped} problemas más que no se muestran.',
    en: '{dropped} more problems are not shown.',
  },
  internal_error: {
    es: 'No se pudo validar el flujo por un error interno.',
    en: 'The flow could not be validated because of an internal error.',
  },
  unknown_node_type: {
    es: 'Tipo de paso desconocido: «{type}».',
    en: 'Unknown step type: “{type}”.',
  },
  duplicate_node_id: {
    es: 'El id de paso «{id}» está repetido.',
    en: 'The step id “{id}” is used twice.',
  },
  duplicate_transition_id: {
    es: 'El id de transición «{id}» está repetido.',
    en: 'The transition id “{id}” is used twice.',
  },
  dangling_transition: {
    es: 'La transición apunta a un paso que no existe ({end}: «{node}»).',
    en: 'The transition points to a step that does not exist ({end}: “{node}”).',
  },
  config_invalid: {
    es: 'Configuración no válida en {at}.',
    en: 'Invalid configuration at {at}.',
  },
  invalid_cost: {
    es: 'El coste debe ser un número finito y no negativo (es {value}).',
    en: 'The cost must be a finite, non-negative number (it is {value}).',
  },
  stale_policy_ignored: {
    es: 'Un paso «{type}» no envía nada: su política de envíos atrasados no se aplica.',
    en: 'A “{type}” step sends nothing: its late-send policy does not apply.',
  },
  no_entry: {
    es: 'El flujo no tiene ninguna entrada: ningún lead podría empezar.',
    en: 'The flow has no entry: no lead could start.',
  },
  unreachable_node: {
    es: 'Ningún lead puede llegar a este paso desde una entrada.',
    en: 'No lead can reach this step from an entry.',
  },
  dead_end: {
    es: 'Este paso no tiene salida: los leads se quedarían aquí. Añade una transición o termina con Objetivo o Salida.',
    en: 'This step has no way out: leads would stay here. Add a transition or end with a Goal or Exit.',
  },
  terminal_has_outgoing: {
    es: 'Un paso «{type}» termina el recorrido y no puede tener transiciones de salida.',
    en: 'A “{type}” step ends the journey and cannot have outgoing transitions.',
  },
  transition_into_entry: {
    es: 'Una transición no puede volver a una entrada.',
    en: 'A transition cannot lead back into an entry.',
  },
  note_connected: {
    es: 'Las notas no se ejecutan y no pueden tener transiciones.',
    en: 'Notes are never executed and cannot have transitions.',
  },
  trigger_not_allowed: {
    es: 'Un paso «{type}» no admite transiciones «{trigger}».',
    en: 'A “{type}” step does not allow “{trigger}” transitions.',
  },
  multiple_auto: {
    es: 'Solo puede haber una transición inmediata o con retraso.',
    en: 'There can be only one immediate or delayed transition.',
  },
  multiple_timeout: {
    es: 'Solo puede haber una transición por tiempo de espera agotado.',
    en: 'There can be only one timeout transition.',
  },
  duplicate_signal: {
    es: 'Ya hay otra transición para la señal «{signal}» en este paso.',
    en: 'Another transition already waits for the “{signal}” signal on this step.',
  },
  signal_not_allowed: {
    es: 'La señal «{signal}» no puede llegar a un paso «{type}».',
    en: 'The “{signal}” signal cannot reach a “{type}” step.',
  },
  link_without_click: {
    es: 'Solo la señal «Hizo clic en el enlace» puede indicar un enlace (aquí: «{signal}»).',
    en: 'Only the “Clicked the link” signal can name a link (here: “{signal}”).',
  },
  unknown_link: {
    es: 'El enlace «{link}» no está en el mensaje.',
    en: 'The link “{link}” is not in the message.',
  },
  cycle_without_wait: {
    es: 'Bucle sin espera: {path}. Los leads girarían sin parar; añade una espera, un retraso o una señal.',
    en: 'Loop without a wait: {path}. Leads would spin forever; add a wait, a delay or a signal.',
  },
  waiting_without_timeout: {
    es: 'Este paso espera señales sin tiempo límite: los leads podrían esperar hasta que acabe la campaña.',
    en: 'This step waits for signals without a timeout: leads may wait until the campaign ends.',
  },
  engagement_without_message: {
    es: 'La señal «{signal}» necesita antes un mensaje ({channels}) en todos los caminos, y falta en {paths}.',
    en: 'The “{signal}” signal needs a message ({channels}) before it on every path; it is missing on {paths}.',
  },
  condition_never_holds: {
    es: 'Esta condición nunca se cumple: se contradice en «{subject}».',
    en: 'This condition can never hold: it contradicts itself on “{subject}”.',
  },
  duplicate_condition_order: {
    es: 'Dos condiciones tienen el mismo orden ({order}); se evaluarán en el orden del documento.',
    en: 'Two conditions share the order {order}; they will be tried in document order.',
  },
  unknown_merge_field: {
    es: 'El campo «{field}» no existe en los leads de este espacio.',
    en: 'The field “{field}” does not exist on this workspace’s leads.',
  },
  unclosed_merge_field: {
    es: 'Hay un campo de combinación sin cerrar («{{» sin «}}»).',
    en: 'A merge field is not closed (“{{” without “}}”).',
  },
  unknown_segment: {
    es: 'El segmento o lista «{segment}» no existe.',
    en: 'The segment or list “{segment}” does not exist.',
  },
  validity_period_empty: {
    es: 'La campaña termina ({validTo}) antes de empezar ({validFrom}).',
    en: 'The campaign ends ({validTo}) before it starts ({validFrom}).',
  },
  budget_below_fixed_cost: {
    es: 'El tope de presupuesto ({budgetCap}) no cubre ni el coste fijo ({fixedCost}): no se enviaría nada.',
    en: 'The budget cap ({budgetCap}) does not even cover the fixed cost ({fixedCost}): nothing would be sent.',
  },
  entry_without_source: {
    es: 'La entrada no tiene origen: elige un segmento, un evento, una fecha o la API.',
    en: 'The entry has no source: choose a segment, an event, a date or the API.',
  },
  email_subject_missing: { es: 'El email no tiene asunto.', en: 'The email has no subject.' },
  message_body_missing: { es: 'El mensaje está vacío.', en: 'The message is empty.' },
  invalid_url: {
    es: 'La URL «{url}» no es válida: debe empezar por http:// o https://.',
    en: 'The URL “{url}” is not valid: it must start with http:// or https://.',
  },
  invalid_email_address: {
    es: 'La dirección «{address}» no es un email válido.',
    en: 'The address “{address}” is not a valid email.',
  },
  duplicate_link: {
    es: 'El id de enlace «{link}» está repetido.',
    en: 'The link id “{link}” is used twice.',
  },
  sms_too_long: {
    es: 'El SMS tiene {length} caracteres; a partir de {limit} se envía en más de tres partes.',
    en: 'The SMS has {length} characters; beyond {limit} it is sent in more than three parts.',
  },
  call_script_missing: {
    es: 'La llamada no tiene guion para el agente.',
    en: 'The call has no script for the agent.',
  },
  call_outcome_duplicate: {
    es: 'El resultado «{outcome}» está repetido.',
    en: 'The outcome “{outcome}” is listed twice.',
  },
  call_outcome_unhandled: {
    es: 'Ninguna transición sigue el resultado «{outcome}».',
    en: 'No transition follows the “{outcome}” outcome.',
  },
  wait_config_incomplete: {
    es: 'Falta el dato de la espera «{mode}».',
    en: 'The “{mode}” wait is missing its setting.',
  },
  branch_without_else: {
    es: 'La condición necesita una salida «Si no» para los leads que no cumplan ninguna.',
    en: 'The branch needs an “Otherwise” transition for leads that match no condition.',
  },
  branch_multiple_else: {
    es: 'La condición tiene más de una salida «Si no».',
    en: 'The branch has more than one “Otherwise” transition.',
  },
  branch_hold_with_else: {
    es: 'Una condición en espera no usa «Si no»: los leads salen por el tiempo límite.',
    en: 'A holding branch takes no “Otherwise”: leads leave by the timeout.',
  },
  branch_without_condition: {
    es: 'La condición en espera no tiene ninguna condición que esperar.',
    en: 'The holding branch has no condition to wait for.',
  },
  split_weights_sum: {
    es: 'Los pesos del test A/B suman {sum} % y deben sumar 100 %.',
    en: 'The A/B split weights add up to {sum}% and must add up to 100%.',
  },
  update_empty: {
    es: 'Esta actualización no cambia nada.',
    en: 'This update changes nothing.',
  },
  update_conflict: {
    es: '«{value}» se añade y se quita a la vez.',
    en: '“{value}” is both added and removed.',
  },
  webhook_body_ignored: {
    es: 'Las peticiones GET no llevan cuerpo: el cuerpo se ignorará.',
    en: 'GET requests carry no body: the body will be ignored.',
  },
  webhook_invalid_header: {
    es: 'El nombre de cabecera «{header}» no es válido.',
    en: 'The header name “{header}” is not valid.',
  },
};

const PATH_WORDS: Record<Locale, { some: string; all: string }> = {
  es: { some: 'algunos caminos', all: 'todos los caminos' },
  en: { some: 'some paths', all: 'every path' },
};

/** Transition kinds as the transition editor names them. */
const TRIGGER_WORDS: Record<TriggerKind, Localised> = {
  auto: { es: 'automática', en: 'automatic' },
  delay: { es: 'tras una espera', en: 'after a delay' },
  signal: { es: 'por señal', en: 'signal' },
  timeout: { es: 'por tiempo límite', en: 'timeout' },
  condition: { es: 'condición', en: 'condition' },
  else: { es: 'si no', en: 'else' },
  split: { es: 'reparto A/B', en: 'A/B split' },
};

function paramText(issue: Issue, key: string, locale: Locale): string | undefined {
  if (key === 'at') return issue.path && issue.path.length > 0 ? issue.path.join('.') : '—';
  const value = issue.params[key];
  if (value === undefined) return undefined;
  if (key === 'path' && Array.isArray(value)) return value.join(' → ');
  if (key === 'paths' && (value === 'some' || value === 'all')) return PATH_WORDS[locale][value];
  if (Array.isArray(value)) return value.join(', ');
  // Step types and transition kinds by the names the palette and the editor show, not codes;
  // an unknown type (the issue that reports it) stays as typed.
  if (key === 'type' && typeof value === 'string' && isNodeType(value)) {
    return getNodeModule(value).label[locale];
  }
  const trigger = key === 'trigger' ? TRIGGER_KINDS.find((kind) => kind === value) : undefined;
  if (trigger !== undefined) return TRIGGER_WORDS[trigger][locale];
  // Signals and call outcomes in the words the canvas uses ("Interesado", not "interested").
  if ((key === 'signal' || key === 'outcome') && typeof value === 'string') {
    return signalName(value, locale);
  }
  return String(value);
}

function isIssueCode(code: string): code is IssueCode {
  return Object.hasOwn(ISSUE_MESSAGES, code);
}

/** The issue in words; an unknown code (from a newer server) falls back to the code itself. */
export function issueMessage(issue: Issue, locale: Locale): string {
  // One entry point for every code the engine reports: segment and simulation codes keep
  // their tables beside the code that reports them.
  if (isSegmentIssueCode(issue.code)) return segmentIssueMessage(issue, locale);
  const simulation = simulationIssueMessage(issue, locale);
  if (simulation !== null) return simulation;
  if (!isIssueCode(issue.code)) return issue.code;
  const template = ISSUE_MESSAGES[issue.code][locale];
  return template.replace(
    /\{(\w+)\}/g,
    (whole, key: string) => paramText(issue, key, locale) ?? whole,
  );
}
