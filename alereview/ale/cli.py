"""``alereview ale SLEUTH --out DIR``: one ALE analysis (and optionally its jackknife).

Writes ``DIR/clusters.tsv``, ``DIR/clusters.nii.gz`` (integer cluster labels) and the maps of
:func:`alereview.ale.run.run_analysis`; with ``--jackknife``, ``DIR/jackknife.tsv`` too.

The file (Sleuth, or a NIMADS / NiMARE studyset ``.json``) is read and checked as the
coordinates stage reads it (:func:`alereview.coordinates.load_experiments`): a bad value, or two
experiments with the same name, is an error naming the file, the line (or record) and the field
(NiMARE's own reader would keep only the last of two same-named experiments); so are experiments
entered twice (``--duplicates warn`` makes it a warning); foci outside the mask are warned about
with their distance. Talairach foci are converted with Lancaster et al.'s (2007) SPM
transform, the coordinates stage's default (its config ``coordinates.transform`` offers others).
"""

from __future__ import annotations

from pathlib import Path

from alereview.ale.thresholds import ThresholdSettings
from alereview.config_refs import check_mask as check_mask_setting
from alereview.errors import ConfigError, InputError
from alereview.coordinates.load import load_experiments
from alereview.coordinates.build import CheckSettings, check_across
from alereview.coordinates.checks import check_mask
from alereview.jackknife.leave_out import gather, leave_one_out
from alereview.ale.run import experiment_table, run_analysis
from alereview.layout import outputs_in
from alereview.logs import setup_logging
from alereview.tsv import read_tsv, write_tsv
from alereview.numbers import cli_float, cli_int

#: The schema's defaults (alereview/data/config.schema.yaml), for the options' defaults.
DEFAULT = ThresholdSettings()


def settings_from_args(args) -> ThresholdSettings:
    """Threshold settings from the command-line options."""
    given = [name for name in ("cluster_fwe", "voxel_fwe", "fdr") if getattr(args, name) is not None]
    if len(given) > 1:
        raise InputError(
            f"give one threshold method, not {' and '.join('--' + g.replace('_', '-') for g in given)}",
            field="--" + given[1].replace("_", "-"),
        )
    if args.cluster_fwe is not None:
        method = "cluster_fwe"
    elif args.voxel_fwe is not None:
        method = "voxel_fwe"
    elif args.fdr is not None:
        method = "fdr"
    else:
        method = "uncorrected"
    return ThresholdSettings(
        method=method,
        voxel_p=args.voxel_p,
        min_volume_mm3=args.min_volume if args.min_volume is not None else (0 if method != "uncorrected" else 400),
        cluster_p=args.cluster_fwe if args.cluster_fwe is not None else 0.05,
        voxel_fwe_p=args.voxel_fwe if args.voxel_fwe is not None else 0.05,
        iterations=args.iterations,
        chunks=1,
        connectivity=args.connectivity,
        fdr_q=args.fdr if args.fdr is not None else 0.05,
        fdr_variant=args.fdr_variant,
        fwhm_mm=args.fwhm,
    )


def _check_mask_option(mask) -> None:
    """``--mask`` is ``ale_2mm`` or a readable 3-D NIfTI: an InputError naming it otherwise."""

    try:
        check_mask_setting(mask, ".", key="--mask")
    except ConfigError as error:
        raise InputError(error.message, path=mask, field="--mask") from None


def _check_experiments(args) -> None:
    """The coordinates stage's checks across the file's experiments, before anything is fitted.

    Every value was checked when the file was read (:func:`alereview.coordinates.load_experiments`);
    here: experiments entered twice (an error, or a warning with ``--duplicates warn``),
    experiments of one study that may share subjects, implausible sample sizes (warnings),
    and foci outside the mask (a warning with the distance in mm).
    """

    experiments = load_experiments(args.sleuth)
    check_across(experiments, CheckSettings(duplicate_experiments=args.duplicates, subject_groups="warn"))
    check_mask(experiments, args.mask)


def _run(args) -> int:

    setup_logging(None)
    _check_mask_option(args.mask)
    _check_experiments(args)
    outputs = outputs_in(args.out, "ale_analysis")
    analysis = args.name or Path(args.sleuth).name.split(".")[0]
    settings = settings_from_args(args)
    summary = run_analysis(
        args.sleuth, {k: v for k, v in outputs.items() if k != "experiments"}, analysis, settings, seed=args.seed, mask=args.mask
    )
    print(f"{summary['n_clusters']} clusters ({summary['threshold']}): {outputs['clusters']}")
    if args.jackknife:
        experiments = experiment_table(args.sleuth)
        write_tsv(experiments, outputs["experiments"])
        survivals = {}
        if summary["n_clusters"]:
            survivals = {
                slug: leave_one_out(
                    args.sleuth, slug, outputs["clusters_img"], outputs["clusters"], analysis, settings, seed=args.seed, mask=args.mask
                )
                for slug in experiments["slug"]
            }
        jackknife = Path(args.out) / "jackknife.tsv"  # the command's own: one table, not one per analysis
        write_tsv(gather(experiments, read_tsv(outputs["clusters"]), survivals), jackknife)
        print(f"jackknife: {jackknife}")
    return 0


def register(subparsers) -> None:
    """Add the ``ale`` sub-command."""
    parser = subparsers.add_parser("ale", help="run one ALE analysis on a Sleuth file", description=__doc__.splitlines()[0])
    parser.add_argument("sleuth", help="GingerALE Sleuth text file (MNI or Talairach; experiment names unique) or NiMARE Studyset (.json)")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--name", help="analysis name in the tables (default: the file name)")
    parser.add_argument("--voxel-p", type=cli_float, default=DEFAULT.voxel_p, help="cluster-forming voxel p (default %(default)s)")
    parser.add_argument(
        "--min-volume", type=cli_float, help="minimum cluster volume in mm3, inclusive (default 400 uncorrected, 0 with FWE)"
    )
    parser.add_argument("--cluster-fwe", type=cli_float, metavar="P", help="cluster-level FWE p (Monte Carlo)")
    parser.add_argument("--voxel-fwe", type=cli_float, metavar="P", help="voxel-level FWE p (Monte Carlo)")
    parser.add_argument(
        "--fdr", type=cli_float, metavar="Q", help="voxel-level FDR q, no Monte Carlo (GingerALE's FDR; for re-running older analyses)"
    )
    parser.add_argument(
        "--fdr-variant",
        choices=("pid", "pn"),
        default="pid",
        help="pid: Benjamini-Hochberg (default), pn: Benjamini-Yekutieli (GingerALE's pID / pN)",
    )
    parser.add_argument(
        "--fwhm",
        type=cli_float,
        metavar="MM",
        help="one kernel FWHM in mm for every experiment (GingerALE 1.x) instead of the sample-size kernel",
    )
    parser.add_argument("--iterations", type=cli_int, default=DEFAULT.iterations, help="Monte Carlo iterations (default %(default)s)")
    parser.add_argument(
        "--connectivity",
        type=cli_int,
        choices=(6, 18, 26),
        default=DEFAULT.connectivity,
        help="cluster neighbourhood (default %(default)s)",
    )
    parser.add_argument("--mask", default="ale_2mm", help="ale_2mm (default) or a NIfTI mask")
    parser.add_argument("--seed", type=cli_int, default=0, help="random seed of the Monte Carlo")
    parser.add_argument("--jackknife", action="store_true", help="also leave each experiment out (DIR/jackknife.tsv)")
    parser.add_argument(
        "--duplicates",
        choices=("error", "warn"),
        default="error",
        help="experiments with identical or near-identical foci (>= 90%% within 1 mm): error (default) or warn",
    )
    parser.set_defaults(handler=_run)
