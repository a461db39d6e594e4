"""Coordinates: tables, Sleuth files and studysets in; checked MNI foci out, as Sleuth and NiMARE Studysets.

Modules: :mod:`~.tables`, :mod:`~.sleuth` and :mod:`~.nimads` (NIMADS / NiMARE JSON) read inputs
into one long table of foci (:mod:`~.model`); :mod:`~.validate` checks it; :mod:`~.studies` ties
experiments to the study table and the included studies; :mod:`~.transforms` converts Talairach
to MNI; :mod:`~.checks` tests foci against the brain; :mod:`~.groups` pools subject groups;
:mod:`~.duplicates` finds experiments entered twice; :mod:`~.datachecks` tabulates every check;
:mod:`~.sleuth` and :mod:`~.studyset` write the results; :mod:`~.build` runs the stage.

For the ALE stage and its jackknife (one job per experiment): :func:`~.load.load_experiments`
reads an analysis's experiments from its Sleuth or Studyset file (:func:`~.load.experiments` and
:func:`~.load.experiment_slugs` list their names and slugs).
"""
