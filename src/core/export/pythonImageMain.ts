/**
 * The exported script's command line and results file on Omniglot: the user's zips, and the
 * runner's results format (format 2, src/core/results/resultsFile.ts) with accuracies and the
 * one-shot runs' score, so the page opens what the script writes.
 */
export const PYTHON_IMAGE_MAIN = `
# ---------------------------------------------------------------------------------------------
# Command line and results.
# ---------------------------------------------------------------------------------------------
def parse_arguments():
    parser = argparse.ArgumentParser(
        description="Runs the experiment on your Omniglot zips; with torchrun, data-parallel over "
                    "each meta-batch's tasks.")
    parser.add_argument("--omniglot", nargs="+", required=True, metavar="ZIP",
                        help="Omniglot alphabet zips (images_background.zip, its small subsets, "
                             "images_evaluation.zip), split into meta-training and held-out "
                             "classes as the playground splits them")
    parser.add_argument("--one-shot-runs", dest="one_shot_runs", metavar="ZIP",
                        help="all_runs.zip: also score the 20 standard 20-way one-shot runs "
                             "(also when given among the --omniglot zips)")
    args = parse_run_arguments(parser)
    for path in args.omniglot + ([args.one_shot_runs] if args.one_shot_runs else []):
        if not os.path.isfile(path):
            parser.error(f"{path} is not a file: download the Omniglot zips and give their paths")
    return args


def load_data(args):
    """(train_pool, test_pool, one-shot runs or None) from the zips, or exits with status 2 and
    the reason when they cannot serve these settings."""
    try:
        library = read_omniglot(args.omniglot)
        train_pool, test_pool = omniglot_pools(library, IMAGE_SIZE, ROTATIONS)
        for role, pool, needed in (("meta-training", train_pool, SHOTS + QUERY),
                                   ("held-out", test_pool, SHOTS + 1)):
            if pool.class_count < WAYS:
                raise ValueError(f"The {role} classes number {pool.class_count}, fewer than "
                                 f"ways = {WAYS}: give more alphabets or lower WAYS.")
            if pool.examples_per_class < needed:
                raise ValueError(f"Each {role} class has {pool.examples_per_class} images, fewer "
                                 f"than the {needed} a task needs: lower SHOTS or QUERY.")
        runs = (read_one_shot_runs(args.one_shot_runs, IMAGE_SIZE) if args.one_shot_runs
                else one_shot_runs(library, IMAGE_SIZE))
        print(f"Omniglot: {train_pool.class_count} meta-training classes, "
              f"{test_pool.class_count} held-out classes", file=sys.stderr)
        return train_pool, test_pool, runs
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)


def print_image_summary(evaluation):
    shown = sorted({0, 1, TEST_INNER_STEPS} & set(evaluation["steps"]))
    print(f"Held-out accuracy over {evaluation['tasks']} tasks (mean +- 95% interval):")
    for model in evaluation["models"]:
        cells = [f"{s} steps: {model['accuracy']['mean'][s]:.3f} +- "
                 f"{model['accuracy']['ci95'][s]:.3f}" for s in shown]
        print(f"  {model['id']:<11} " + "   ".join(cells))


def main():
    args = parse_arguments()
    train_pool, test_pool, runs = load_data(args)
    rank, processes, device = start_processes(args.device)
    learner = image_learner(device)
    pretrained = ImagePretrained(device)
    scratch = [p.to(device) for p in initial_classifier(create_rng(SEED, "scratch"), WAYS)]
    started = time.perf_counter()
    curve, accuracy_curve, milliseconds, divergence, pretrained_divergence = train_on_images(
        learner, pretrained, train_pool, args.iterations, rank, processes, device,
        args.gradient_out)
    training_seconds = time.perf_counter() - started
    if rank == 0:
        evaluation, evaluation_seconds, one_shot = None, None, None
        if divergence is None:
            started = time.perf_counter()
            done = len(curve)
            plain_sgd = ([INNER_LR] * len(scratch), 0)
            evaluation = evaluate_on_images([
                (ALGORITHM, "learner", learner.theta, learner.test_rule(), done,
                 milliseconds["learner"], None),
                ("pretrained", "baseline", pretrained.theta, plain_sgd, done,
                 milliseconds["pretrained"], pretrained_divergence),
                ("scratch", "baseline", scratch, plain_sgd, 0, math.nan, None),
            ], test_pool, device)
            evaluation_seconds = time.perf_counter() - started
            print_image_summary(evaluation)
            if runs is not None:
                one_shot = one_shot_runs_score(learner, runs, device)
                if one_shot["score"]:
                    print(f"One-shot runs: error rate {one_shot['score']['errorRate']:.3f} +- "
                          f"{one_shot['score']['ci95']:.3f}")
                else:
                    print(f"Note: {one_shot['problem']}")
        else:
            print(divergence["message"], file=sys.stderr)
        if args.out:
            write_results(args.out, {
                "iterations_asked": args.iterations, "device": device, "processes": processes,
                "curve": curve, "accuracy_curve": accuracy_curve,
                "training_seconds": training_seconds, "evaluation_seconds": evaluation_seconds,
                "divergence": divergence,
                "evaluation": evaluation, "one_shot": one_shot, "theta": learner.theta,
            })
    if dist.is_initialized():
        dist.destroy_process_group()
    return 3 if divergence else 0


if __name__ == "__main__":
    sys.exit(main())
`;
