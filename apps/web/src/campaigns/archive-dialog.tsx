import type { CampaignSummary } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../app/use-modal-dialog.ts';

/** Asks before archiving: what happens (hidden from the list, code freed) and how to undo it. */
export function ArchiveDialog({
  campaign,
  busy,
  onConfirm,
  onCancel,
}: {
  campaign: CampaignSummary | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useModalDialog(campaign !== null);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="archive-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {campaign ? (
        <>
          <h2 id="archive-title">
            {t('campaigns.archive.title', { code: campaign.code, name: campaign.name })}
          </h2>
          <p>{t('campaigns.archive.body')}</p>
          <div className="confirm-dialog__actions">
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('campaigns.archive.cancel')}
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={onConfirm}
            >
              {t('campaigns.archive.confirm')}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
