/** Shapes a page fetched with `limit + 1` rows: the extra row only tells whether there is more. */
export function toPage<T>(rows: T[], limit: number, idOf: (row: T) => string, present: (row: T) => unknown) {
  const has_more = rows.length > limit;
  const page = has_more ? rows.slice(0, limit) : rows;
  return { data: page.map(present), has_more, next_starting_after: has_more ? idOf(page[page.length - 1]!) : null };
}

export const DEFAULT_PAGE_SIZE = 50;
