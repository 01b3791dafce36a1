export interface PaginationView {
  previous?: { href: string; labelText: string };
  next?: { href: string; labelText: string };
  summary: string;
}

/**
 * Previous/next links for the NHS.UK pagination component, and "Showing 21 to 40 of 57". A total
 * that is a lower bound (the register stops counting at 100) reads "more than 100", and the next
 * link stays while the API says there is more.
 */
export function pagination(input: {
  page: number;
  pageSize: number;
  total: number;
  totalIsLowerBound?: boolean;
  hasMore?: boolean;
  /** Items on this page: needed to say what is shown once past a lower-bound total. */
  shown?: number;
  href: (page: number) => string;
}): PaginationView {
  const { page, pageSize, total, href } = input;
  const open = input.totalIsLowerBound === true;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to =
    open && input.shown !== undefined ? from + input.shown - 1 : Math.min(total, page * pageSize);
  const label = (p: number) => (open ? `Page ${p}` : `Page ${p} of ${pages}`);
  // A page past the end (an old link, or an edited address) says so, and leads back to the last.
  const pastTheEnd = page > 1 && (input.shown === 0 || total === 0 || (!open && from > total));
  if (pastTheEnd) {
    const last = Math.max(1, Math.min(page - 1, Math.ceil(total / pageSize)));
    return {
      previous: { href: href(last), labelText: label(last) },
      summary: `There are no results on page ${page}. Go back to page ${last}`,
    };
  }
  return {
    previous: page > 1 ? { href: href(page - 1), labelText: label(page - 1) } : undefined,
    next:
      page < pages || input.hasMore === true
        ? { href: href(page + 1), labelText: label(page + 1) }
        : undefined,
    summary:
      total === 0
        ? 'No results'
        : open
          ? `Showing ${from} to ${to} of more than ${total} results`
          : `Showing ${from} to ${to} of ${total} result${total === 1 ? '' : 's'}`,
  };
}
