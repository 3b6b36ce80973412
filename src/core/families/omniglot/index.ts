/** Omniglot (Lake et al. 2015) from the zips the user chooses; rotations add classes. */
import type { ClassificationFamily } from '../contract';
import { DataError } from '../../data/errors';
import { datasetPool } from '../../classification/poolsDataset';
import { IMAGE_SETTINGS, IMAGE_INNER_LR } from '../imageSettings';

/** Omniglot has 20 drawings of every character, shared between support and query images. */
export const OMNIGLOT_DRAWINGS = 20;

export const OMNIGLOT_FAMILY: ClassificationFamily<'omniglot'> = {
  id: 'omniglot',
  name: 'Omniglot',
  hint: 'labels images of new characters from your own Omniglot zip',
  kind: 'classification',
  view: 'images',
  reads: [...IMAGE_SETTINGS, 'rotations'],
  innerLr: IMAGE_INNER_LR,
  className: 'class',
  userData: true,
  // Generated glyphs of the same image size, ways, shots and network give tensors of identical
  // shapes, so they time the same kernels.
  timedAs: {
    task: 'glyphs',
    note: 'timed on generated glyphs of the same shapes, since Omniglot needs your images',
  },
  classSources: (config, library) => {
    if (!library?.hasAlphabets) {
      throw new DataError(
        'Omniglot runs need the Omniglot images: choose images_background.zip (or its small subsets) from the public Omniglot repository, optionally with images_evaluation.zip and all_runs.zip.',
      );
    }
    const split = library.split(config.imageSize);
    const options = { rotations: config.rotations };
    return { train: datasetPool(split.train, options), test: datasetPool(split.test, options) };
  },
  fixSettings: (current, change) => {
    if (current().shots >= OMNIGLOT_DRAWINGS) {
      change(
        'shots',
        1,
        `at most ${OMNIGLOT_DRAWINGS - 1} for omniglot`,
        `shots=${current().shots} leaves no query image: Omniglot has ${OMNIGLOT_DRAWINGS} drawings of each character`,
      );
    }
    const { shots, query } = current();
    if (shots + query > OMNIGLOT_DRAWINGS) {
      change(
        'query',
        OMNIGLOT_DRAWINGS - shots,
        `at most ${OMNIGLOT_DRAWINGS - shots} with shots=${shots} for omniglot`,
        `shots + query = ${shots + query} is more than the ${OMNIGLOT_DRAWINGS} drawings Omniglot has of each character`,
      );
    }
  },
};
