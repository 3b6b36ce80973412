import { isClassification } from '../../core/families/registry';
import { useId, useState } from 'react';
import { isComparisonRun } from '../compare/comparedModels';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig } from '../store/viewingSlice';
import { usePlayground } from '../training/context';
import { ChartFigure } from './ChartFrame';
import { ChoiceToggle } from './ChoiceToggle';
import { lossKindLabel, lossKindOf } from './learner';
import { AdaptationView } from './main/AdaptationView';
import { CompareAdaptationView } from './main/CompareAdaptationView';
import { CompareTrainingView } from './main/CompareTrainingView';
import { TrainingView } from './main/TrainingView';
import { MeasureToggle, type Measure } from './MeasureToggle';

type View = 'training' | 'adaptation';

const VIEWS: readonly (readonly [View, string])[] = [
  ['training', 'Training'],
  ['adaptation', 'Adaptation'],
];

const selectComparing = (state: PlaygroundState) => isComparisonRun(shownConfig(state));
const selectTask = (state: PlaygroundState) => shownConfig(state).task;

function titleOf(view: View, comparing: boolean): string {
  if (view === 'adaptation') return 'Adapting to new tasks';
  return comparing ? 'Learning curves' : 'Learning curve';
}

/**
 * The page's one main learning chart, sized to fit the first screen: `height` CSS pixels tall,
 * as wide as its container. "Training" shows the meta-training loss with the held-out loss after
 * adapting, learner against the pretrained baseline, on the same iterations (each compared
 * algorithm's loss in a comparison); "Adaptation" the latest adaptation curves. Classification
 * runs can show accuracy (the default) or the loss.
 */
export function MainChart({ height }: { readonly height: number }) {
  const titleId = useId();
  const comparing = usePlayground(selectComparing);
  const task = usePlayground(selectTask);
  const classification = isClassification({ task });
  const [view, setView] = useState<View>('training');
  const [choice, setChoice] = useState<Measure>('accuracy');
  const measure: Measure = classification ? choice : 'loss';
  // A comparison's training losses have no accuracy beside them.
  const measured = classification && !(comparing && view === 'training');

  const content = { titleId, measure };
  return (
    <ChartFigure
      name="main"
      titleId={titleId}
      title={titleOf(view, comparing)}
      fillHeight={height}
      controls={
        <div className="main-chart-controls">
          <ChoiceToggle legend="View" hideLegend options={VIEWS} value={view} onChange={setView} />
          {measured && (
            <MeasureToggle
              value={choice}
              onChange={setChoice}
              lossName={lossKindLabel(lossKindOf({ task }))}
            />
          )}
        </div>
      }
    >
      {view === 'training' ? (
        comparing ? (
          <CompareTrainingView titleId={titleId} />
        ) : (
          <TrainingView {...content} />
        )
      ) : comparing ? (
        <CompareAdaptationView {...content} />
      ) : (
        <AdaptationView {...content} />
      )}
    </ChartFigure>
  );
}
