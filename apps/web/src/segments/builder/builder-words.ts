import type { Translations } from 'react-querybuilder';

type Language = 'es' | 'en';

/** The builder's own buttons and titles, in the interface language. */
export function builderTranslations(language: Language): Partial<Translations> {
  const es = language === 'es';
  return {
    fields: { title: es ? 'Campo' : 'Field' },
    operators: { title: es ? 'Condición' : 'Operator' },
    value: { title: es ? 'Valor' : 'Value' },
    combinators: { title: es ? 'Cómo se combinan' : 'Combinator' },
    addRule: {
      label: es ? '+ Condición' : '+ Condition',
      title: es ? 'Añadir una condición' : 'Add a condition',
    },
    addGroup: {
      label: es ? '+ Grupo' : '+ Group',
      title: es ? 'Añadir un grupo de condiciones' : 'Add a group of conditions',
    },
    removeRule: { label: '×', title: es ? 'Quitar esta condición' : 'Remove this condition' },
    removeGroup: { label: '×', title: es ? 'Quitar este grupo' : 'Remove this group' },
    notToggle: {
      label: es ? 'No' : 'Not',
      title: es ? 'Invertir el grupo (ninguna de…)' : 'Invert the group',
    },
    cloneRule: { label: '⧉', title: es ? 'Duplicar la condición' : 'Duplicate the condition' },
    cloneRuleGroup: { label: '⧉', title: es ? 'Duplicar el grupo' : 'Duplicate the group' },
    lockRule: { label: '🔓', title: es ? 'Bloquear' : 'Lock' },
    lockGroup: { label: '🔓', title: es ? 'Bloquear' : 'Lock' },
    lockRuleDisabled: { label: '🔒', title: es ? 'Desbloquear' : 'Unlock' },
    lockGroupDisabled: { label: '🔒', title: es ? 'Desbloquear' : 'Unlock' },
    dragHandle: { label: '⁞⁞', title: es ? 'Arrastrar' : 'Drag' },
  };
}

export function combinators(language: Language) {
  const es = language === 'es';
  return [
    { name: 'and', label: es ? 'Cumple todas' : 'All of' },
    { name: 'or', label: es ? 'Cumple alguna' : 'Any of' },
  ];
}
