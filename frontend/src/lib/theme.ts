// Charts draw on canvas, which holds colours, not CSS variables: each must
// draw again when the theme (html[data-theme]) changes, whoever changed
// it. One watcher serves every chart on the page.
const redraws = new Set<() => void>();
let watcher: MutationObserver | null = null;

/** Calls redraw after every theme change until the returned stop is called. */
export function watchTheme(redraw: () => void): () => void {
  redraws.add(redraw);
  if (!watcher && typeof MutationObserver !== 'undefined') {
    watcher = new MutationObserver(() => redraws.forEach((f) => f()));
    watcher.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  }
  return () => {
    redraws.delete(redraw);
    if (redraws.size === 0) {
      watcher?.disconnect();
      watcher = null;
    }
  };
}
