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
    """Respondents x shared items of scale ``code``, reverse keying applied, incomplete rows dropped."""
    items = instrument.scale(code).items_for(STAFF_FORM)
    matrix = np.array([[a.get(item.code, np.nan) for item in items] for a in answers], dtype=np.float64)
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
