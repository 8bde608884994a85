// Window-wide overlays that keys and commands open.
export const ui = $state({ paletteOpen: false, helpOpen: false });

/** Whether a dialog, menu or popover has the keyboard: the view's
 *  single-letter keys stay quiet while one is open. */
export function overlayOpen(): boolean {
  return (
    ui.paletteOpen ||
    ui.helpOpen ||
    document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"], [data-popover-content]') !== null
  );
}
