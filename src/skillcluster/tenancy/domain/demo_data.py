"""Pure, deterministic generators for a realistic demo cluster (no Django).

Given a `random.Random`, the same seed always yields the same cluster: a size distribution
like real SME clusters (mostly micro-firms, a few medium-sized), NACE codes that fit the
cluster's trade, plausible firm and person names, and job titles per kind of firm.
"""

import random
from dataclasses import dataclass

from skillcluster.tenancy.domain.sme import SizeClass

# Shares of firms by size class in a typical European manufacturing district
# (micro-firms dominate; medium-sized firms are rare).
SIZE_WEIGHTS = {SizeClass.MICRO: 0.68, SizeClass.SMALL: 0.26, SizeClass.MEDIUM: 0.06}
HEADCOUNT_RANGES = {SizeClass.MICRO: (2, 9), SizeClass.SMALL: (10, 49), SizeClass.MEDIUM: (50, 220)}
TURNOVER_RANGES = {
    SizeClass.MICRO: (90_000, 1_900_000),
    SizeClass.SMALL: (1_200_000, 9_500_000),
    SizeClass.MEDIUM: (9_000_000, 48_000_000),
}
MAX_PEOPLE_PER_FIRM = 14


@dataclass(frozen=True)
class FirmKind:
    prefix: str
    nace_code: str
    weight: float
    jobs: tuple[str, ...]


@dataclass(frozen=True)
class Sector:
    """A cluster's trade: kinds of firms, names and the region they live in."""

    key: str
    cluster_name: str
    nace_sectors: tuple[str, ...]
    nuts_region: str
    nuts_codes: tuple[str, ...]
    kinds: tuple[FirmKind, ...]
    surnames: tuple[str, ...]
    first_names: tuple[str, ...]
    legal_suffixes: tuple[str, ...]
    email_domain_suffix: str


FOOTWEAR = Sector(
    key="footwear",
    cluster_name="Fermo–Macerata Footwear District",
    nace_sectors=("15", "22.19", "28.94"),
    nuts_region="ITI35",
    nuts_codes=("ITI35", "ITI35", "ITI35", "ITI33"),
    kinds=(
        FirmKind(
            "Calzaturificio",
            "15.20",
            0.42,
            (
                "Shoe cutter",
                "Stitching machine operator",
                "Lasting operator",
                "Pattern maker",
                "Footwear finisher",
                "Production manager",
                "Quality controller",
                "Sales and export assistant",
                "Office administrator",
                "Warehouse operator",
            ),
        ),
        FirmKind(
            "Tomaificio",
            "15.20",
            0.16,
            ("Stitching machine operator", "Upper preparer", "Shoe cutter", "Quality controller"),
        ),
        FirmKind(
            "Suolificio",
            "22.19",
            0.10,
            ("Rubber moulding operator", "Machine setter", "Quality controller", "Warehouse operator"),
        ),
        FirmKind(
            "Pelletteria",
            "15.12",
            0.12,
            ("Leather goods artisan", "Leather cutter", "Stitching machine operator", "Sales assistant"),
        ),
        FirmKind("Formificio", "16.29", 0.05, ("Last maker", "CNC operator", "Pattern maker")),
        FirmKind(
            "Meccanica",
            "28.94",
            0.06,
            ("Maintenance technician", "Mechanical designer", "CNC operator", "Sales engineer"),
        ),
        FirmKind("Studio Design", "74.10", 0.05, ("Footwear designer", "3D modeller", "Marketing assistant")),
        FirmKind("Commercio Calzature", "46.42", 0.04, ("Sales agent", "Export manager", "Office administrator")),
    ),
    surnames=(
        "Rossi",
        "Marinelli",
        "Ciarrocchi",
        "Santarelli",
        "Vitali",
        "Cesaroni",
        "Ferracuti",
        "Mancini",
        "Properzi",
        "Tombolini",
        "Ricci",
        "Paci",
        "Iommi",
        "Fabiani",
        "Luciani",
        "Marcantoni",
        "Sbattella",
        "Vecchi",
        "Pompei",
        "Casali",
        "Mariani",
        "Romagnoli",
        "Scarpetta",
        "Cognigni",
        "Verdecchia",
        "Tirabassi",
        "Ortenzi",
        "Sagripanti",
        "Mercuri",
        "Postacchini",
        "Bartolacci",
        "Valentini",
    ),
    first_names=(
        "Giulia",
        "Marco",
        "Francesca",
        "Luca",
        "Sara",
        "Matteo",
        "Chiara",
        "Andrea",
        "Elena",
        "Davide",
        "Silvia",
        "Paolo",
        "Martina",
        "Simone",
        "Federica",
        "Stefano",
        "Laura",
        "Roberto",
        "Anna",
        "Alessandro",
        "Valentina",
        "Fabio",
        "Ilaria",
        "Giorgio",
        "Marta",
        "Daniele",
        "Elisa",
        "Michele",
        "Beatrice",
        "Lorenzo",
        "Noemi",
        "Emanuele",
    ),
    legal_suffixes=("S.r.l.", "S.r.l.", "S.r.l.", "S.n.c.", "di {first} {surname}"),
    email_domain_suffix="it",
)


@dataclass(frozen=True)
class DemoPerson:
    full_name: str
    email: str
    job_title: str


@dataclass(frozen=True)
class DemoFirm:
    legal_name: str
    headcount: int
    turnover_eur: int | None
    balance_sheet_eur: int | None
    founding_year: int
    nace_code: str
    nuts_code: str
    kind: str
    people: tuple[DemoPerson, ...]  # people[0] is the owner


def _pick_size(rng: random.Random) -> SizeClass:
    sizes = list(SIZE_WEIGHTS)
    return rng.choices(sizes, weights=[SIZE_WEIGHTS[s] for s in sizes])[0]


def _headcount(rng: random.Random, size: SizeClass) -> int:
    low, high = HEADCOUNT_RANGES[size]
    # Skewed towards the small end of each class, as in real firm-size distributions.
    return low + int((high - low + 1) * rng.random() ** 1.6)


def _founding_year(rng: random.Random, current_year: int, size: SizeClass) -> int:
    if size == SizeClass.MICRO and rng.random() < 0.22:
        return current_year - rng.randint(0, 4)
    return rng.randint(1958, current_year - 5)


def _slug(text: str) -> str:
    cleaned = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in cleaned.split("-") if part)


def _person(
    rng: random.Random, sector: Sector, domain: str, job: str, used: set[str], name: tuple[str, str] | None = None
) -> DemoPerson:
    """A person (called `name`, or a random name) with an e-mail address made of that name and not yet `used`
    in this firm (a number is added to a repeated name)."""
    first, surname = name or (rng.choice(sector.first_names), rng.choice(sector.surnames))
    local = f"{_slug(first)}.{_slug(surname)}"
    email = f"{local}@{domain}"
    while email in used:
        email = f"{local}{rng.randint(2, 99)}@{domain}"
    used.add(email)
    return DemoPerson(f"{first} {surname}", email, job)


def demo_firms(rng: random.Random, sector: Sector, count: int, *, current_year: int) -> list[DemoFirm]:
    """`count` distinct firms for `sector`; deterministic for a given rng state."""
    firms: list[DemoFirm] = []
    names: set[str] = set()
    while len(firms) < count:
        firm = _demo_firm(rng, sector, current_year, names)
        if firm is not None:
            firms.append(firm)
    return firms


def _demo_firm(rng: random.Random, sector: Sector, current_year: int, names: set[str]) -> DemoFirm | None:
    kind = rng.choices(sector.kinds, weights=[k.weight for k in sector.kinds])[0]
    owner_first, owner_surname = rng.choice(sector.first_names), rng.choice(sector.surnames)
    size = _pick_size(rng)
    # Joint-stock companies (S.p.A.) are medium-sized; micro-firms are often sole traders "di <owner>".
    suffix = "S.p.A." if size == SizeClass.MEDIUM else rng.choice(sector.legal_suffixes)
    suffix = suffix.format(first=owner_first, surname=owner_surname)
    base = f"{kind.prefix} {owner_surname}"
    legal_name = f"{base} {suffix}" if not suffix.startswith("di ") else f"{kind.prefix} {suffix[3:]}"
    if legal_name.lower() in names:
        return None
    names.add(legal_name.lower())
    headcount = _headcount(rng, size)
    turnover = rng.randint(*TURNOVER_RANGES[size]) if rng.random() < 0.7 else None
    balance = int(turnover * rng.uniform(0.5, 0.9)) if turnover and rng.random() < 0.5 else None
    domain = f"{_slug(kind.prefix + '-' + owner_surname)}.{sector.email_domain_suffix}"
    used: set[str] = set()
    owner = _person(rng, sector, domain, "Owner and managing director", used, name=(owner_first, owner_surname))
    staff = [
        _person(rng, sector, domain, rng.choice(kind.jobs), used)
        for _ in range(min(headcount, MAX_PEOPLE_PER_FIRM) - 1)
    ]
    return DemoFirm(
        legal_name=legal_name,
        headcount=headcount,
        turnover_eur=turnover,
        balance_sheet_eur=balance,
        founding_year=_founding_year(rng, current_year, size),
        nace_code=kind.nace_code,
        nuts_code=rng.choice(sector.nuts_codes),
        kind=kind.prefix,
        people=(owner, *staff),
    )
