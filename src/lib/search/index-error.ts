/** Every failure of the search-index stage, said as such; the error that caused it is kept as `cause`. */
export class SearchIndexError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(`Search index (Pagefind): ${message}`, options);
    this.name = 'SearchIndexError';
  }
}
