import QRCode from 'qrcode';

/** An SVG QR code as a data: URL, generated on the server so the page needs no script. */
export async function qrCodeDataUrl(target: string): Promise<string> {
  const svg = await QRCode.toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
