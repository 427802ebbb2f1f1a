// Layout checks shared by the width specs: what sticks out of its card at the current viewport.
import type { Page } from '@playwright/test';

interface Measured {
  sideways: number;
  found: string[];
}

/** Runs in the page. With `plant`, first appends a 3000 px element to the first card, so planting and measuring
 *  happen in one step and a re-render of the page between two steps cannot take the element away. */
function measure(plant: boolean): Measured {
  if (plant) {
    const wide = document.createElement('div');
    wide.id = 'too-wide';
    wide.style.minWidth = '3000px';
    wide.style.flexShrink = '0';
    wide.style.height = '4px';
    document.querySelector('main .panel')?.append(wide);
  }
  const sideways = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  const scrolls = (el: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  const classes = (el: Element) =>
    el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
  const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes(el)}`;
  const found: string[] = [];
  const main = document.querySelector('main');
  if (!main) return { sideways, found: ['no main column'] };
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
  return { sideways, found };
}

/** Elements wider than their card (the nearest .panel, else the main column), outside any scroll box. */
export async function overflowing(page: Page): Promise<string[]> {
  return (await page.evaluate(measure, false)).found.slice(0, 10);
}

/** The check of the check: plants an element wider than its card and measures in the same step. */
export function plantedOverflow(page: Page): Promise<Measured> {
  return page.evaluate(measure, true);
}
