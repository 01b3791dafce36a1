export interface PaginationView {
  previous?: { href: string; labelText: string };
  next?: { href: string; labelText: string };
  summary: string;
}

/** Previous/next links for the NHS.UK pagination component, and "Showing 21 to 40 of 57". */
export function pagination(input: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}): PaginationView {
  const { page, pageSize, total, href } = input;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return {
    previous:
      page > 1 ? { href: href(page - 1), labelText: `Page ${page - 1} of ${pages}` } : undefined,
    next:
      page < pages
        ? { href: href(page + 1), labelText: `Page ${page + 1} of ${pages}` }
        : undefined,
    summary:
      total === 0
        ? 'No results'
        : `Showing ${from} to ${to} of ${total} result${total === 1 ? '' : 's'}`,
  };
}
