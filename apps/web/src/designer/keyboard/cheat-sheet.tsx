import { useModalDialog } from '../../app/use-modal-dialog.ts';
import { useDesignerT } from '../editor/editor-context.tsx';

const SHORTCUTS = [
  'undo',
  'redo',
  'copy',
  'paste',
  'duplicate',
  'selectAll',
  'delete',
  'layout',
  'focusNodes',
  'inspect',
  'move',
  'multiSelect',
  'help',
] as const;

/** The keyboard cheat sheet, a modal dialog opened with `?`. */
export function CheatSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useDesignerT();
  const dialog = useModalDialog(open);
  return (
    <dialog
      ref={dialog}
      className="cheat-sheet"
      aria-labelledby="cheat-sheet-title"
      onClose={onClose}
    >
      <h2 id="cheat-sheet-title">{t('shortcuts.title')}</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((action) => (
            <tr key={action}>
              <th scope="row">
                <kbd>{t(`shortcuts.keys.${action}`)}</kbd>
              </th>
              <td>{t(`shortcuts.${action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field__hint">{t('shortcuts.mac')}</p>
      <button type="button" className="button button--primary" onClick={onClose}>
        {t('actions.close')}
      </button>
    </dialog>
  );
}
