"""A tiny ESCO in the official v1.1.1 file format (same names, same columns), with one of each quirk."""

import csv
import gzip
from pathlib import Path

E = "http://data.europa.eu/esco"
SKILL_COLUMNS = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels",
                 "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description"]  # fmt: skip
OCC_COLUMNS = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status",
               "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme", "description",
               "code"]  # fmt: skip
COLLECTION_COLUMNS = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "status", "altLabels",
                      "description", "broaderConceptUri", "broaderConceptPT"]  # fmt: skip
HIERARCHY_COLUMNS = [f"Level {i} {k}" for i in range(4) for k in ("URI", "preferred term")] + [
    "Description", "Scope note", *(f"Level {i} code" for i in range(4))]  # fmt: skip

# key: (type, reuse, label, alt labels, broader uris)
SKILLS = {
    "cs": ("knowledge", "sector-specific", "customer service", "client service\ncustomer care", ["g-0417"]),
    "sew": ("skill/competence", "cross-sector", "sew pieces of fabric", "stitch fabric pieces", ["g-S6.5.6"]),
    "team": ("skill/competence", "transversal", "work in teams", "teamwork", ["g-T4.3"]),
    "english": ("knowledge", "transversal", "English", "", ["g-L1"]),
    "sheet": ("skill/competence", "cross-sector", "use spreadsheets software", "use spreadsheets", ["g-S5.5.2"]),
    "mkt": ("knowledge", "cross-sector", "marketing principles", "", ["g-0414"]),
    "smm": ("skill/competence", "cross-sector", "apply social media marketing", "", ["s-mkt"]),
    "budget": ("skill/competence", "cross-sector", "manage budgets", "budget management", ["g-S4.3.1", "g-T1.2"]),
    "ictsafety": ("", "", "ICT safety", "", ["g-S5.5.2"]),
}
# key: (pillar code, parent key or "", code, label); knowledge groups are keyed by their ISCED-F code
GROUPS = {
    "S": ("S", "", "S", "skills"), "K": ("K", "", "K", "knowledge"), "T": ("T", "", "T", "transversal skills"),
    "L": ("L", "", "L", "language skills and knowledge"),
    "S4": ("S", "S", "S4", "management skills"), "S4.3": ("S", "S4", "S4.3", "allocating resources"),
    "S4.3.1": ("S", "S4.3", "S4.3.1", "managing budgets or finances"),
    "S5": ("S", "S", "S5", "working with computers"), "S5.5": ("S", "S5", "S5.5", "analysing digital data"),
    "S5.5.2": ("S", "S5.5", "S5.5.2", "managing digital data"),
    "S6": ("S", "S", "S6", "handling and moving"), "S6.5": ("S", "S6", "S6.5", "making"),
    "S6.5.6": ("S", "S6.5", "S6.5.6", "fabricating garments and textile products"),
    "T1": ("T", "T", "T1", "core skills"), "T1.2": ("T", "T1", "T1.2", "working with numbers"),
    "T4": ("T", "T", "T4", "social skills"), "T4.3": ("T", "T4", "T4.3", "collaborating in teams"),
    "L1": ("L", "L", "L1", "languages"),
    "04": ("K", "K", "", "business, administration and law"), "041": ("K", "04", "", "business and administration"),
    "0414": ("K", "041", "", "marketing and advertising"), "0417": ("K", "041", "", "work skills"),
}  # fmt: skip
MAPPING_FILE = Path(__file__).with_name("fixture_mapping.yaml")  # the category rules that fit this ESCO
NOT_IN_GROUPS_FILE = "T1.2"  # a quirk: in the hierarchy only
OCCUPATIONS = {"shoemaker": ("7536", "shoemaker", "shoe maker", "7536.3"),
               "mktman": ("1221", "marketing manager", "head of marketing", "1221.1")}  # fmt: skip
RELATIONS = [("shoemaker", "sew", "essential"), ("shoemaker", "cs", "optional"), ("mktman", "smm", "essential"),
             ("mktman", "budget", "essential"), ("mktman", "english", "optional"), ("retired", "sew", "essential"),
             ("retired", "cs", "optional")]  # fmt: skip
COLLECTIONS = {"transversal": ["team"], "digital": ["sheet", "smm", "ictsafety"], "green": [], "language": ["english"]}


def skill_uri(key: str) -> str:
    return f"{E}/skill/{key}"


def group_uri(key: str) -> str:
    return f"{E}/isced-f/{key}" if key[0].isdigit() else f"{E}/skill/group-{key}"


def occupation_uri(key: str) -> str:
    return f"{E}/occupation/{key}"


def _uri(ref: str) -> str:
    kind, key = ref.split("-", 1)
    return group_uri(key) if kind == "g" else skill_uri(key)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)


def write_esco(folder: Path, *, labels: dict[str, str] | None = None) -> Path:
    """Write the fixture's 12 files into `folder`; `labels` overrides skills' preferred labels by key."""
    folder.mkdir(parents=True, exist_ok=True)
    labels = labels or {}
    _write(folder / "skills.csv.gz", SKILL_COLUMNS, [
        {"conceptType": "KnowledgeSkillCompetence", "conceptUri": skill_uri(k), "skillType": t, "reuseLevel": r,
         "preferredLabel": labels.get(k, label), "altLabels": alt, "description": f"About {label}."}
        for k, (t, r, label, alt, _) in SKILLS.items()
    ])  # fmt: skip
    _write(folder / "skills_hierarchy.csv.gz", HIERARCHY_COLUMNS, [_hierarchy_row(k) for k in GROUPS])
    _write(folder / "skill_groups.csv.gz", ["conceptType", "conceptUri", "preferredLabel", "description", "code"], [
        {"conceptType": "SkillGroup", "conceptUri": group_uri(k), "preferredLabel": g[3], "code": g[2]}
        for k, g in GROUPS.items() if k != NOT_IN_GROUPS_FILE
    ])  # fmt: skip
    broader = [(skill_uri(k), _uri(b)) for k, s in SKILLS.items() for b in s[4]]
    broader += [(group_uri(k), group_uri(g[1])) for k, g in GROUPS.items() if g[1]]
    broader.append((skill_uri("sew"), f"{E}/skill/no-such-group"))  # a quirk: dangling broader link
    _write(folder / "broader_relations_skill_pillar.csv.gz", ["conceptType", "conceptUri", "broaderType", "broaderUri"],
           [{"conceptUri": c, "broaderUri": b} for c, b in broader])  # fmt: skip
    _write_occupations(folder)
    for name, keys in COLLECTIONS.items():
        _write(folder / f"{name}_skills_collection.csv.gz", COLLECTION_COLUMNS,
               [{"conceptUri": skill_uri(k), "preferredLabel": SKILLS[k][2]} for k in keys])  # fmt: skip
    return folder


def _hierarchy_row(key: str) -> dict[str, str]:
    chain = [key]
    while GROUPS[chain[0]][1]:
        chain.insert(0, GROUPS[chain[0]][1])
    row = {"Level 0 code": GROUPS[chain[0]][0]}
    for level, k in enumerate(chain):
        row |= {f"Level {level} URI": group_uri(k), f"Level {level} preferred term": GROUPS[k][3]}
        if level:
            row[f"Level {level} code"] = GROUPS[k][2]
    return row


def _write_occupations(folder: Path) -> None:
    _write(folder / "isco_groups.csv.gz", ["conceptType", "conceptUri", "code", "preferredLabel", "status", "altLabels",
           "inScheme", "description"], [{"conceptUri": f"{E}/isco/C{c}", "code": c, "preferredLabel": f"ISCO {c}"}
                                        for c in ("7536", "1221")])  # fmt: skip
    _write(folder / "occupations.csv.gz", OCC_COLUMNS, [
        {"conceptType": "Occupation", "conceptUri": occupation_uri(k), "iscoGroup": isco, "preferredLabel": label,
         "altLabels": alt, "description": f"About {label}.", "code": code}
        for k, (isco, label, alt, code) in OCCUPATIONS.items()
    ])  # fmt: skip
    _write(folder / "broader_relations_occ_pillar.csv.gz", ["conceptType", "conceptUri", "broaderType", "broaderUri"], [
        {"conceptType": "Occupation", "conceptUri": occupation_uri(k), "broaderUri": f"{E}/isco/C{o[0]}"}
        for k, o in OCCUPATIONS.items()
    ])  # fmt: skip
    _write(folder / "occupation_skill_relations.csv.gz", ["occupationUri", "relationType", "skillType", "skillUri"], [
        {"occupationUri": occupation_uri(o), "relationType": r, "skillUri": skill_uri(s)} for o, s, r in RELATIONS
    ])  # fmt: skip
