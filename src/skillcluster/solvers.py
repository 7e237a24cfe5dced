"""The optimisation solver every context shares: HiGHS (through `highspy`), built silent and on one thread
(pure: no Django)."""

import os
import threading

import highspy

_CONSTRUCT = threading.Lock()


def silent_highs() -> highspy.Highs:
    """A solver that prints nothing. HiGHS writes its banner to the process's stdout while it is built, before
    any option can silence it; with JSON logs on stdout that line would be noise, so it goes to /dev/null."""
    with _CONSTRUCT:
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                solver = highspy.Highs()  # type: ignore[no-untyped-call]
        finally:
            os.dup2(saved, 1)
            os.close(saved)
    solver.setOptionValue("output_flag", False)
    # HiGHS starts one thread scheduler per process, sized by the first solver that runs; a later solver
    # asking another size fails to run at all. Every solver here runs on one thread (a web worker's share).
    solver.setOptionValue("threads", 1)
    return solver
