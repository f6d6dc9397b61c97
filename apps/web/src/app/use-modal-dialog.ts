import { useEffect, useRef } from 'react';

/**
 * A `<dialog>` shown as a modal while `open` is true: the ref to put on it. The browser's own
 * modal gives focus trapping, Escape (the dialog's `cancel`/`close` events) and the backdrop,
 * so every dialog of the app opens and closes through this one effect.
 */
export function useModalDialog(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}
