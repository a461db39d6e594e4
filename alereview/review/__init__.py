"""A review folder: ``alereview init`` writes its config and the templates of the files a
researcher fills in (:mod:`~.init`; the command: :mod:`~.cli`)."""
