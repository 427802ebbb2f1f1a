// Layout checks shared by the width specs: what sticks out of its card at the current viewport.
import type { Page } from '@playwright/test';

/** Elements wider than their card (the nearest .panel, else the main column), outside any scroll box. */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scrolls = (el: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    const classes = (el: Element) =>
      el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes(el)}`;
    const found: string[] = [];
    const main = document.querySelector('main');
    if (!main) return ['no main column'];
    for (const el of main.querySelectorAll('*')) {
      const card = el.parentElement?.closest('.panel') ?? main;
      // Inside a scroll box between the element and its card, overflow is the box's job.
      let clipped = false;
      for (let up = el.parentElement; up && up !== card; up = up.parentElement) if (scrolls(up)) clipped = true;
      if (clipped) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const frame = card.getBoundingClientRect();
      if (box.left < frame.left - 1 || box.right > frame.right + 1)
        found.push(
          `${name(el)} (${Math.round(box.left)}–${Math.round(box.right)}) outside ` +
            `${name(card)} (${Math.round(frame.left)}–${Math.round(frame.right)})`,
        );
    }
    return found.slice(0, 10);
  });
}
