/**
 * The Learn path: nine short lessons through the ideas of this playground, each a link
 * (`?lesson=N`) that opens its settings beside a few lines on what to do, what to watch, one
 * question and where the page answers it. Pure data: the page reads it in `LessonPanel.tsx`.
 */
import { PRESETS } from '../../core/config/presets';
import type { ExperimentConfig, SettingValue } from '../../core/config';
import { formatValue } from '../../core/config';

/** A paper a lesson rests on, as a reader would look it up. */
export interface Citation {
  readonly authors: string;
  readonly year: number;
  readonly title: string;
}

export interface Lesson {
  /** 1 to 9, its place on the path and its `lesson=N` value. */
  readonly number: number;
  readonly title: string;
  /** The settings it opens (differences from the defaults; seed and backend stay the defaults'). */
  readonly settings: Partial<Omit<ExperimentConfig, 'seed' | 'backend'>>;
  /** What to do and what to watch, at most about 120 words. */
  readonly text: string;
  /** The one question the run answers. */
  readonly question: string;
  /** Where on the page the answer shows: the view and the quantity to read. */
  readonly answer: string;
  readonly cites: readonly Citation[];
  /**
   * The iteration of the starting state shipped with the page (public/lessons/): the lesson opens
   * there, trained that far, and Start goes on from it, so a slow laptop shows the idea at once.
   */
  readonly startIteration: number;
}

function paper(authors: string, year: number, title: string): Citation {
  return { authors, year, title };
}

const FINN_2017 = paper(
  'Finn, Abbeel and Levine',
  2017,
  'Model-Agnostic Meta-Learning for Fast Adaptation of Deep Networks',
);
const NICHOL_2018 = paper(
  'Nichol, Achiam and Schulman',
  2018,
  'On First-Order Meta-Learning Algorithms',
);
const LI_2017 = paper(
  'Li, Zhou, Chen and Li',
  2017,
  'Meta-SGD: Learning to Learn Quickly for Few-Shot Learning',
);
const SNELL_2017 = paper(
  'Snell, Swersky and Zemel',
  2017,
  'Prototypical Networks for Few-shot Learning',
);
const CARUANA_1997 = paper('Caruana', 1997, 'Multitask Learning');
const RUDER_2017 = paper(
  'Ruder',
  2017,
  'An Overview of Multi-Task Learning in Deep Neural Networks',
);
const KENDALL_2018 = paper(
  'Kendall, Gal and Cipolla',
  2018,
  'Multi-Task Learning Using Uncertainty to Weigh Losses for Scene Geometry and Semantics',
);
const YU_2020 = paper(
  'Yu, Kumar, Gupta, Levine, Hausman and Finn',
  2020,
  'Gradient Surgery for Multi-Task Learning',
);
const STANDLEY_2020 = paper(
  'Standley, Zamir, Chen, Guibas, Malik and Savarese',
  2020,
  'Which Tasks Should Be Learned Together in Multi-task Learning?',
);

/** A preset's settings, with changes that keep a lesson's run short. */
function fromPreset(id: string, changes: Lesson['settings'] = {}): Lesson['settings'] {
  const preset = PRESETS.find((candidate) => candidate.id === id);
  if (preset === undefined) throw new Error(`No preset "${id}"`);
  return { ...preset.settings, ...changes };
}

export const LESSONS: readonly Lesson[] = [
  {
    number: 1,
    title: 'A task is a small data set',
    settings: fromPreset('quick', { shots: 5, query: 5, iterations: 1000, evalTasks: 50 }),
    text:
      'Each task here is one sine wave, y = A sin(x − phase), with its own amplitude and phase. ' +
      'Few-shot means the learner sees only a handful of its points: the support set, five dots ' +
      'in the function view. Its query points, held back from adapting, score how well it ' +
      'generalised. Press Start and watch the function view: the solid curve is the network ' +
      'after one gradient step on the five dots (the Inner steps slider shows more), the dotted ' +
      'one the true wave. Press New task to draw another wave, or choose Your own task and place ' +
      'the points yourself.',
    question: 'From how many points does the network guess a whole new wave?',
    answer:
      'The function view: the legend counts the support points (5), and the solid curve after ' +
      'adapting spans all of x from −5 to 5.',
    cites: [FINN_2017],
    startIteration: 300,
  },
  {
    number: 2,
    title: 'Pretraining learns the average',
    settings: fromPreset('quick', { iterations: 1000, evalTasks: 50 }),
    text:
      'The obvious baseline trains one network on the points of all tasks at once. Since every ' +
      'task wants a different wave, the best it can do is predict their average, one fixed curve, ' +
      'and fine-tune from there. The playground trains this pretrained network beside every run, ' +
      'on the same tasks. Press Start, then in the function view compare the dashed pretrained ' +
      'curve with the solid one as you press New task a few times and move the Inner steps ' +
      'slider. Then switch the main chart to Adaptation.',
    question: 'Does a few steps of fine-tuning rescue the pretrained network?',
    answer:
      'No: in the main chart’s Adaptation view the pretrained loss falls only slowly with more ' +
      'steps and stays above MAML’s after one step or more; the dashed curve hardly bends.',
    cites: [FINN_2017],
    startIteration: 300,
  },
  {
    number: 3,
    title: 'MAML: learning a starting point',
    settings: fromPreset('quick'),
    text:
      'MAML trains the initial weights themselves. For each task of a meta-batch, the inner loop ' +
      'takes a gradient step on the support points; the outer loop then measures the adapted ' +
      'network on the query points and moves the initial weights to make that loss smaller, ' +
      'differentiating through the inner step. Press Start. The main chart’s Training view shows ' +
      'the outer (query) loss after adapting and, at intervals, the held-out loss on new tasks ' +
      'for MAML and the pretrained network. The Meta-batch tasks tab shows each training task’s ' +
      'query loss before and after its inner step.',
    question: 'After one step on a new task, whose loss is lower: MAML’s or the pretrained one’s?',
    answer:
      'The held-out lines of the main chart (Training view): after one step MAML’s loss falls ' +
      'clearly below the pretrained network’s within a few hundred iterations.',
    cites: [FINN_2017],
    startIteration: 300,
  },
  {
    number: 4,
    title: 'Second order, first order, and Reptile',
    settings: fromPreset('compare-reptile', {
      innerSteps: 3,
      metaLr: 0.003,
      iterations: 600,
      evalTasks: 50,
      compare: ['maml', 'fomaml', 'reptile'],
    }),
    text:
      'MAML’s outer gradient passes back through the inner steps, which needs second ' +
      'derivatives. First-order MAML drops them and uses the adapted network’s gradient as is. ' +
      'Reptile drops even that: it takes a few plain SGD steps on a task and moves the ' +
      'initialisation part of the way toward the weights it reached. This link runs the three ' +
      'side by side on the same tasks, with three inner steps. Watch the learning curves, then ' +
      'open the Compare tab for the table.',
    question: 'How much does leaving out the second derivatives cost?',
    answer:
      'The Compare tab’s table: first-order MAML takes about half MAML’s ms per iteration, and ' +
      'its held-out loss after adapting is a little higher in this short run (after 70,000 ' +
      'iterations the two are within 1%); Reptile trails here, yet after ten steps beats the ' +
      'pretrained one.',
    cites: [FINN_2017, NICHOL_2018],
    startIteration: 200,
  },
  {
    number: 5,
    title: 'A learned optimiser: Meta-SGD',
    settings: fromPreset('metasgd', { iterations: 1500, evalTasks: 50 }),
    text:
      'MAML adapts with one learning rate for every weight. Meta-SGD learns a rate for each ' +
      'weight, alongside the initialisation, by the same outer loop: the inner step becomes ' +
      'weights minus rates times gradient, element by element. The rates start at the Inner ' +
      'learning rate setting (0.01). Press Start and open the Inside the learner tab: the ' +
      'learned-rates chart shows, layer by layer, the mean size of the rates and their range.',
    question: 'Does Meta-SGD keep one learning rate for all the weights?',
    answer:
      'No: in Inside the learner, the learned-rates chart’s ranges spread out from the ' +
      'starting 0.01, differently in each layer.',
    cites: [LI_2017],
    startIteration: 500,
  },
  {
    number: 6,
    title: 'Metric-based learning: prototypical networks',
    settings: fromPreset('glyphs-protonet', { iterations: 40, evalTasks: 20 }),
    text:
      'Now the tasks are 5-way 1-shot image classification: five new glyph classes, one labelled ' +
      'image each. A prototypical network has no inner loop at all. It learns an embedding; a ' +
      'class’s prototype is the mean embedding of its support images, and a query image takes the ' +
      'label of the nearest prototype. Training shapes the embedding so that this works on ' +
      'classes it never saw. Press Start (image tasks are slower; give it half a minute) and ' +
      'watch the task viewer label a new task, and the held-out accuracy.',
    question: 'Without a gradient step on the new classes, does training the embedding help?',
    answer:
      'The main chart (accuracy): held-out accuracy on new glyph classes, already above chance ' +
      'at iteration 0, climbs well above its start and past the pretrained network’s, which ' +
      'fine-tunes for three steps.',
    cites: [SNELL_2017],
    startIteration: 20,
  },
  {
    number: 7,
    title: 'Multi-task learning and uncertainty weighting',
    settings: fromPreset('multitask', { iterations: 3000 }),
    text:
      'Multi-task learning trains one model on a fixed set of tasks at once. Hard sharing gives ' +
      'them one trunk and a head each; soft sharing gives each task its own network and pulls ' +
      'the networks toward each other (the Parameter sharing setting). In a plain sum of losses ' +
      'a noisy task’s large loss weighs most, so here each task learns a sigma and its loss is ' +
      'weighted by 1/(2 sigma²). This link has six tasks, with label noise growing from none on ' +
      'task 1 to the most on task 6. Press Start and open Inside the learner.',
    question: 'Which task ends up with the smallest weight?',
    answer:
      'The uncertainty chart in Inside the learner: the noisiest task, task 6, learns the ' +
      'largest sigma, so its loss gets the smallest weight.',
    cites: [CARUANA_1997, RUDER_2017, KENDALL_2018],
    startIteration: 1000,
  },
  {
    number: 8,
    title: 'Starting points for new tasks',
    settings: fromPreset('compare-transfer'),
    text:
      'Three starting points for a new task, scored on the same held-out tasks with the same ' +
      'fine-tuning: MAML’s meta-learned initialisation, the shared weights of a multi-task model ' +
      'trained on six fixed tasks, and random weights (scratch); the pretrained network is there ' +
      'too. Press Start, watch the learning curves, then read the Compare tab and switch the ' +
      'main chart to Adaptation to see each start’s loss step by step.',
    question: 'Is a model that fits many tasks well also a good start for a new one?',
    answer:
      'Not as good as one trained to adapt: in the Compare tab’s table, after ten steps MAML’s ' +
      'loss is the lowest, the multi-task start’s well below scratch’s.',
    cites: [FINN_2017, CARUANA_1997],
    startIteration: 1000,
  },
  {
    number: 9,
    title: 'Which tasks help each other',
    settings: fromPreset('multitask', { taskNoise: 0, weighting: 'equal', iterations: 2000 }),
    text:
      'Tasks that share weights pull them along their own gradients. Where two tasks’ gradients ' +
      'point the same way, a step for one is a step for the other; where they point apart, they ' +
      'compete. The cosine between the gradients measures this, from +1 (same direction) to −1 ' +
      '(opposite). Press Start and open Inside the learner: the task-relations grid shows the ' +
      'cosine for every pair of the six tasks, refreshed while training runs. Point at or focus ' +
      'a cell to read the two tasks’ amplitude and phase.',
    question: 'Do all six tasks pull the shared trunk the same way?',
    answer:
      'The sentence under the task-relations grid in Inside the learner: it names the most and ' +
      'least alike pairs and counts the pairs that pull in opposed directions (cosine below 0).',
    cites: [YU_2020, STANDLEY_2020],
    startIteration: 500,
  },
];

/**
 * A lesson's settings as a link query ('shots=5&iterations=1000'): only the settings it sets,
 * the rest take their defaults when the link is read.
 */
export function lessonQuery(lesson: Lesson): string {
  return Object.entries(lesson.settings)
    .map(([key, value]) => `${key}=${formatValue(value as SettingValue)}`)
    .join('&');
}

/** The lesson numbered `n`, if there is one. */
export function lessonByNumber(n: number): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.number === n);
}

/** The number of words in a text, as a reader counts them. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** "Finn, Abbeel and Levine 2017" */
export function citationText(citation: Citation): string {
  return `${citation.authors} ${citation.year}`;
}
