# Stage 4, coordinates (docs/architecture.md).
#
# coordinates  coordinate tables + Sleuth files + the study table + screening's included records
#              -> per analysis a Sleuth file (GingerALE) and a NiMARE Studyset (NIMADS JSON) in
#              MNI; foci_mni.tsv (every focus, reported and MNI, transform, distance to the mask)
#              and summary.tsv (experiments, foci, subjects, studies converted from Talairach).
#
# Inputs come through after_screening_gate (rules/common.smk): nothing runs while records await
# screening decisions, and an update that includes no new study leaves these outputs untouched.


rule coordinates:
    input:
        unpack(after_screening_gate(
            **({"included": "results/screening/included.tsv", "gate": "results/screening/gate.json"} if STAGES.screening else {}),
        )),
        tables=config["coordinates"]["tables"],
        sleuth=[entry["path"] for entry in config["coordinates"]["sleuth"]],
        **({"studies": config["studies"]["table"]} if STAGES.study_table else {}),
    output:
        sleuth=expand("results/coordinates/{analysis}.sleuth.txt", analysis=ANALYSES),
        studyset=expand("results/coordinates/{analysis}.studyset.json", analysis=ANALYSES),
        foci="results/coordinates/foci_mni.tsv",
        summary="results/coordinates/summary.tsv",
    log:
        "logs/coordinates/coordinates.log",
    params:
        coordinates=config["coordinates"],
        analyses=config["analyses"],
        mask=config["ale"]["mask"],
        review_id=config["review"]["id"],
        simulated=SIMULATED,
    threads: 1
    resources:
        mem_mb=1000,
    script:
        "../scripts/coordinates_build.py"
