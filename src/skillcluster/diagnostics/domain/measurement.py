"""How precisely a scale score measures, from the answers of a round (pure module, numpy only).

A firm's scale score is shown with a 95 % band, +- 1.96 standard errors of measurement: the SEM comes from
the scale's reliability (Cronbach's alpha) and spread on the round's published answers, over the items both
forms share, which every respondent answered. Below :data:`psychometrics.MIN_RESPONDENTS` complete answers
there is no band: the reliability itself would be too uncertain.
"""

from collections.abc import Sequence

import numpy as np

from . import psychometrics
from .instrument import STAFF_FORM, Instrument

Z95 = 1.96


def keyed_matrix(instrument: Instrument, code: str, answers: Sequence[dict[str, int]]) -> psychometrics.Matrix:
    """Respondents x shared items of scale ``code``, reverse keying applied, incomplete rows dropped ("don't
    know" counts as missing)."""
    items = instrument.scale(code).items_for(STAFF_FORM)
    rows = [[a[item.code] if instrument.is_answer(a.get(item.code)) else np.nan for item in items] for a in answers]
    matrix = np.array(rows, dtype=np.float64)
    matrix = matrix.reshape(len(answers), len(items))
    keyed = psychometrics.apply_keying(
        matrix, [item.reverse for item in items], instrument.min_value, instrument.max_value
    )
    return psychometrics.complete_rows(keyed)


def error_band(instrument: Instrument, code: str, answers: Sequence[dict[str, int]]) -> float | None:
    """Half-width of the 95 % band of a scale score (points), or ``None`` below the respondent floor."""
    matrix = keyed_matrix(instrument, code, answers)
    if matrix.shape[0] < psychometrics.MIN_RESPONDENTS:
        return None
    alpha = psychometrics.cronbach_alpha(matrix)
    if np.isnan(alpha):
        return None
    return Z95 * psychometrics.sem_points(matrix, alpha, instrument.min_value, instrument.max_value)


def overall_change_step(errors: Sequence[float | None]) -> float | None:
    """The smallest change of a firm's overall score (mean of the triad) between two rounds that measurement
    error does not explain at 95 %: errors independent, ``1.96 x sqrt(2) x sqrt(sum SEM^2) / 3``.
    ``errors`` are the triad's band half-widths (1.96 SEM); ``None`` when one is unknown."""
    if not errors or any(error is None for error in errors):
        return None
    sems = [float(error) / Z95 for error in errors if error is not None]
    return Z95 * float(np.sqrt(2.0 * sum(sem * sem for sem in sems))) / len(sems)


def balance_change_step(errors: Sequence[float | None]) -> float | None:
    """The same for the balance index (100 minus the spread of two scale scores): a change of a difference
    of two scores between two rounds carries four errors, ``1.96 x 2 x SEM`` with the triad's mean SEM."""
    if not errors or any(error is None for error in errors):
        return None
    sems = [float(error) / Z95 for error in errors if error is not None]
    return Z95 * 2.0 * sum(sems) / len(sems)
