import type { ShownImages } from '../../core/trainer';
import { GlyphCanvas } from '../taskView/GlyphCanvas';
import { PredictionMark } from '../taskView/PredictionMark';
import { className, imageAt } from '../taskView/taskViewModel';

interface ImageTilesProps {
  /** "Support" or "Query". */
  readonly set: string;
  readonly images: ShownImages;
  readonly imageSize: number;
  readonly classNames: readonly string[];
  /** The inner step whose predictions are shown. */
  readonly step: number;
}

/** A few images of one set of a task, each with its true label and the label predicted now. */
export function ImageTiles({ set, images, imageSize, classNames, step }: ImageTilesProps) {
  const predicted = images.predicted[step];
  return (
    <div className="iteration-set">
      <span className="iteration-set-name">{set}</span>
      <ul className="iteration-tiles">
        {Array.from(images.labels, (label, i) => (
          <li key={i} className="iteration-tile" title={classNames[label]}>
            <GlyphCanvas
              className="iteration-glyph"
              ink={imageAt(images.pixels, imageSize, i)}
              size={imageSize}
              label={`${set} image of class ${className(label)}`}
            />
            <span className="iteration-truth">{className(label)}</span>
            {predicted !== undefined && (
              <PredictionMark when="→" predicted={predicted[i]!} truth={label} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
