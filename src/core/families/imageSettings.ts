/** What every image family shares: the settings of its network and its usual inner rates. */
import type { SettingKey } from '../config/schema';

/** The network's settings; filters and norm matter for the conv net, hidden for the MLP. */
export const IMAGE_SETTINGS: readonly SettingKey[] = [
  'ways',
  'network',
  'imageSize',
  'filters',
  'norm',
  'hidden',
];

/** Classification tolerates a far larger inner rate: the MAML paper uses 0.4 on Omniglot. */
export const IMAGE_INNER_LR = { safe: 1, paper: 0.4 } as const;
