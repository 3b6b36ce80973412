/** JSON as the runner writes it (non-finite numbers as null), for both kinds of script. */
export const PYTHON_JSON = `
def json_ready(value):
    """JSON has no NaN or infinity: like the runner, write them as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    return value


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as file:
        json.dump(json_ready(value), file)
        file.write(chr(10))


def write_results(path, run):
    """The runner's results file (format 2) of one run: \`run\` holds what differs between sine
    waves and images (curves, evaluation, one-shot runs); the rest is the same for both."""
    write_json(path, {
        "format": 2,
        "config": {**CONFIG, "iterations": run["iterations_asked"]},
        "backend": f"pytorch {torch.__version__} on {run['device'].type}, "
                   f"{run['processes']} process(es)",
        "iterations": len(run["curve"]),
        "msPerIteration": (1000 * run["training_seconds"] / len(run["curve"])
                           if run["curve"] else None),
        "trainingSeconds": run["training_seconds"],
        "evaluationSeconds": run["evaluation_seconds"],
        "divergence": run["divergence"],
        "failure": None,
        "metaTrainLoss": run["curve"],
        "metaTrainAccuracy": run["accuracy_curve"],
        "evaluation": run["evaluation"],
        "oneShotRuns": run["one_shot"],
        "data": None,
        "parameters": [p.detach().reshape(-1).tolist() for p in run["theta"]],
        "seedRuns": [],
    })
    print(f"Results written to {path}", file=sys.stderr)
`;

/** The command-line options every script takes: the run's length, its outputs and device. */
export const PYTHON_RUN_ARGUMENTS = `
def parse_run_arguments(parser):
    """Adds the options every script takes to \`parser\`, parses and checks them."""
    parser.add_argument("--iterations", type=int, default=ITERATIONS,
                        help=f"meta-iterations (default {ITERATIONS}, the settings')")
    parser.add_argument("--out", help="write the results as JSON, in the playground's format")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto",
                        help="auto uses CUDA when PyTorch sees a GPU (default auto)")
    parser.add_argument("--meta-gradient-out", dest="gradient_out",
                        help="write the meta-gradient of the first meta-batch as JSON")
    args = parser.parse_args()
    if args.iterations < 1:
        parser.error(f"--iterations must be 1 or more, not {args.iterations}")
    return args
`;

/**
 * The exported script's command line and results file: the runner's results format (format 2,
 * src/core/results/resultsFile.ts), so the page opens what the script writes.
 */
export const PYTHON_MAIN = `
# ---------------------------------------------------------------------------------------------
# Command line and results.
# ---------------------------------------------------------------------------------------------
def parse_arguments():
    parser = argparse.ArgumentParser(
        description="Runs the experiment; with torchrun, data-parallel over each meta-batch's tasks.")
    args = parse_run_arguments(parser)
    return args


def print_summary(evaluation):
    shown = sorted({0, 1, TEST_INNER_STEPS} & set(evaluation["steps"]))
    print(f"Held-out MSE over {evaluation['tasks']} tasks (mean +- 95% interval):")
    for model in evaluation["models"]:
        cells = [f"{s} steps: {model['loss']['mean'][s]:.3f} +- {model['loss']['ci95'][s]:.3f}"
                 for s in shown]
        print(f"  {model['id']:<11} " + "   ".join(cells))


def main():
    args = parse_arguments()
    rank, processes, device = start_processes(args.device)
    theta = initial_network(create_rng(SEED, "init"))
    learner = Learner(ALGORITHM, theta, device)
    pretrained = Pretrained(theta, device)
    scratch = [p.to(device) for p in initial_network(create_rng(SEED, "scratch"))]
    started = time.perf_counter()
    curve, milliseconds, divergence, pretrained_divergence = train(
        learner, pretrained, args.iterations, rank, processes, device, args.gradient_out)
    training_seconds = time.perf_counter() - started
    if rank == 0:
        evaluation, evaluation_seconds = None, None
        if divergence is None:
            started = time.perf_counter()
            tasks = sample_sine_waves(create_rng(SEED, "evaluation"), EVAL_TASKS, SHOTS,
                                      EVAL_QUERY).to(device)
            done = len(curve)
            plain_sgd = ([INNER_LR] * len(scratch), 0)
            evaluation = {
                "steps": list(range(TEST_INNER_STEPS + 1)),
                "tasks": EVAL_TASKS,
                "lossKind": "mse",
                "models": [
                    model_curves(ALGORITHM, "learner", learner.theta, learner.test_rule(), tasks,
                                 done, milliseconds["learner"]),
                    model_curves("pretrained", "baseline", pretrained.theta, plain_sgd, tasks,
                                 done, milliseconds["pretrained"], pretrained_divergence),
                    model_curves("scratch", "baseline", scratch, plain_sgd, tasks, 0, math.nan),
                ],
            }
            evaluation_seconds = time.perf_counter() - started
            print_summary(evaluation)
        else:
            print(divergence["message"], file=sys.stderr)
        if args.out:
            write_results(args.out, {
                "iterations_asked": args.iterations, "device": device, "processes": processes,
                "curve": curve, "accuracy_curve": [], "training_seconds": training_seconds,
                "evaluation_seconds": evaluation_seconds, "divergence": divergence,
                "evaluation": evaluation, "one_shot": None, "theta": learner.theta,
            })
    if dist.is_initialized():
        dist.destroy_process_group()
    return 3 if divergence else 0


if __name__ == "__main__":
    sys.exit(main())
`;
