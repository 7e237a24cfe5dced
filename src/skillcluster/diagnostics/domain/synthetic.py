"""Deterministic synthetic answers for the demo seed and for tests (numpy, no Django).

Model (all latent values in standard-deviation units):

* A firm has one latent value per scale: ``mean[scale] + size shift + start-up shift + firm factor``, where
  the firm factor is ``sqrt(GENERAL) x g + sqrt(1 - GENERAL) x u[scale]`` with ``g``, ``u`` standard
  normal (firms that learn in one way tend to learn in others).
* The means encode the seed's findings: knowledge acquisition ahead of market intelligence and competence
  development; micro-firms and start-ups lower on pro-active learning (crisis-driven), micro-firms lower on
  participation and on time/money for learning.
* A respondent sees the firm's value plus a personal deviation (``RESPONDENT_SD``); the owner sees
  pro-active and participative learning rosier (``OWNER_BIAS``), which yields owner-staff gaps.
* Each item answer is ``LOADING x latent + sqrt(1 - LOADING^2) x noise``, mapped to 1..5 by
  ``round(3 + SPREAD x value)`` and clipped; a reverse-keyed item is turned (``6 - answer``). With these
  values the scales reach a Cronbach's alpha of about 0.7-0.85 over owners.

The same seed always gives the same answers (numpy's PCG64 ``default_rng``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .instrument import OWNER_FORM, STAFF_FORM, Instrument, Item

SIZE_CLASSES = ("micro", "small", "medium")
GENERAL = 0.35
LOADING = 0.66
SPREAD = 1.15
RESPONDENT_SD = 0.45
SCALE_MEANS: Mapping[str, float] = {
    "information_gathering": -0.35,
    "knowledge_acquisition": 0.45,
    "competence_development": -0.3,
    "proactive_learning": 0.0,
    "participative_learning": 0.0,
    "context": -0.1,
}
SIZE_SHIFTS: Mapping[str, Mapping[str, float]] = {
    "micro": {
        "proactive_learning": -0.45,
        "participative_learning": -0.3,
        "context": -0.35,
        "competence_development": -0.2,
    },
    "small": {},
    "medium": {
        "proactive_learning": 0.35,
        "participative_learning": 0.2,
        "context": 0.3,
        "competence_development": 0.2,
    },
}
# later versions split "context": their scales answer from its latent value (v1 draws stay as they were)
SCALE_ALIASES: Mapping[str, str] = {"resources": "context", "learning_networks": "context"}
STARTUP_SHIFTS: Mapping[str, float] = {"proactive_learning": -0.45, "competence_development": -0.15}
OWNER_BIAS: Mapping[str, float] = {"proactive_learning": 0.2, "participative_learning": 0.35}


@dataclass(frozen=True)
class SyntheticFirm:
    size_class: str
    is_startup: bool
    latent: dict[str, float]
    owner: dict[str, int]
    staff: tuple[dict[str, int], ...]


def firm_means(size_class: str, is_startup: bool) -> dict[str, float]:
    """Expected latent value per scale for a firm of this kind."""
    if size_class not in SIZE_SHIFTS:
        raise ValueError(f"size_class {size_class!r} is not one of {list(SIZE_CLASSES)}")
    shifts = SIZE_SHIFTS[size_class]
    start = STARTUP_SHIFTS if is_startup else {}
    return {scale: mean + shifts.get(scale, 0.0) + start.get(scale, 0.0) for scale, mean in SCALE_MEANS.items()}


def synthetic_firm(
    instrument: Instrument,
    *,
    seed: int | Sequence[int],
    size_class: str,
    is_startup: bool,
    n_staff: int = 0,
    later: tuple[int, Mapping[str, float]] | None = None,
) -> SyntheticFirm:
    """Owner answers (owner form) and ``n_staff`` staff answer sets (staff form) for one firm.

    ``later=(round_number, growth)`` answers a later round for the same firm: the same latent profile
    (drawn from ``seed``) moved by ``growth`` (SD units per scale), with fresh answer noise."""
    if (instrument.min_value, instrument.max_value) != (1, 5):
        raise ValueError("the synthetic model maps answers onto a 1..5 response scale")
    rng = np.random.default_rng(seed)
    latent = _firm_latent(rng, firm_means(size_class, is_startup))
    if later is not None:
        round_number, growth = later
        latent = {scale: value + growth.get(scale, 0.0) for scale, value in latent.items()}
        rng = np.random.default_rng([*np.atleast_1d(seed).tolist(), round_number])
    owner = _answers(rng, instrument, OWNER_FORM, _respondent(rng, latent, OWNER_BIAS))
    staff = tuple(_answers(rng, instrument, STAFF_FORM, _respondent(rng, latent, {})) for _ in range(n_staff))
    return SyntheticFirm(size_class, is_startup, latent, owner, staff)


def synthetic_cluster(
    instrument: Instrument, *, seed: int, firms: Sequence[tuple[str, bool]], n_staff: int = 0
) -> tuple[SyntheticFirm, ...]:
    """One :class:`SyntheticFirm` per ``(size_class, is_startup)``; firm ``i`` uses seed ``[seed, i]``."""
    return tuple(
        synthetic_firm(instrument, seed=[seed, index], size_class=size, is_startup=startup, n_staff=n_staff)
        for index, (size, startup) in enumerate(firms)
    )


def _firm_latent(rng: np.random.Generator, means: Mapping[str, float]) -> dict[str, float]:
    general = float(rng.standard_normal())
    unique = rng.standard_normal(len(means))
    return {
        scale: mean + math.sqrt(GENERAL) * general + math.sqrt(1 - GENERAL) * float(u)
        for (scale, mean), u in zip(means.items(), unique, strict=True)
    }


def _respondent(rng: np.random.Generator, latent: Mapping[str, float], bias: Mapping[str, float]) -> dict[str, float]:
    deviation = rng.standard_normal(len(latent)) * RESPONDENT_SD
    return {
        scale: value + bias.get(scale, 0.0) + float(d)
        for (scale, value), d in zip(latent.items(), deviation, strict=True)
    }


def _answers(
    rng: np.random.Generator, instrument: Instrument, form: str, latent: Mapping[str, float]
) -> dict[str, int]:
    items = instrument.form_items(form)
    noise = rng.standard_normal(len(items))
    return {
        item.code: _answer(item, latent[SCALE_ALIASES.get(item.scale, item.scale)], float(e))
        for item, e in zip(items, noise, strict=True)
    }


def _answer(item: Item, latent: float, noise: float) -> int:
    value = LOADING * latent + math.sqrt(1 - LOADING**2) * noise
    answer = min(5, max(1, round(3 + SPREAD * value)))
    return 6 - answer if item.reverse else answer
