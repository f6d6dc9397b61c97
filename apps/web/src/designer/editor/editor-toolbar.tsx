import { useReactFlow } from '@xyflow/react';
import { Link, useParams } from 'react-router';
import { MonitorLink } from '../../monitor/monitor-link.tsx';
import { ReviewLink } from '../../review/review-banner.tsx';
import { useFitSoon } from '../canvas/use-fit-soon.ts';
import { useDesignerT, useEditor } from './editor-context.tsx';

/** Campaign title, history, layout and view commands, and the honest save state. */
export function EditorToolbar({
  saveState,
  onTemplates,
  onShortcuts,
  onSettings,
}: {
  saveState: string;
  onTemplates: () => void;
  onShortcuts: () => void;
  onSettings: () => void;
}) {
  const { t } = useDesignerT();
  const { campaignId } = useParams();
  const { fitView } = useReactFlow();
  const fitSoon = useFitSoon();
  const name = useEditor((s) => s.document.settings.name);
  const code = useEditor((s) => s.document.settings.code);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const autoLayout = useEditor((s) => s.autoLayout);
  return (
    <div className="designer-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <h1 className="designer-toolbar__title">
        <span className="designer-toolbar__code">{code}</span> {name}
      </h1>
      <div className="designer-toolbar__group">
        <button
          type="button"
          className="button button--ghost"
          onClick={undo}
          disabled={!canUndo}
          title="Ctrl+Z"
        >
          {t('actions.undo')}
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={redo}
          disabled={!canRedo}
          title="Ctrl+Shift+Z"
        >
          {t('actions.redo')}
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => {
            autoLayout();
            fitSoon();
          }}
          title="Shift+L"
        >
          {t('actions.layout')}
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => void fitView({ duration: 200, maxZoom: 1.1, padding: 0.1 })}
        >
          {t('actions.fit')}
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={onSettings}
          aria-haspopup="dialog"
        >
          {t('actions.settings')}
        </button>
        <button type="button" className="button button--ghost" onClick={onTemplates}>
          {t('actions.templates')}
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={onShortcuts}
          aria-keyshortcuts="?"
        >
          {t('actions.shortcuts')}
        </button>
        {campaignId && (
          <>
            <Link className="button button--secondary" to={`/campaigns/${campaignId}/simulate`}>
              {t('actions.simulate')}
            </Link>
            <Link className="button button--ghost" to={`/campaigns/${campaignId}/outbox`}>
              {t('actions.outbox')}
            </Link>
            <MonitorLink campaignId={campaignId} className="button button--ghost" />
            <ReviewLink campaignId={campaignId} />
          </>
        )}
      </div>
      <p className="designer-toolbar__save" role="status">
        {saveState}
      </p>
    </div>
  );
}
