/**
 * Between a clause anchor's title (its section heading) and the clause's topic slugs, in the search passages only
 * (search-units.ts writes it, src/lib/search/rank.ts reads it in the browser): a character no heading has
 * (render.ts writes none). A module of its own, so that the search page's bundle holds nothing else of these.
 */
export const TOPICS_MARK = '\u001e';
