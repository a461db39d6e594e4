# Stage 4, coordinates (docs/architecture.md).
#
# coordinates  coordinate tables + Sleuth files + the study table + screening's included records
#              -> per analysis a Sleuth file (GingerALE) and a NiMARE Studyset (NIMADS JSON) in
#              MNI; foci_mni.tsv (every focus, reported and MNI, transform, distance to the mask)
#              and summary.tsv (experiments, foci, subjects, studies converted from Talairach);
#              data_checks.tsv (every check on the coordinates and its count), transforms.tsv
#              (the Talairach -> MNI transform applied to each study) and subject_groups.tsv.
#              Inputs may also be NIMADS studysets (+ annotations) or NiMARE Dataset JSON.
#
# Inputs come through after_screening_gate (rules/common.smk): nothing runs while records await
# screening decisions, and an update that includes no new study leaves these outputs untouched.


# coordinates_check runs the whole stage in memory and writes only checked.json (what it read):
# a mistake it finds (one that needs the screening's included studies, or the brain mask) fails
# this job, and coordinates_build, which would first delete the stage's earlier outputs, never
# starts.


rule coordinates_check:
    input:
        unpack(
            after_screening_gate(
                **({"included": P("included"), "gate": P("gate")} if STAGES.screening else {}),
            )
        ),
        **({"studies": config["studies"]["table"]} if STAGES.study_table else {}),
        tables=config["coordinates"]["tables"],
        sleuth=[entry["path"] for entry in config["coordinates"]["sleuth"]],
        studysets=[entry[key] for entry in config["coordinates"]["studysets"] for key in ("path", "annotation") if entry.get(key)],
    output:
        checked=P("coordinates_checked"),
    log:
        "logs/coordinates/check.log",
    threads: 1
    resources:
        mem_mb=1000,
    params:
        coordinates=config["coordinates"],
        analyses=config["analyses"],
        mask=config["ale"]["mask"],
        review_id=config["review"]["id"],
        simulated=SIMULATED,
    script:
        "../scripts/coordinates_check.py"


rule coordinates_build:
    input:
        unpack(
            after_screening_gate(
                **({"included": P("included"), "gate": P("gate")} if STAGES.screening else {}),
            )
        ),
        **({"studies": config["studies"]["table"]} if STAGES.study_table else {}),
        checked=P("coordinates_checked"),
        tables=config["coordinates"]["tables"],
        sleuth=[entry["path"] for entry in config["coordinates"]["sleuth"]],
        studysets=[entry[key] for entry in config["coordinates"]["studysets"] for key in ("path", "annotation") if entry.get(key)],
    output:
        sleuth=expand(P("coordinates_sleuth"), analysis=ANALYSES),
        studyset=expand(P("coordinates_studyset"), analysis=ANALYSES),
        foci=P("foci"),
        summary=P("coordinates_summary"),
        checks=P("coordinates_checks"),
        transforms=P("coordinates_transforms"),
        subject_groups=P("coordinates_subject_groups"),
    log:
        "logs/coordinates/coordinates.log",
    threads: 1
    resources:
        mem_mb=1000,
    params:
        coordinates=config["coordinates"],
        analyses=config["analyses"],
        mask=config["ale"]["mask"],
        review_id=config["review"]["id"],
        simulated=SIMULATED,
    script:
        "../scripts/coordinates_build.py"
