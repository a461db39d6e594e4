"""The rules of stage 3 (``rules/screening.smk``), one function each: ``steps.<step>(input,
output, params, log)`` runs the rule ``screening_<step>`` (scripts/screening_<step>.py)."""

from __future__ import annotations

from alereview.screening.workflow import run_decisions, run_gate, run_prisma


def decisions(input, output, params, log):
    """Decision files + deduplicated records -> decisions, agreement and the lists to screen."""
    run_decisions(
        input.unique,
        input.clusters,
        input.records,
        params.screening,
        output.decisions,
        output.agreement,
        output.to_screen,
        output.to_screen_ris,
    )


def gate(input, output, params, log):
    """The screening gate: included.tsv, or a planned stop (gate.json says why)."""
    run_gate(
        input.decisions,
        input.to_screen,
        input.unique,
        input.clusters,
        input.records,
        output.included,
        output.gate,
        input.to_screen_ris,
        uncertain_path=input.uncertain,
        template_path=output.template,
        planned_stop=True,
    )


def prisma(input, output, params, log):
    """PRISMA 2020 counts from the data -> prisma.csv."""
    run_prisma(
        input.decisions,
        input.unique,
        input.clusters,
        input.records,
        output.prisma,
        input.counts,
        input.search[0] if input.search else None,
        params.snapshot_dir,
        params.databases,
        foci_path=input.get("foci"),
    )
