const PAPER_URL = 'https://arxiv.org/abs/1703.03400';

export function MamlIntro() {
  return (
    <section className="card" aria-labelledby="intro-heading">
      <h2 id="intro-heading">What is MAML?</h2>
      <p>
        Model-agnostic meta-learning (MAML) does not train a network to solve one task. It trains on
        many related tasks to find a shared <em>starting point</em> for the weights: an
        initialisation from which a brand-new task can be learned with only a handful of examples
        and a few gradient steps. Here the tasks are sine waves with random amplitude and phase;
        after meta-training, a few points of an unseen wave are enough to fit it closely. The method
        comes from{' '}
        <a href={PAPER_URL} rel="noreferrer">
          Finn, Abbeel and Levine, &ldquo;Model-Agnostic Meta-Learning for Fast Adaptation of Deep
          Networks&rdquo; (ICML 2017)
        </a>
        .
      </p>
    </section>
  );
}
