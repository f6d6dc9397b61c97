import { formatDuration } from '@rumbo/flow';
import type { ContactPolicies } from '@rumbo/flow/policy';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '../i18n/use-language.ts';

/**
 * The line that says which of the workspace's contact policies the simulation applies (DESIGN
 * §6: "policies apply as in the runner"), with a link to where they are changed. Nothing when
 * the workspace has none: the run is then exactly what it was before policies existed.
 */
export function PoliciesNote({ policies }: { policies: ContactPolicies | undefined }) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  if (policies === undefined) return null;
  const channels = (list: readonly string[]) =>
    list.map((c) => t(`results.${c}`).toLowerCase()).join(', ');
  const rules = [
    ...policies.quietHours.map((w) =>
      t('policies.quiet', { start: w.start, end: w.end, channels: channels(w.channels) }),
    ),
    ...policies.pressure.map((cap) =>
      t('policies.cap', {
        max: cap.max,
        period: formatDuration(cap.period.amount, cap.period.unit, language),
        channels: channels(cap.channels),
        onLimit: t(`policies.${cap.onLimit}`),
      }),
    ),
  ];
  return (
    <p className="simulation-policies" data-testid="simulation-policies">
      {t('policies.applied', { rules: rules.join('; ') })}{' '}
      <Link to="/settings">{t('policies.change')}</Link>
    </p>
  );
}
