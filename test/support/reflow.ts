import type { Page } from 'playwright-core';

/**
 * WCAG 1.4.10 Reflow, which axe does not check: at 320 CSS px wide the page must not scroll
 * sideways. Returns how many pixels too wide it is (0 when it fits); the viewport is put back.
 */
export async function sidewaysOverflow(page: Page, width = 320): Promise<number> {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 800 });
  // The NHS.UK header moves navigation items into its "More" menu on resize, after a debounce:
  // measured at once, the wide desktop menu is still there.
  await page.waitForTimeout(500);
  const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
  if (scrollWidth > width && process.env.REFLOW_DEBUG) {
    const wide = await page.evaluate(
      `[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > ${width}).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('\\n')`,
    );
    process.stderr.write(`too wide:\n${String(wide)}\n`);
  }
  if (before) await page.setViewportSize(before);
  return Math.max(0, scrollWidth - width);
}
