import type { CampaignMode, CampaignStatus } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';

/** Borrador / Activa / Pausada / Detenida / Archivada, coloured by how "live" it is. */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--status badge--${status}`}>
      <span className="badge__dot" aria-hidden="true" />
      {t(`campaigns.status.${status}`)}
    </span>
  );
}

/** Prueba / Manual / En vivo, with what the mode means as a tooltip. */
export function CampaignModeLabel({ mode }: { mode: CampaignMode }) {
  const { t } = useTranslation();
  return (
    <span className={`mode mode--${mode}`} title={t(`campaigns.modeHelp.${mode}`)}>
      {t(`campaigns.mode.${mode}`)}
    </span>
  );
}
