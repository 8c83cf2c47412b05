/**
 * On a policy page: only when the URL carries search terms (arrival from a search result), load the
 * highlighter and mark them; then keep the linked clause in view, or, without one, show the first marked word.
 */
// HIGHLIGHT_PARAM (search-url.ts) written out: an import would cost every policy page a second script request.
if (new URLSearchParams(location.search).has('pagefind-highlight')) {
  void import('./highlight.ts').then(({ highlight, termsFrom }) => {
    const body = document.querySelector('.policy-body');
    if (body) highlight(body, termsFrom(location.search));
    const id = decodeURIComponent(location.hash.slice(1));
    // A clause result keeps its clause in view; a result for the whole policy lands on its first marked word.
    if (id) document.getElementById(id)?.scrollIntoView({ block: 'start' });
    else body?.querySelector('mark.hl')?.scrollIntoView({ block: 'center' });
  });
}
