// Imported on the first page that shows a code, not at start-up (see docs/PERFORMANCE.md).
let qrcode: Promise<typeof import('qrcode')> | undefined;

/** An SVG QR code as a data: URL, generated on the server so the page needs no script. */
export async function qrCodeDataUrl(target: string): Promise<string> {
  const loaded = await (qrcode ??= import('qrcode'));
  // A CommonJS package: its API is the namespace's default export.
  const QRCode = (loaded as { default?: typeof loaded }).default ?? loaded;
  const svg = await QRCode.toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
