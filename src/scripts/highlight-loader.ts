/**
 * On a policy page: only when the URL carries search terms (arrival from a search result), load the
 * highlighter and mark them; then keep the linked clause in view.
 */
// Same value as HIGHLIGHT_PARAM in highlight.ts, written out so this check imports nothing.
if (new URLSearchParams(location.search).has('pagefind-highlight')) {
  void import('./highlight.ts').then(({ highlight, termsFrom }) => {
    const body = document.querySelector('.policy-body');
    if (body) highlight(body, termsFrom(location.search));
    const id = decodeURIComponent(location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView({ block: 'start' });
  });
}
