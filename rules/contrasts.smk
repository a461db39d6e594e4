# Stage rules: contrasts between analyses (config ale.contrasts; alereview.ale.subtraction).
#
# ale_contrast        one subtraction (A - B and B - A by permutation: GingerALE-style gated,
#                     the default, or NiMARE's two-sided whole-mask test) or conjunction (the
#                     minimum of the two thresholded ALE maps): clusters.tsv, peaks.tsv (with the
#                     anatomical labels), clusters.nii.gz, stat.nii.gz, thresholded.nii.gz and
#                     threshold.json in results/ale/contrasts/{contrast}/.
# figures_contrast    its cluster panels and glass brain, as for an analysis:
#                     results/figures/contrast_{contrast}_{clusters,glass_brain}.png (+ vector).
#
# contrast_final_outputs() lists every output, for rule all. Resources: a subtraction job is
# NiMARE's ALESubtraction (~500 MB; the permutations dominate, bounded below from the
# iterations at 10 permutations/s); a conjunction reads four maps.


wildcard_constraints:
    contrast="|".join(ALE_CONTRASTS) or "__none__",


CONTRAST_FILES = ("clusters.tsv", "peaks.tsv", "clusters.nii.gz", "stat.nii.gz", "thresholded.nii.gz", "threshold.json")


def contrast_inputs(wildcards):
    """What a contrast reads from its two analyses: Sleuth files and cluster images for a
    subtraction; thresholded ALE, p and z maps for a conjunction."""
    contrast = ALE_CONTRASTS[wildcards.contrast]
    if contrast["kind"] == "subtraction":
        named = {
            "a": P("coordinates_sleuth"),
            "b": P("coordinates_sleuth"),
            "a_clusters": "results/ale/{analysis}/clusters.nii.gz",
            "b_clusters": "results/ale/{analysis}/clusters.nii.gz",
        }
    else:
        named = {
            f"{side}_{key}": f"results/ale/{{analysis}}/{name}"
            for side in ("a", "b")
            for key, name in (("thresholded", "thresholded_ale.nii.gz"), ("p", "p.nii.gz"), ("z", "z.nii.gz"))
        }
    wait_for_gate()
    return {key: path.format(analysis=contrast[key[0]]) for key, path in named.items()}


def contrast_runtime_minutes(wildcards):
    """Runtime bound: 10 permutations/s at worst, plus 5 minutes."""
    contrast = ALE_CONTRASTS[wildcards.contrast]
    if contrast["kind"] != "subtraction":
        return 5
    return 5 + math.ceil(contrast.get("iterations", 10000) / 10 / 60)


def contrast_title(wildcards):
    """``"A − B: <title of A> − <title of B>"`` (subtraction; ``∩`` for a conjunction)."""
    contrast = ALE_CONTRASTS[wildcards.contrast]
    titles = [config["analyses"][contrast[side]].get("title") or contrast[side] for side in ("a", "b")]
    sign = "−" if contrast["kind"] == "subtraction" else "∩"
    return f"A {sign} B: {titles[0]} {sign} {titles[1]}"


def contrast_final_outputs():
    """Every output of every contrast (tables, maps, figures), for rule all."""
    outputs = expand("results/ale/contrasts/{contrast}/{file}", contrast=list(ALE_CONTRASTS), file=CONTRAST_FILES)
    outputs += expand(
        "results/figures/contrast_{contrast}_{kind}.{ext}",
        contrast=list(ALE_CONTRASTS),
        kind=["clusters", "glass_brain"],
        ext=["png", FIG_VECTOR],
    )
    return outputs


rule ale_contrast:
    input:
        unpack(contrast_inputs),
    output:
        clusters="results/ale/contrasts/{contrast}/clusters.tsv",
        peaks="results/ale/contrasts/{contrast}/peaks.tsv",
        clusters_img="results/ale/contrasts/{contrast}/clusters.nii.gz",
        stat="results/ale/contrasts/{contrast}/stat.nii.gz",
        thresholded="results/ale/contrasts/{contrast}/thresholded.nii.gz",
        threshold="results/ale/contrasts/{contrast}/threshold.json",
    log:
        "logs/ale/contrast_{contrast}.log",
    benchmark:
        "benchmarks/ale/contrast_{contrast}.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=contrast_runtime_minutes,
    params:
        contrast=lambda wildcards: ALE_CONTRASTS[wildcards.contrast],
        connectivity=config["ale"].get("connectivity", 6),
        mask=config["ale"].get("mask", "ale_2mm"),
        labels=config.get("labels", {}),
        seed=config["review"]["seed"],
        out_dir=lambda wildcards: f"results/ale/contrasts/{wildcards.contrast}",
    script:
        "../scripts/ale_contrast.py"


localrules:
    figures_contrast,


rule figures_contrast:
    input:
        thresholded="results/ale/contrasts/{contrast}/thresholded.nii.gz",
        clusters="results/ale/contrasts/{contrast}/clusters.tsv",
        threshold="results/ale/contrasts/{contrast}/threshold.json",
    output:
        clusters=report(
            "results/figures/contrast_{contrast}_clusters.png",
            caption="../report/contrast_clusters.rst",
            category="Contrasts",
            subcategory="{contrast}",
            labels={"contrast": "{contrast}", "figure": "clusters"},
        ),
        clusters_vector=f"results/figures/contrast_{{contrast}}_clusters.{FIG_VECTOR}",
        glass=report(
            "results/figures/contrast_{contrast}_glass_brain.png",
            caption="../report/contrast_glass_brain.rst",
            category="Contrasts",
            subcategory="{contrast}",
            labels={"contrast": "{contrast}", "figure": "glass brain"},
        ),
        glass_vector=f"results/figures/contrast_{{contrast}}_glass_brain.{FIG_VECTOR}",
    log:
        "logs/figures/contrast_{contrast}.log",
    benchmark:
        "benchmarks/figures/contrast_{contrast}.tsv"
    resources:
        mem_mb=1200,
    params:
        **FIG_PARAMS,
        title=contrast_title,
        cmap=config["figures"]["cmap"],
    script:
        "../scripts/figures_contrast.py"
