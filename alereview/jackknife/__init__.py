"""Stage 5b, the leave-one-experiment-out jackknife: which clusters survive without each
experiment (:mod:`~.leave_out`; the rules' steps: :mod:`~.steps`)."""
