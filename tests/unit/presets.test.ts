import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  OPENING_PRESET,
  PRESETS,
  checkCombinations,
  isBareLink,
  matchingPreset,
  parseLink,
  parseQuery,
  presetConfig,
  presetTitle,
  toQuery,
} from '../../src/core/config';

describe('presets', () => {
  it('are valid experiments that survive a link unchanged', () => {
    for (const preset of PRESETS) {
      const config = presetConfig(preset, DEFAULT_CONFIG);
      const reread = parseQuery(`?${toQuery(config)}`);
      expect(reread.problems, preset.id).toEqual([]);
      expect(toQuery(reread.config), preset.id).toBe(toQuery(config));
      expect(checkCombinations(config).problems, preset.id).toEqual([]);
    }
  });

  it('have unique ids and names', () => {
    expect(new Set(PRESETS.map((preset) => preset.id)).size).toBe(PRESETS.length);
    expect(new Set(PRESETS.map(presetTitle)).size).toBe(PRESETS.length);
  });

  it('keep the seed and backend and are recognised again from the settings', () => {
    const current = { ...DEFAULT_CONFIG, seed: 12345, backend: 'wasm' as const };
    for (const preset of PRESETS) {
      const config = presetConfig(preset, current);
      expect(config.seed).toBe(12345);
      expect(config.backend).toBe('wasm');
      expect(matchingPreset(config)?.id).toBe(preset.id);
    }
    expect(matchingPreset({ ...DEFAULT_CONFIG, shots: 7 })).toBeUndefined();
  });

  it('name the duration they promise', () => {
    for (const preset of PRESETS) {
      const title = presetTitle(preset);
      if (preset.promisedSeconds === undefined) expect(title).toBe(preset.label);
      else expect(title).toBe(`${preset.label} (about ${preset.promisedSeconds} s)`);
    }
  });

  it('open the page on a short run, not the paper configuration', () => {
    const opening = presetConfig(OPENING_PRESET, DEFAULT_CONFIG);
    expect(opening.iterations).toBeLessThan(DEFAULT_CONFIG.iterations / 10);
    expect(OPENING_PRESET.promisedSeconds).toBeDefined();
  });

  it('a link without settings opens the opening preset, in the page and the runner alike', () => {
    const opening = presetConfig(OPENING_PRESET, DEFAULT_CONFIG);
    for (const bare of ['', '?', '#', 'http://127.0.0.1:5173/', '/', '  ']) {
      expect(isBareLink(bare)).toBe(true);
      expect(parseLink(bare)).toEqual({ config: opening, problems: [] });
    }
    // Any setting at all, even one that is only the default, makes it an ordinary link.
    expect(isBareLink('?seed=1')).toBe(false);
    expect(parseLink('?seed=1').config).toEqual(DEFAULT_CONFIG);
    expect(parseLink('http://host/?shots=5').config).toEqual(parseQuery('?shots=5').config);
    expect(parseLink('#shots=5').config.shots).toBe(5);
  });

  it('pass over the keys that only say how the page shows a run', () => {
    const opening = presetConfig(OPENING_PRESET, DEFAULT_CONFIG);
    // Only page keys: still the opening run, and nothing to complain about.
    for (const pageOnly of ['?present=1', '?hide=settings,backends&present=1', '#lesson=2']) {
      expect(isBareLink(pageOnly)).toBe(true);
      expect(parseLink(pageOnly)).toEqual({ config: opening, problems: [] });
    }
    // Beside settings they change nothing of the run, in the page and the runner alike.
    const withPage = parseLink('?lesson=3&shots=5&present=1&hide=settings');
    expect(withPage).toEqual(parseLink('?shots=5'));
    // A key that is neither is still reported.
    expect(parseLink('?shots=5&presnt=1').problems).toHaveLength(1);
  });
});
