/** What the image networks are made of, read off a run's settings by the sessions. */

/** Normalisation inside each convolutional block; batch statistics are taken per task. */
export type Normalisation = 'batch' | 'none';

/**
 * The network that reads an image. "conv": the MAML paper's Omniglot network: `blocks` blocks of
 * 3x3 convolution with stride 2 (instead of max pooling), normalisation, ReLU, then a linear head.
 * "mlp": the image flattened through fully connected ReLU layers, then the head.
 */
export type ClassifierSpec =
  | {
      readonly kind: 'conv';
      readonly imageSize: number;
      readonly filters: number;
      readonly blocks: number;
      readonly norm: Normalisation;
      /** Size of the linear head's output (N ways); 0 for an encoder without a head (ProtoNets). */
      readonly outputs: number;
    }
  | {
      readonly kind: 'mlp';
      readonly imageSize: number;
      readonly hidden: readonly number[];
      readonly outputs: number;
    };
