import { useEffect, useState } from 'react';
import { heatPalette, type HeatPalette } from './heatColor';

/** Reads the theme's heatmap colours from the page's custom properties. */
function readPalette(): HeatPalette {
  const style = getComputedStyle(document.documentElement);
  return heatPalette((name) => style.getPropertyValue(name));
}

/**
 * The heatmap's colours for the current theme, read again when the reader's system switches
 * between light and dark.
 */
export function useHeatPalette(): HeatPalette {
  const [palette, setPalette] = useState(readPalette);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => {
      setPalette(readPalette());
    };
    query.addEventListener('change', onChange);
    return () => {
      query.removeEventListener('change', onChange);
    };
  }, []);
  return palette;
}
