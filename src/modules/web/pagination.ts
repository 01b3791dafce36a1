export interface PaginationView {
  previous?: { href: string; labelText: string };
  next?: { href: string; labelText: string };
  summary: string;
}

/**
 * Previous/next links for the NHS.UK pagination component, and "Showing 21 to 40 of 57". A total
 * that is a lower bound (the register stops counting at 1,000) reads "1,000+".
 */
export function pagination(input: {
  page: number;
  pageSize: number;
  total: number;
  totalIsLowerBound?: boolean;
  href: (page: number) => string;
}): PaginationView {
  const { page, pageSize, total, href } = input;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const of = input.totalIsLowerBound ? `${pages}+` : String(pages);
  const totalText = input.totalIsLowerBound ? `${total.toLocaleString('en-GB')}+` : String(total);
  return {
    previous:
      page > 1 ? { href: href(page - 1), labelText: `Page ${page - 1} of ${of}` } : undefined,
    next:
      page < pages ? { href: href(page + 1), labelText: `Page ${page + 1} of ${of}` } : undefined,
    summary:
      total === 0
        ? 'No results'
        : `Showing ${from} to ${to} of ${totalText} result${total === 1 ? '' : 's'}`,
  };
}
