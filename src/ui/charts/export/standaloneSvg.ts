/**
 * A chart's drawing as a standalone SVG file: a copy of recharts' <svg> with every element's
 * computed presentation styles written onto it, a background, its title, and width, height and
 * viewBox set, so it opens the same in an image viewer, a slide program or a vector editor.
 */
import { exportFrame, INLINED_PROPERTIES, viewBoxOf, type Box } from './svgFrame';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Writes the computed styles of `source` and its descendants onto `copy` as presentation
 * attributes, each only where it differs from the parent's (the rest inherit), replacing any that
 * named a CSS variable. Opacity does not inherit, so it is written wherever it is not 1.
 */
function inlineStyles(source: Element, copy: Element, parent: CSSStyleDeclaration | null): void {
  const computed = getComputedStyle(source);
  for (const property of INLINED_PROPERTIES) {
    const value = computed.getPropertyValue(property);
    const needed =
      property === 'opacity' ? value !== '1' : value !== parent?.getPropertyValue(property);
    if (value !== '' && needed) copy.setAttribute(property, value);
    else if (copy.getAttribute(property)?.includes('var(') === true) copy.removeAttribute(property);
  }
  const sources = source.children;
  const copies = copy.children;
  for (let i = sources.length - 1; i >= 0; i -= 1) {
    const child = sources[i]!;
    const copied = copies[i]!;
    // Hidden parts would show in programs that ignore the page's CSS.
    if (getComputedStyle(child).display === 'none') copied.remove();
    else inlineStyles(child, copied, computed);
  }
}

/** The first background colour that is not transparent, from `element` up. */
export function backgroundOf(element: Element): string {
  for (let at: Element | null = element; at !== null; at = at.parentElement) {
    const color = getComputedStyle(at).backgroundColor;
    if (color !== '' && color !== 'transparent' && color !== 'rgba(0, 0, 0, 0)') return color;
  }
  return '#ffffff';
}

export interface StandaloneSvg {
  readonly markup: string;
  readonly frame: Box;
}

/** Serialises `svg` (a drawing on the page) as a file titled `title`. */
export function standaloneSvg(svg: SVGSVGElement, title: string): StandaloneSvg {
  const { width, height } = svg.getBoundingClientRect();
  const frame = exportFrame(width, height, svg.getBBox());
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy, null);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(frame.width));
  copy.setAttribute('height', String(frame.height));
  copy.setAttribute('viewBox', viewBoxOf(frame));
  // The page's sizing (100% of the chart's box) and classes mean nothing in a file of its own.
  copy.removeAttribute('class');
  copy.removeAttribute('style');
  const background = document.createElementNS(SVG_NS, 'rect');
  for (const [name, value] of Object.entries(frame)) background.setAttribute(name, String(value));
  background.setAttribute('fill', backgroundOf(svg));
  const heading = document.createElementNS(SVG_NS, 'title');
  heading.textContent = title;
  copy.prepend(heading, background);
  return { markup: new XMLSerializer().serializeToString(copy), frame };
}
