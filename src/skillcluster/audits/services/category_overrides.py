"""A cluster's own skill categories, from a reviewable YAML file (all of it, or nothing):

    # Categories of skills in the Fermo-Macerata footwear district, where they differ from ESCO's mapping.
    skills:
      http://data.europa.eu/esco/skill/<uuid>: [production]      # read engineering drawings
      http://data.europa.eu/esco/skill/<uuid>: [transversal]     # tolerate stress

A listed skill has exactly the listed categories in the cluster's reports (firm reports and cluster figures);
every other skill keeps the ESCO mapping's. Loading replaces the cluster's previous overrides. A line that
names an unknown category or a skill that is not in ESCO refuses the whole file, naming the line.
"""

import re
from collections.abc import Iterable

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from skillcluster.audits.models import CategoryOverride
from skillcluster.taxonomy.domain.categories import CATEGORIES, OTHER, Category
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Cluster

_LINE = re.compile(r"^\s+(\S+):")


def category_overrides_load(*, cluster: Cluster, text: str) -> int:
    """Replace the cluster's overrides with the file's; the number of skills it sets."""
    wanted = _parse(text)
    skills = dict(Skill.objects.filter(uri__in=wanted).values_list("uri", "id"))
    problems = [f"line {line}: {uri} is not an ESCO skill" for uri, (line, _) in wanted.items() if uri not in skills]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        CategoryOverride.all_objects.filter(cluster=cluster).delete()
        CategoryOverride.all_objects.bulk_create(
            CategoryOverride(cluster=cluster, skill_id=skills[uri], category=category)
            for uri, (_, categories) in wanted.items()
            for category in categories
        )
    return len(wanted)


def category_overrides_text(*, cluster: Cluster) -> str:
    """The cluster's overrides as the file that would load them (with each skill's label as a comment)."""
    rows = (
        CategoryOverride.all_objects.filter(cluster=cluster)
        .select_related("skill")
        .order_by("skill__preferred_label", "category")
    )
    by_skill: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        by_skill.setdefault((row.skill.uri, row.skill.preferred_label), []).append(row.category)
    lines = [f"# Skill categories of {cluster.name} where they differ from ESCO's mapping.", "skills:"]
    lines += [f"  {uri}: [{', '.join(_ordered(cats))}]  # {label}" for (uri, label), cats in by_skill.items()]
    return "\n".join(lines) + "\n"


def _ordered(categories: Iterable[str]) -> list[str]:
    given = set(categories)
    return [c for c in CATEGORIES if c in given]


def _parse(text: str) -> dict[str, tuple[int, list[str]]]:
    """URI -> (line, categories); `ValidationError` naming every line at fault."""
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise ValidationError(f"Not a YAML file: {error}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("skills") or {}, dict):
        raise ValidationError("Expected a mapping 'skills:' of ESCO skill URIs to lists of categories.")
    lines = {
        m.group(1): number for number, text_line in enumerate(text.splitlines(), 1) if (m := _LINE.match(text_line))
    }
    found, problems = {}, []
    for uri, categories in (raw.get("skills") or {}).items():
        line = lines.get(str(uri), 0)
        names = categories if isinstance(categories, list) else [categories]
        wrong = [str(c) for c in names if str(c) not in CATEGORIES or str(c) == OTHER]
        if wrong or not names:
            expected = ", ".join(c.value for c in Category if c is not Category.OTHER)
            problems.append(f"line {line}: {uri}: {', '.join(wrong) or 'no category'}; expected some of {expected}")
            continue
        found[str(uri)] = (line, _ordered(str(c) for c in names))
    if problems:
        raise ValidationError(problems)
    return found
