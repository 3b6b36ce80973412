const MAML_PAPER = 'https://arxiv.org/abs/1703.03400';
const PROTONET_PAPER = 'https://arxiv.org/abs/1703.05175';

export function MamlIntro() {
  return (
    <section className="card" aria-labelledby="intro-heading">
      <h2 id="intro-heading">What is MAML?</h2>
      <p>
        Model-agnostic meta-learning (MAML) does not train a network to solve one task. It trains on
        many related tasks to find a shared <em>starting point</em> for the weights: an
        initialisation from which a brand-new task can be learned with only a handful of examples
        and a few gradient steps. With sine waves of random amplitude and phase as the tasks, a few
        points of an unseen wave are enough to fit it closely after meta-training. The method comes
        from{' '}
        <a href={MAML_PAPER} rel="noreferrer">
          Finn, Abbeel and Levine, &ldquo;Model-Agnostic Meta-Learning for Fast Adaptation of Deep
          Networks&rdquo; (ICML 2017)
        </a>
        .
      </p>
      <p>
        The same idea works for images: in an <em>N-way K-shot</em> task the learner sees K labelled
        drawings of each of N characters it has never met, and must label new drawings of them.
        Prototypical networks take another route to the same goal: they learn an embedding in which
        each class is summarised by the mean of its support images, and a new image gets the class
        of the nearest mean, with no fine-tuning at all (
        <a href={PROTONET_PAPER} rel="noreferrer">
          Snell, Swersky and Zemel, &ldquo;Prototypical Networks for Few-shot Learning&rdquo;
          (NeurIPS 2017)
        </a>
        ).
      </p>
    </section>
  );
}
