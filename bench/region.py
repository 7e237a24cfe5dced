"""Region generator: a regional agency's worth of data in PostgreSQL, for load tests at scale.

    python bench/region.py --postgres URL [--clusters 40] [--firms 10000] [--people 200000]
                           [--ratings 5000000] [--seed 1] [--no-progress]

Migrates the database at URL and seeds the demo (`skillcluster seed --firms 40`, ESCO included) when it has
none, then grows the demo's support organisation into a region: CLUSTERS clusters (the demo's footwear district
is one of them, filled up with generated firms, so the personas of `bench/web_load.py` see a cluster of
realistic size) holding FIRMS firms, PEOPLE memberships (one person each: an owner per firm, a manager in larger
firms, employees) and RATINGS skill ratings in all, the demo's own rows counted in.

Each cluster has a trade (NACE codes, ESCO occupations by ISCO group); each firm has roles mapped to those ESCO
occupations, with requirements drawn from the occupation's essential skills, and people assigned to them. 85 %
of firms have audited: their people carry self, manager and now and then assessor ratings of their role's
skills over up to five campaigns of the last two years (all still within their validity window), and the
derived `SkillLevel` row per (firm, person, skill) holds what the current-level rule of `audits/domain/levels.py`
picks (checked after the load on a sample, through the ORM and the pure rule).

Writes with COPY, one transaction per table; the ratings and levels tables lose their secondary indexes and
foreign keys during the load and get them back (the same definitions, the keys validated) in the same
transaction. The same seed on the same day gives the same data (dates count back from today). Give it a
scratch database: it refuses one that already holds a region. Prints one JSON line: what was generated, the
database size and how long each phase took.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

NULL = "\\N"  # COPY's text format
UNUSABLE = "!"  # Django's marker of an unusable password: generated people do not log in
AUDITED_SHARE = 0.85
CAMPAIGNS = 5  # at most, per firm; the first ~650 days ago, the last ~100 days ago
DAY_STEP = {"self": 0, "manager": 5, "assessor": 10}  # days after the campaign opens
SOURCE_RANK = {"self": 0, "manager": 1, "assessor": 2}
TRUE_LEVEL = {  # category: weighted levels people really hold (as the demo seed's audit step)
    "production": [2] * 25 + [3] * 50 + [4] * 25,
    "marketing": [0] * 35 + [1] * 45 + [2] * 20,
    "transversal": [1] * 45 + [2] * 40 + [3] * 15,
}
DEFAULT_LEVEL = [1] * 30 + [2] * 45 + [3] * 25
SELF_NOISE = [-1] * 15 + [0] * 50 + [1] * 35  # people rate themselves a little higher than their managers do
MANAGER_NOISE = [-1] * 15 + [0] * 75 + [1] * 10
SIZES = [((2, 9), 68), ((10, 49), 26), ((50, 220), 6)]  # headcount ranges and shares, as in demo_data.py
LEAD_ISCO, OFFICE_ISCO, SALES_ISCO = ("1321", "1120"), ("4110", "3313", "4321"), ("3322", "3323", "5223")


@dataclass(frozen=True)
class Trade:
    label: str
    nace: tuple[str, ...]
    prefixes: tuple[str, ...]
    isco: tuple[str, ...]  # ISCO groups of the production occupations


TRADES = (
    Trade("Footwear District", ("15.20", "15.12", "22.19"), ("Calzaturificio", "Tomaificio", "Suolificio",
          "Pelletteria"), ("7536", "8156", "7535", "7318")),
    Trade("Furniture District", ("31.01", "31.02", "31.09", "16.23"), ("Mobilificio", "Falegnameria",
          "Arredamenti", "Cucine"), ("7522", "8172", "7534", "7115")),
    Trade("Mechanical Engineering Network", ("28.41", "28.29", "25.62", "33.12"), ("Meccanica", "Officina",
          "Costruzioni", "Torneria"), ("7223", "7233", "2144", "8211", "7214")),
    Trade("Home Appliances Cluster", ("27.51", "27.90", "28.25"), ("Elettromeccanica", "Elettrodomestici",
          "Componenti"), ("8212", "7412", "7411", "3115")),
    Trade("Food and Wine Cluster", ("10.71", "10.51", "11.02", "10.39"), ("Pastificio", "Caseificio", "Cantina",
          "Conserve"), ("7512", "8160", "7515")),
    Trade("Knitwear and Clothing District", ("14.13", "14.39", "13.20"), ("Maglificio", "Confezioni",
          "Tessitura"), ("7531", "8153", "7533")),
    Trade("Paper and Printing Cluster", ("17.12", "17.21", "18.12"), ("Cartiera", "Cartotecnica", "Tipografia"),
          ("8171", "8143", "7322")),
    Trade("Digital Innovation Hub", ("62.01", "62.02", "63.11"), ("Software", "Informatica", "Digitale"),
          ("2512", "2511", "3512", "2166")),
    Trade("Musical Instruments District", ("32.20",), ("Fisarmoniche", "Strumenti Musicali", "Liuteria"),
          ("7312", "7522")),
    Trade("Nautical Cluster", ("30.12", "33.15", "30.11"), ("Cantiere Nautico", "Nautica", "Carpenteria"),
          ("7115", "7214", "7233")),
    Trade("Plastics and Rubber Network", ("22.29", "22.21", "22.19"), ("Plastica", "Stampaggio", "Gomma"),
          ("8142", "7223", "8131")),
    Trade("Coastal Tourism Network", ("55.10", "56.10", "79.11"), ("Hotel", "Ristorante", "Viaggi"),
          ("5120", "5131", "4224")),
)  # fmt: skip
TOWNS = {  # Marche, by NUTS 3 province
    "Pesaro": "ITI31", "Urbino": "ITI31", "Fano": "ITI31", "Ancona": "ITI32", "Jesi": "ITI32",
    "Fabriano": "ITI32", "Senigallia": "ITI32", "Osimo": "ITI32", "Castelfidardo": "ITI32", "Loreto": "ITI32",
    "Macerata": "ITI33", "Civitanova": "ITI33", "Recanati": "ITI33", "Tolentino": "ITI33", "Camerino": "ITI33",
    "Ascoli Piceno": "ITI34", "San Benedetto": "ITI34", "Fermo": "ITI35", "Porto San Giorgio": "ITI35",
    "Montegranaro": "ITI35",
}  # fmt: skip
CLUSTER_TYPES = ("industrial_district", "hub_and_spoke", "institution_anchored", "induced_network")
FIRST_NAMES = (
    "Giulia", "Marco", "Francesca", "Luca", "Sara", "Matteo", "Chiara", "Andrea", "Elena", "Davide", "Silvia",
    "Paolo", "Martina", "Simone", "Federica", "Stefano", "Laura", "Roberto", "Anna", "Alessandro", "Valentina",
    "Fabio", "Ilaria", "Giorgio", "Marta", "Daniele", "Elisa", "Michele", "Beatrice", "Lorenzo", "Noemi",
    "Emanuele", "Aurora", "Riccardo", "Giorgia", "Tommaso", "Alice", "Filippo", "Sofia", "Edoardo", "Greta",
    "Nicola", "Irene", "Pietro",
)  # fmt: skip
SURNAMES = (
    "Rossi", "Marinelli", "Ciarrocchi", "Santarelli", "Vitali", "Cesaroni", "Ferracuti", "Mancini", "Properzi",
    "Tombolini", "Ricci", "Paci", "Iommi", "Fabiani", "Luciani", "Marcantoni", "Sbattella", "Vecchi", "Pompei",
    "Casali", "Mariani", "Romagnoli", "Scarpetta", "Cognigni", "Verdecchia", "Tirabassi", "Ortenzi",
    "Sagripanti", "Mercuri", "Postacchini", "Bartolacci", "Valentini", "Bianchi", "Gentili", "Pierini",
    "Giacchetti", "Morresi", "Carloni", "Cingolani", "Falappa", "Mengoni", "Brandoni", "Pieroni", "Santoni",
    "Agostinelli", "Baldoni", "Cardinali", "Emiliani",
)  # fmt: skip


@dataclass(slots=True)
class Member:
    person_id: int
    membership_id: int
    full_name: str
    email: str
    role: str  # owner, manager, employee
    job_title: str
    role_index: int  # which of the firm's roles they hold
    budget: int = 0  # ratings to generate


@dataclass(slots=True)
class FirmPlan:
    id: int
    cluster_index: int
    legal_name: str
    headcount: int
    nace: str
    nuts: str
    roles: list[tuple[int, int]] = field(default_factory=list)  # (role id, occupation id)
    members: list[Member] = field(default_factory=list)
    audited: bool = False


@dataclass
class ClusterPlan:
    id: int
    trade: Trade
    assessor_id: int | None
    occupations: dict[str, list[int]]  # "lead", "production", "office", "sales": occupation ids
    requirements: dict[int, list[tuple[int, int, int]]]  # occupation: [(skill, level, importance)]
    firms: list[FirmPlan] = field(default_factory=list)


class Ids:
    """Ids handed out ahead of the COPY (the rows of several tables refer to each other)."""

    def __init__(self, cursor: Any, tables: Iterable[str]) -> None:
        self.next: dict[str, int] = {}
        for table in tables:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 -- our table names
            self.next[table] = cursor.fetchone()[0]

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


# ---------------------------------------------------------------------------------------------------- setup


def _setup(url: str, seed: int) -> float:
    """Point Django at URL, migrate, seed the demo when missing; seconds spent seeding."""
    var = tempfile.mkdtemp(prefix="skillcluster-region-")
    os.environ.update(DATABASE_URL=url, DEBUG="1", DJANGO_SETTINGS_MODULE="skillcluster.settings",
                      SKILLCLUSTER_VAR_DIR=var, LOG_LEVEL="ERROR")  # fmt: skip
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from skillcluster.tenancy.domain.demo_data import FOOTWEAR
    from skillcluster.tenancy.models import Cluster

    if Cluster.all_objects.filter(name=FOOTWEAR.cluster_name).exists():
        return 0.0
    started = time.monotonic()
    print("Seeding the demo (ESCO, 40 firms, the personas): a few minutes ...", file=sys.stderr)
    with contextlib.redirect_stdout(io.StringIO()):  # the seed's e-mails go to the console
        call_command("seed", firms=40, seed=seed)
    return time.monotonic() - started


def _esco_pools(trades: Iterable[Trade]) -> tuple[dict[str, list[int]], dict[int, list[int]], dict[int, str]]:
    """Occupations by ISCO group, each occupation's essential skills, and each of those skills' category."""
    from skillcluster.taxonomy.models import Occupation, OccupationSkill, SkillCategory

    groups = {g for t in trades for g in t.isco} | {*LEAD_ISCO, *OFFICE_ISCO, *SALES_ISCO}
    by_group: dict[str, list[int]] = {}
    for pk, group in Occupation.objects.filter(isco_group__in=groups).order_by("uri").values_list("pk", "isco_group"):
        by_group.setdefault(group, []).append(pk)
    essential: dict[int, list[int]] = {}
    rows = OccupationSkill.objects.filter(occupation__isco_group__in=groups, relation="essential")
    for occupation, skill in rows.order_by("occupation_id", "skill__uri").values_list("occupation_id", "skill_id"):
        essential.setdefault(occupation, []).append(skill)
    categories: dict[int, str] = {}
    skills = {s for found in essential.values() for s in found}
    for skill, code in (
        SkillCategory.objects.filter(skill_id__in=skills)
        .order_by("skill_id", "category")
        .values_list("skill_id", "category")
    ):
        if code in TRUE_LEVEL or skill not in categories:
            categories[skill] = code
    for group in sorted(groups):
        if not any(essential.get(o) for o in by_group.get(group, [])):
            raise SystemExit(f"ESCO has no occupation with essential skills in ISCO group {group}: is ESCO loaded?")
    return by_group, essential, categories


# ---------------------------------------------------------------------------------------------------- plan


def _cluster_occupations(rng: random.Random, trade: Trade, by_group: dict[str, list[int]],
                         essential: dict[int, list[int]]) -> dict[str, list[int]]:  # fmt: skip
    def pool(groups: Iterable[str], most: int) -> list[int]:
        found = sorted({o for g in groups for o in by_group.get(g, []) if essential.get(o)})
        return rng.sample(found, min(most, len(found)))

    return {"lead": pool(LEAD_ISCO, 1), "production": pool(trade.isco, 6), "office": pool(OFFICE_ISCO, 1),
            "sales": pool(SALES_ISCO, 1)}  # fmt: skip


def _requirements(rng: random.Random, occupations: dict[str, list[int]],
                  essential: dict[int, list[int]]) -> dict[int, list[tuple[int, int, int]]]:  # fmt: skip
    """Per occupation, the skills a firm's role requires: 6-12 of its essential skills, as one cluster keeps them."""
    result = {}
    for occupation in sorted({o for found in occupations.values() for o in found}):
        skills = essential[occupation]
        kept = rng.sample(skills, min(rng.randint(6, 12), len(skills)))
        result[occupation] = [(s, rng.choice([2, 3, 3, 4]), rng.choice([1, 2, 2, 3, 3])) for s in kept]
    return result


def _headcount(rng: random.Random) -> int:
    (low, high), _ = rng.choices(SIZES, weights=[w for _, w in SIZES])[0]
    return low + int((high - low + 1) * rng.random() ** 1.6)


def _split(total: int, weights: list[float]) -> list[int]:
    """``total`` in whole parts proportional to ``weights``, summing to ``total`` exactly."""
    scale, running, done, parts = total / sum(weights), 0.0, 0, []
    for weight in weights:
        running += weight * scale
        parts.append(round(running) - done)
        done += parts[-1]
    return parts


def _firm_names(rng: random.Random, trade: Trade, count: int, taken: set[str]) -> list[str]:
    """``count`` legal names not yet ``taken`` (lowercase, as the unique constraint compares them)."""
    names: list[str] = []
    while len(names) < count:
        surnames = " ".join(rng.sample(SURNAMES, 1 + (rng.random() < 0.6)))  # "Rossi" or "Rossi Paci"
        name = f"{rng.choice(trade.prefixes)} {surnames} {rng.choice(['S.r.l.', 'S.r.l.', 'S.n.c.', 'S.p.A.'])}"
        if name.lower() not in taken:
            taken.add(name.lower())
            names.append(name)
    return names


def _plan_firms(args: argparse.Namespace, clusters: list[ClusterPlan], demo: dict[str, Any], ids: Ids,
                labels: dict[int, str]) -> list[FirmPlan]:  # fmt: skip
    """The generated firms with their roles and people (ids taken), people split to hit --people exactly."""
    per_cluster = _split(args.firms, [1.0] * len(clusters))
    per_cluster[0] -= demo["firms"]
    firms: list[FirmPlan] = []
    heads: list[int] = []
    for index, (cluster, count) in enumerate(zip(clusters, per_cluster, strict=True)):
        rng = random.Random(f"{args.seed}:region:firms:{index}")
        taken = set(demo["names"]) if index == 0 else set()
        for name in _firm_names(rng, cluster.trade, count, taken):
            heads.append(_headcount(rng))
            firms.append(FirmPlan(ids.take("tenancy_firm"), index, name, 0, rng.choice(cluster.trade.nace),
                                  demo["nuts"][index]))  # fmt: skip
    people = _split(args.people - demo["people"], [float(h) for h in heads])
    for firm, head, count in zip(firms, heads, people, strict=True):
        firm.headcount = max(head, count, 1)
        _plan_people(args.seed, firm, clusters[firm.cluster_index], max(count, 1), ids, labels)
    return firms


def _plan_people(seed: int, firm: FirmPlan, cluster: ClusterPlan, count: int, ids: Ids,
                 labels: dict[int, str]) -> None:  # fmt: skip
    rng = random.Random(f"{seed}:region:firm:{firm.id}")
    occ = cluster.occupations
    production = rng.sample(occ["production"], min(len(occ["production"]), 1 + min(count // 8, 3)))
    chosen = occ["lead"] + production + (occ["office"] if count >= 5 else []) + (occ["sales"] if count >= 8 else [])
    firm.audited = rng.random() < AUDITED_SHARE
    if firm.audited:
        firm.roles = [(ids.take("audits_role"), o) for o in chosen]
    weights = [0.0] + [75 / len(production)] * len(production) + [10.0, 15.0][: len(chosen) - 1 - len(production)]
    domain = f"{firm.legal_name.split()[0].lower()}-{firm.id}.region.example"
    for index in range(count):
        first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        kind = "owner" if index == 0 else "manager" if index % 25 == 1 and count >= 25 else "employee"
        role_index = 0 if index == 0 else rng.choices(range(len(chosen)), weights)[0]
        title = "Owner and managing director" if index == 0 else labels[chosen[role_index]].capitalize()
        person = ids.take("tenancy_person")
        email = f"{first.lower()}.{surname.lower()}.{person}@{domain}"
        membership = ids.take("tenancy_membership")
        firm.members.append(Member(person, membership, f"{first} {surname}", email, kind, title, role_index))


def _plan_budgets(args: argparse.Namespace, firms: list[FirmPlan], clusters: list[ClusterPlan],
                  demo_ratings: int) -> None:  # fmt: skip
    """Each rated person's number of ratings: the total split by what their role's campaigns can hold."""
    rated, weights = [], []
    for firm in firms:
        if not firm.audited:
            continue
        rng = random.Random(f"{args.seed}:region:budget:{firm.id}")
        depth = rng.uniform(0.4, 1.0)  # how far the firm has gone with its audits
        for member in firm.members:
            rated.append((member, _capacity(firm, clusters, member)))
            weights.append(rated[-1][1] * depth * rng.uniform(0.85, 1.15))
    budgets = _split(args.ratings - demo_ratings, weights)
    for (member, capacity), budget in zip(rated, budgets, strict=True):
        if budget > capacity:
            raise SystemExit("--ratings: more than the people's roles can hold over five campaigns; ask for fewer")
        member.budget = budget


def _per_campaign(firm: FirmPlan, clusters: list[ClusterPlan], member: Member) -> int:
    skills = len(clusters[firm.cluster_index].requirements[firm.roles[member.role_index][1]])
    return skills * (1 if member.role == "owner" else 2)


def _capacity(firm: FirmPlan, clusters: list[ClusterPlan], member: Member) -> int:
    return CAMPAIGNS * _per_campaign(firm, clusters, member)


# ---------------------------------------------------------------------------------------------------- COPY


def _copy(cursor: Any, table: str, columns: str, lines: Iterable[str], total: int | None, quiet: bool) -> int:
    """COPY text lines (tab-separated, newline-terminated) into table; how many were written."""
    written, started = 0, time.monotonic()
    bar = tqdm(total=total, desc=table, unit=" rows", unit_scale=True, disable=quiet, file=sys.stderr)
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy, bar:
        buffer: list[str] = []
        for line in lines:
            buffer.append(line)
            if len(buffer) == 20_000:
                copy.write("".join(buffer))
                written, _ = written + len(buffer), bar.update(len(buffer))
                buffer.clear()
        copy.write("".join(buffer))
        written, _ = written + len(buffer), bar.update(len(buffer))
    # Fresh statistics before anything plans over the new rows (the key checks above all): the demo seed has
    # just left its own, a thousand times smaller, and autovacuum may not have come by yet.
    cursor.execute(f"ANALYZE {table}")
    if quiet:
        print(f"{table}: {written} rows in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return written


@contextlib.contextmanager
def _bare(cursor: Any, table: str) -> Iterator[None]:
    """Drop the table's secondary indexes, unique and foreign keys for a bulk load; put the same definitions
    back afterwards (the keys validated in one pass). Call inside a transaction: a failure restores them."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass"
        " AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN"
        " (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('p', 'u'))",
        [table, table],
    )
    indexes = cursor.fetchall()
    for name, _ in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    started = time.monotonic()
    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    for _, definition in indexes:
        cursor.execute(definition)
    for name, definition in constraints:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    print(f"{table}: {len(indexes)} indexes and {len(constraints)} keys back in {time.monotonic() - started:.1f} s",
          file=sys.stderr)  # fmt: skip


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S+00")


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ")


# ---------------------------------------------------------------------------------------------------- rows


def _firm_lines(firms: list[FirmPlan], clusters: list[ClusterPlan], seed: int, today: datetime) -> Iterator[str]:
    from skillcluster.tenancy.domain.sme import size_class

    for firm in firms:
        rng = random.Random(f"{seed}:region:figures:{firm.id}")
        turnover = firm.headcount * rng.randint(60_000, 190_000) if rng.random() < 0.7 else None
        balance = int(turnover * rng.uniform(0.5, 0.9)) if turnover and rng.random() < 0.5 else None
        size = size_class(firm.headcount, turnover, balance).value
        founded = today.year - rng.randint(0, 60)
        created = _stamp(today - timedelta(days=rng.randint(700, 1400)))
        yield (f"{firm.id}\t{clusters[firm.cluster_index].id}\t{_text(firm.legal_name)}\t{firm.headcount}\t"
               f"{turnover or NULL}\t{balance or NULL}\t{size}\t{founded}\t{firm.nace}\t"
               f"{firm.nuts}\t{created}\t\\N\n")  # fmt: skip


def _person_lines(firms: list[FirmPlan], seed: int, today: datetime) -> Iterator[str]:
    for firm in firms:
        rng = random.Random(f"{seed}:region:logins:{firm.id}")
        for m in firm.members:
            login = _stamp(today - timedelta(minutes=rng.randint(60, 90 * 24 * 60))) if rng.random() < 0.7 else "\\N"
            joined = _stamp(today - timedelta(days=rng.randint(700, 2000)))
            yield f"{m.person_id}\t{UNUSABLE}\t{login}\tf\t{m.email}\t{m.full_name}\tt\tf\t{joined}\t\\N\t\n"


def _membership_lines(firms: list[FirmPlan], today: datetime) -> Iterator[str]:
    joined = _stamp(today - timedelta(days=700))
    for firm in firms:
        for m in firm.members:
            yield f"{m.membership_id}\t{m.person_id}\t{firm.id}\t{m.role}\t{_text(m.job_title)}\t{joined}\n"


def _role_lines(firms: list[FirmPlan], labels: dict[int, str], today: datetime) -> Iterator[str]:
    created = _stamp(today - timedelta(days=700))
    for firm in firms:
        for role, occupation in firm.roles:
            yield f"{role}\t{firm.id}\t{_text(labels[occupation].capitalize())}\t{occupation}\t{created}\n"


def _requirement_lines(firms: list[FirmPlan], clusters: list[ClusterPlan], ids: Ids) -> Iterator[str]:
    for firm in firms:
        for role, occupation in firm.roles:
            for skill, level, importance in clusters[firm.cluster_index].requirements[occupation]:
                yield f"{ids.take('audits_rolerequirement')}\t{role}\t{skill}\t{level}\t{importance}\n"


def _assignment_lines(firms: list[FirmPlan], ids: Ids) -> Iterator[str]:
    for firm in firms:
        for m in firm.members if firm.roles else ():
            yield f"{ids.take('audits_roleassignment')}\t{firm.roles[m.role_index][0]}\t{m.membership_id}\n"


def _campaign_days(seed: int, firm: FirmPlan) -> list[int]:
    """Days ago each of the firm's campaigns opened, oldest first (the oldest rating stays valid 2 years)."""
    rng = random.Random(f"{seed}:region:campaigns:{firm.id}")
    return [680 - 140 * k - rng.randint(0, 50) for k in range(CAMPAIGNS)]


def _campaign_lines(firms: list[FirmPlan], clusters: list[ClusterPlan], seed: int, today: datetime,
                    ids: Ids) -> Iterator[str]:  # fmt: skip
    done = json.dumps(["roles", "assign", "self", "manager", "report"])
    running = json.dumps(["roles", "assign", "self", "manager"])
    for firm in firms:
        held = [math.ceil(m.budget / _per_campaign(firm, clusters, m)) for m in firm.members if firm.roles]
        days, owner = _campaign_days(seed, firm), firm.members[0].person_id
        for k in range(max(held, default=0)):
            started = _stamp(today - timedelta(days=days[k]))
            last = k == max(held) - 1
            finished = "\\N" if last else _stamp(today - timedelta(days=days[k] - 30))
            yield (f"{ids.take('audits_auditcampaign')}\t{firm.id}\t{owner}\t{'open' if last else 'done'}\t"
                   f"{running if last else done}\t{started}\t{finished}\n")  # fmt: skip


class RatingWriter:
    """Streams each rated person's ratings (campaign by campaign: self, then manager, now and then an assessor)
    and notes the current level the rule picks per skill: best source rank, then the latest."""

    def __init__(self, seed: int, today: datetime, clusters: list[ClusterPlan], categories: dict[int, str],
                 ids: Ids, levels_out: Any) -> None:  # fmt: skip
        self.seed, self.today, self.clusters, self.categories = seed, today, clusters, categories
        self.ids, self.levels_out, self.levels = ids, levels_out, 0

    def lines(self, firms: list[FirmPlan]) -> Iterator[str]:
        from skillcluster.audits.domain.levels import VALIDITY, Source

        self.validity = {s: VALIDITY[Source(s)] for s in SOURCE_RANK}
        for firm in firms:
            if firm.roles:
                yield from self._firm(firm)

    def _firm(self, firm: FirmPlan) -> Iterator[str]:
        rng = random.Random(f"{self.seed}:region:ratings:{firm.id}")
        days = _campaign_days(self.seed, firm)
        cluster = self.clusters[firm.cluster_index]
        managers = [m.person_id for m in firm.members if m.role == "manager"]
        buffer: list[str] = []
        for member in firm.members:
            skills = cluster.requirements[firm.roles[member.role_index][1]]
            boss = firm.members[0].person_id if member.role != "employee" or not managers else managers[0]
            raters = {"self": member.person_id, "manager": boss, "assessor": cluster.assessor_id}
            buffer += self._person(rng, firm, member, [s for s, _, _ in skills], days, raters)
        yield from buffer

    def _person(self, rng: random.Random, firm: FirmPlan, member: Member, skills: list[int], days: list[int],
                raters: dict[str, int | None]) -> list[str]:  # fmt: skip
        rand, minutes = rng.random, rng.randint(8 * 60, 17 * 60)
        true = {s: TRUE_LEVEL.get(self.categories.get(s, ""), DEFAULT_LEVEL)[int(rand() * 100)] for s in skills}
        best: dict[int, tuple[int, int, int, str]] = {}  # skill: (rank, rating id, level, valid until)
        lines: list[str] = []
        for k in range(CAMPAIGNS):
            if k:
                true = {s: min(4, level + (rand() < 0.2)) for s, level in true.items()}  # people learn
            for source in ("self", "manager", "assessor"):
                if source == "manager" and member.role == "owner":
                    continue
                picked = skills if source != "assessor" else [s for s in skills if k and rand() < 0.04]
                noise = SELF_NOISE if source == "self" else MANAGER_NOISE if source == "manager" else [0]
                at = self.today - timedelta(days=days[k] - DAY_STEP[source], minutes=-minutes)
                stamp, until = _stamp(at), _stamp(at + self.validity[source])
                rater = raters[source]
                for skill in picked:
                    if len(lines) == member.budget:
                        return self._levels(firm, member, best, lines)
                    level = max(0, min(4, true[skill] + noise[int(rand() * len(noise))]))
                    rating = self.ids.take("audits_rating")
                    lines.append(f"{rating}\t{level}\t{source}\t\t\t{stamp}\t{firm.id}\t{member.person_id}\t"
                                 f"{rater or NULL}\t{skill}\t\t{until}\n")  # fmt: skip
                    if SOURCE_RANK[source] >= best.get(skill, (-1,))[0]:
                        best[skill] = (SOURCE_RANK[source], rating, level, until)
        return self._levels(firm, member, best, lines)

    def _levels(self, firm: FirmPlan, member: Member, best: dict[int, tuple[int, int, int, str]],
                lines: list[str]) -> list[str]:  # fmt: skip
        for skill, (rank, rating, level, until) in best.items():
            self.levels += 1
            self.levels_out.write(f"{self.ids.take('audits_skilllevel')}\t{level}\t{rank}\t{firm.id}\t"
                                  f"{member.person_id}\t{rating}\t{skill}\t{until}\n")  # fmt: skip
        return lines


# ---------------------------------------------------------------------------------------------------- main


def _demo() -> dict[str, Any]:
    from skillcluster.audits.models import Rating
    from skillcluster.tenancy.domain.demo_data import FOOTWEAR
    from skillcluster.tenancy.models import Cluster, Firm, Membership

    cluster = Cluster.all_objects.select_related("support_organisation").get(name=FOOTWEAR.cluster_name)
    org = cluster.support_organisation
    if Cluster.all_objects.filter(support_organisation=org).count() > 1:
        raise SystemExit(f"{org.name} already has more than the demo cluster: give a fresh (scratch) database")
    return {
        "cluster": cluster, "org": org,
        "firms": Firm.all_objects.filter(cluster=cluster).count(),
        "names": [n.lower() for n in Firm.all_objects.filter(cluster=cluster).values_list("legal_name", flat=True)],
        "people": Membership.all_objects.filter(firm__cluster=cluster).count(),
        "ratings": Rating.all_objects.filter(firm__cluster=cluster).count(),
        "assessor": cluster.roles.filter(role="assessor").values_list("person_id", flat=True).first(),
    }  # fmt: skip


def _clusters(args: argparse.Namespace, demo: dict[str, Any], esco: tuple[Any, Any, Any]) -> list[ClusterPlan]:
    """The demo cluster first, then the new ones (created here with a manager and an assessor each)."""
    from skillcluster.tenancy.models import Cluster, ClusterRole, Person

    by_group, essential, _ = esco
    plans, nuts = [], [demo["cluster"].nuts_region]
    towns = list(TOWNS)
    for index in range(args.clusters):
        rng = random.Random(f"{args.seed}:region:cluster:{index}")
        trade = TRADES[index % len(TRADES)]
        occupations = _cluster_occupations(rng, trade, by_group, essential)
        if index == 0:
            cluster_id, assessor = demo["cluster"].pk, demo["assessor"]
        else:
            town = towns[(index - 1) % len(towns)]
            nuts.append(TOWNS[town])
            cluster = Cluster.all_objects.create(
                name=f"{town} {trade.label}", support_organisation=demo["org"], nace_sectors=sorted(trade.nace),
                nuts_region=TOWNS[town], cluster_type=CLUSTER_TYPES[index % len(CLUSTER_TYPES)], language="it",
                description=f"Generated by bench/region.py: firms of the {trade.label.lower()} around {town}.",
            )  # fmt: skip
            slug = f"cluster{cluster.pk}.region.example"
            staff = [
                Person.objects.create(email=f"{kind}@{slug}", full_name=f"{kind.title()} {town}", password=UNUSABLE)
                for kind in ("manager", "assessor")
            ]
            ClusterRole.all_objects.bulk_create(
                ClusterRole(person=person, cluster=cluster, role=kind)
                for person, kind in zip(staff, ("manager", "assessor"), strict=True)
            )
            cluster_id, assessor = cluster.pk, staff[1].pk
        plans.append(ClusterPlan(cluster_id, trade, assessor, occupations, _requirements(rng, occupations, essential)))
    demo["nuts"] = nuts
    return plans


def _load(cursor: Any, firms: list[FirmPlan], clusters: list[ClusterPlan], args: argparse.Namespace,
          today: datetime, ids: Ids, labels: dict[int, str], categories: dict[int, str]) -> dict[str, int]:  # fmt: skip
    from django.db import transaction

    quiet, people = args.no_progress, sum(len(f.members) for f in firms)
    roles = sum(len(f.roles) for f in firms)
    counts: dict[str, int] = {}
    steps = [
        ("tenancy_firm", "id, cluster_id, legal_name, headcount, turnover_eur, balance_sheet_eur, size_class,"
         " founding_year, nace_code, nuts_code, created_at, left_at", _firm_lines(firms, clusters, args.seed, today),
         len(firms)),
        ("tenancy_person", "id, password, last_login, is_superuser, email, full_name, is_active, is_staff,"
         " date_joined, erased_at, language", _person_lines(firms, args.seed, today), people),
        ("tenancy_membership", "id, person_id, firm_id, role, job_title, joined_at", _membership_lines(firms, today),
         people),
        ("audits_role", "id, firm_id, title, occupation_id, created_at", _role_lines(firms, labels, today), roles),
        ("audits_rolerequirement", "id, role_id, skill_id, level, importance",
         _requirement_lines(firms, clusters, ids), None),
        ("audits_roleassignment", "id, role_id, membership_id", _assignment_lines(firms, ids), None),
        ("audits_auditcampaign", "id, firm_id, started_by_id, status, steps_done, started_at, finished_at",
         _campaign_lines(firms, clusters, args.seed, today, ids), None),
    ]  # fmt: skip
    for table, columns, lines, total in steps:
        with transaction.atomic():
            counts[table] = _copy(cursor, table, columns, lines, total, quiet)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as levels_file:
        writer = RatingWriter(args.seed, today, clusters, categories, ids, levels_file)
        with transaction.atomic(), _bare(cursor, "audits_rating"):
            counts["audits_rating"] = _copy(
                cursor, "audits_rating", "id, level, source, note, evidence_url, created_at, firm_id, person_id,"
                " rated_by_id, skill_id, reference, valid_until", writer.lines(firms),
                sum(m.budget for f in firms for m in f.members), quiet,
            )  # fmt: skip
        levels_file.seek(0)
        with transaction.atomic(), _bare(cursor, "audits_skilllevel"):
            counts["audits_skilllevel"] = _copy(
                cursor, "audits_skilllevel", "id, level, source_rank, firm_id, person_id, rating_id, skill_id,"
                " expires_at", levels_file, writer.levels, quiet,
            )  # fmt: skip
    return counts


def _finish(cursor: Any, tables: Iterable[str]) -> None:
    """Identity sequences past the ids we handed out; VACUUM ANALYZE, as autovacuum would after a while."""
    for table in tables:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM {table}))",  # noqa: S608
            [table],
        )
    for table in tables:
        cursor.execute(f"VACUUM (ANALYZE) {table}")


def _check(demo: dict[str, Any], firms: list[FirmPlan], seed: int) -> dict[str, Any]:
    """Read the region back through the ORM: totals, a sample of rows validated as forms would, and the current
    level of sampled (firm, person, skill) keys recomputed with the pure rule from the ratings themselves."""
    from skillcluster.audits.domain import levels
    from skillcluster.audits.models import Rating, SkillLevel
    from skillcluster.tenancy.models import Firm, Membership, Person

    org = demo["org"]
    rng = random.Random(f"{seed}:region:check")
    sample = [f.id for f in rng.sample(firms, min(200, len(firms)))]
    for firm in Firm.all_objects.filter(pk__in=sample[:50]):
        firm.full_clean()
    for member in Membership.all_objects.filter(firm_id__in=sample[:50]).select_related("person")[:200]:
        member.full_clean()
        member.person.full_clean(exclude=["password"])
    for rating in Rating.all_objects.filter(firm_id__in=sample[:20])[:500]:
        rating.full_clean()
    checked = 0
    for row in SkillLevel.all_objects.filter(firm_id__in=sample).order_by("?")[:300]:
        found = Rating.all_objects.filter(firm_id=row.firm_id, person_id=row.person_id, skill_id=row.skill_id)
        pure = [(r.pk, levels.Rating(r.person_id, str(r.skill_id), r.level, levels.Source(r.source), r.created_at,
                                     r.valid_until)) for r in found.order_by("created_at", "pk")]  # fmt: skip
        winner = levels.current_rating([p for _, p in pure], now=datetime.now(UTC))
        pk = next(pk for pk, p in pure if p is winner)
        assert (winner.level, pk) == (row.level, row.rating_id), f"SkillLevel {row.pk} is not what the rule picks"
        checked += 1
    assert SkillLevel.all_objects.refresh_lapsed() == 0, "a generated rating has already lapsed"
    return {
        "clusters": org.clusters.count(),
        "firms": Firm.all_objects.filter(cluster__support_organisation=org).count(),
        "people": Membership.all_objects.filter(firm__cluster__support_organisation=org).count(),
        "persons_in_database": Person.objects.count(),
        "ratings": Rating.all_objects.filter(firm__cluster__support_organisation=org).count(),
        "skill_levels": SkillLevel.all_objects.filter(firm__cluster__support_organisation=org).count(),
        "levels_checked": checked,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL_PG"), help="scratch database URL")
    parser.add_argument("--clusters", type=int, default=40)
    parser.add_argument("--firms", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--ratings", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args()
    if not args.postgres or not args.postgres.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--postgres URL (or DATABASE_URL_PG): a scratch PostgreSQL database")
    began = time.monotonic()
    seconds = {"seed": round(_setup(args.postgres, args.seed), 1)}

    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from skillcluster.taxonomy.models import Occupation

    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    tables = ["tenancy_firm", "tenancy_person", "tenancy_membership", "audits_role", "audits_rolerequirement",
              "audits_roleassignment", "audits_auditcampaign", "audits_rating", "audits_skilllevel"]  # fmt: skip
    with scopes_disabled(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own, for COPY
        started = time.monotonic()
        demo = _demo()
        esco = _esco_pools(TRADES)
        labels = dict(Occupation.objects.values_list("pk", "preferred_label"))
        with transaction.atomic():
            clusters = _clusters(args, demo, esco)
        ids = Ids(cursor, tables)
        firms = _plan_firms(args, clusters, demo, ids, labels)
        _plan_budgets(args, firms, clusters, demo["ratings"])
        seconds["plan"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        counts = _load(cursor, firms, clusters, args, today, ids, labels, esco[2])
        seconds["load"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        _finish(cursor, tables)
        seconds["vacuum"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        region = _check(demo, firms, args.seed)
        seconds["check"] = round(time.monotonic() - started, 1)
        cursor.execute("SELECT pg_database_size(current_database())")
        size_mb = round(cursor.fetchone()[0] / 2**20)
    seconds["total"] = round(time.monotonic() - began, 1)
    print(json.dumps({"region": region, "generated_rows": counts, "database_mb": size_mb, "seconds": seconds}))


if __name__ == "__main__":
    main()
