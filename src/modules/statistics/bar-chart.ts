export interface Bar {
  label: string;
  /** Null when withheld: drawn as an empty bar marked "fewer than 10". */
  value: number | null;
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A horizontal bar chart as SVG markup, drawn on the server so it needs no script. It scales to
 * its container (viewBox, width 100%); the page shows the same numbers in a table beside it.
 */
export function barChartSvg(id: string, title: string, bars: readonly Bar[]): string {
  const rowHeight = 28;
  const labelWidth = 190;
  const chartWidth = 300;
  const width = labelWidth + chartWidth + 60;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const rows = bars.map((b, i) => {
    const y = i * rowHeight + 4;
    const w = b.value === null ? 0 : Math.max(2, Math.round((b.value / max) * chartWidth));
    const text = b.value === null ? 'fewer than 10' : String(b.value);
    return (
      `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" font-size="14" fill="#212b32">${escape(b.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" fill="#005eb8"></rect>` +
      `<text x="${labelWidth + w + 6}" y="${y + 18}" font-size="14" fill="#212b32">${text}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${id}-title">${escape(title)}</title>${rows.join('')}</svg>`
  );
}
