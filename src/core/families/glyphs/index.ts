/** Glyphs drawn here from the seed: a class is a few strokes, each drawing a jittered redraw. */
import type { ClassificationFamily } from '../contract';
import { glyphPool } from '../../tasks/glyphsPool';
import { IMAGE_SETTINGS, IMAGE_INNER_LR } from '../imageSettings';

export const GLYPHS_FAMILY: ClassificationFamily<'glyphs'> = {
  id: 'glyphs',
  name: 'Glyphs',
  hint: 'labels images of new characters drawn here',
  kind: 'classification',
  view: 'images',
  reads: IMAGE_SETTINGS,
  innerLr: IMAGE_INNER_LR,
  className: 'glyph',
  userData: false,
  classSources: (config) => ({
    train: glyphPool(config.seed, 'train', config.imageSize),
    test: glyphPool(config.seed, 'test', config.imageSize),
  }),
};
