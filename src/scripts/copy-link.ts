/**
 * Progressive enhancement of the clause links (the ¶ before each clause): following one still moves to the
 * clause and highlights it (:target); with JavaScript it also copies the clause's full URL and says so, and
 * focus stays on the control.
 */
export function enhanceClauseLinks(root: Document): void {
  const status = root.getElementById('copy-status');
  let timer: ReturnType<typeof setTimeout> | undefined;
  root.addEventListener('click', async (event) => {
    const link = (event.target as Element | null)?.closest?.('a.cl');
    if (!(link instanceof HTMLAnchorElement)) return;
    const url = new URL(link.getAttribute('href') ?? '', location.href).href;
    // Following the link moves to the clause, and the browser then drops focus to the page body: give it back
    // to the control, so that a keyboard reader goes on from where they were.
    setTimeout(() => link.focus({ preventScroll: true }), 0);
    try {
      await navigator.clipboard.writeText(url);
      if (status) status.textContent = 'Link to this clause copied';
    } catch {
      if (status) status.textContent = 'Link to this clause is in the address bar';
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (status) status.textContent = '';
    }, 2500);
  });
}
