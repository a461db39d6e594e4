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


rule ale_contrast:
    input:
        unpack(contrast_inputs),
    output:
        clusters=P("contrast_clusters"),
        peaks=P("contrast_peaks"),
        clusters_img=P("contrast_clusters_img"),
        stat=P("contrast_stat"),
        thresholded=P("contrast_thresholded"),
        threshold=P("contrast_threshold"),
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
        out_dir=lambda wildcards: P("contrast_dir", contrast=wildcards.contrast),
    script:
        "../scripts/ale_contrast.py"


localrules:
    figures_contrast,


rule figures_contrast:
    input:
        thresholded=P("contrast_thresholded"),
        clusters=P("contrast_clusters"),
        threshold=P("contrast_threshold"),
    output:
        clusters=report(
            P("figure", figure="contrast_{contrast}_clusters", ext="png"),
            caption="../report/contrast_clusters.rst",
            category="Contrasts",
            subcategory="{contrast}",
            labels={"contrast": "{contrast}", "figure": "clusters"},
        ),
        clusters_vector=P("figure", figure="contrast_{contrast}_clusters", ext=FIG_VECTOR),
        glass=report(
            P("figure", figure="contrast_{contrast}_glass_brain", ext="png"),
            caption="../report/contrast_glass_brain.rst",
            category="Contrasts",
            subcategory="{contrast}",
            labels={"contrast": "{contrast}", "figure": "glass brain"},
        ),
        glass_vector=P("figure", figure="contrast_{contrast}_glass_brain", ext=FIG_VECTOR),
    log:
        "logs/figures/contrast_{contrast}.log",
    benchmark:
        "benchmarks/figures/contrast_{contrast}.tsv"
    resources:
        mem_mb=1200,
    params:
        **FIG_PARAMS,
        title=contrast_figure_title,
        cmap=config["figures"]["cmap"],
    script:
        "../scripts/figures_contrast.py"
