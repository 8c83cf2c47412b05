/**
 * Keyboard shortcut: "/" focuses the search box (the search page's own box when there is one, else the
 * header's). Never taken while the reader types in a field or holds a modifier key.
 */
export function installSearchShortcut(doc: Document): void {
  doc.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const active = doc.activeElement;
    if (active instanceof HTMLElement && (active.isContentEditable || active.closest('input, textarea, select'))) return;
    const box = doc.querySelector<HTMLInputElement>('#search-q, #site-search');
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
}
