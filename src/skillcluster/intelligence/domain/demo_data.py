"""Job ads written for the demo, never scraped: two years of ads for the footwear district of Fermo–Macerata
and the plastics suppliers of Upper Austria, built from sentences written for the project. Every requirement
sentence was labelled by hand with the ESCO skills it asks for (their preferred labels, below): those labels are
the gold standard the extraction's precision and recall are measured on (`bench/intelligence.py`). They are
indicative only: the same person wrote the sentences and labelled them.

Some skills are made to rise over the two years (online sales, social media, CAD), one to fall (hand
stitching), so the demand page has trends to find; a few ads are re-posted or posted twice, and a few rows are
junk, so de-duplication and the import report have something to show."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

# (sentence, the ESCO skills it asks for: preferred labels, "|" between the ones a reader would accept equally;
# the first is the one first chosen by hand, the others were added by hand after reading the linker's top ten)
FOOTWEAR: dict[str, list[tuple[str, str]]] = {
    "Pattern maker": [
        (
            "You will create the patterns of our women's collection from the designer's sketches.",
            "create patterns for footwear",
        ),
        ("Experience with CAD software for soles and uppers is essential.", "use CAD for soles"),
        (
            "You will prepare technical drawings for the prototype department.",
            "make technical drawings of fashion pieces|technical drawings",
        ),
        ("Knowledge of footwear materials, leathers and linings is required.", "footwear materials"),
        ("You can grade a model into the full size run using CAD for lasts.", "use CAD for lasts"),
    ],
    "Upper cutter": [
        ("You will cut footwear uppers by hand and with the clicking press.", "cut footwear uppers"),
        ("You can check hides and spot defects before cutting.", "identify defects on raw hides"),
        (
            "Experience with automatic cutting machines for leather is a plus.",
            "apply machine cutting techniques for footwear and leather goods"
            "|operate automatic cutting systems for footwear and leather goods"
            "|automatic cutting systems for footwear and leather goods",
        ),
        (
            "You will plan the cutting to reduce leather waste.",
            "manual cutting processes for leather|footwear materials",
        ),
    ],
    "Stitcher": [
        ("You will sew uppers on flat and post-bed machines.", "apply stitching techniques"),
        ("Experience with skiving, folding and the other pre-stitching operations.", "apply pre-stitching techniques"),
        ("Hand stitching of moccasins is part of the job.", "footwear stitching techniques|apply stitching techniques"),
        (
            "You will keep your machines clean and do basic maintenance.",
            "apply basic rules of maintenance to leather goods and footwear machinery|perform machine maintenance",
        ),
    ],
    "Assembly operator": [
        (
            "You will assemble cemented shoes on the lasting line.",
            "apply assembling techniques for cemented footwear construction"
            "|assembling processes and techniques for cemented footwear construction",
        ),
        (
            "Experience with the pre-assembly of uppers is required.",
            "apply footwear uppers pre-assembling techniques|footwear uppers pre-assembly",
        ),
        ("You will finish shoes: creaming, polishing and ironing.", "footwear finishing techniques"),
        ("You know how footwear machinery works and report faults quickly.", "footwear machinery"),
    ],
    "Quality controller": [
        (
            "You will check finished shoes against our quality standards.",
            "apply footwear and leather goods quality control techniques|footwear quality",
        ),
        ("You will run the physical tests on leather in our small laboratory.", "leather physical testing"),
        (
            "You will keep the quality system of the factory up to date.",
            "manage footwear quality systems|manage quality of leather throughout the production process",
        ),
        ("Knowledge of footwear quality norms and tests.", "footwear quality"),
    ],
    "Production manager": [
        (
            "You will plan and run the production of our footwear lines.",
            "manage production of footwear or leather goods|plan footwear manufacture",
        ),
        ("You will lead a team of thirty people in three departments.", "manage a team|lead a team"),
        ("You will order materials from suppliers and follow up deliveries.", "issue purchase orders|order supplies"),
        ("Good command of spreadsheets for production planning.", "use spreadsheets software"),
    ],
    "Sales and export assistant": [
        ("You will sell our collection to shops and distributors abroad.", "sell footwear and leather goods"),
        ("You will meet buyers at MICAM and other trade fairs.", "attend trade fairs"),
        ("Fluent English to deal with customers and agents.", "English|interact verbally in English"),
        ("German is welcome for the DACH market.", "German"),
        ("You will help us enter new export markets.", "apply export strategies|set import export strategies"),
        ("You will prepare monthly sales reports for the owner.", "produce sales reports"),
        (
            "You will follow customers in our CRM and answer their requests.",
            "customer relationship management|communicate with customers",
        ),
    ],
    "E-commerce and social media specialist": [
        ("You will run our online shop and its marketplaces.", "e-commerce systems"),
        ("You will manage our Instagram and Facebook pages.", "apply social media marketing|social media management"),
        ("You will plan the social media campaigns of each season.", "plan social media marketing campaigns"),
        ("Knowledge of SEO to bring visitors to the shop.", "search engine optimisation"),
        ("You will take product photos for the website.", "commercial photography|take pictures"),
        ("You will plan our marketing campaigns with the owner.", "plan marketing campaigns"),
    ],
    "Warehouse operator": [
        ("You will drive the forklift and keep the warehouse in order.", "operate forklift"),
        (
            "You will keep the stock of materials and finished shoes up to date.",
            "inventory management rules|store products|manage warehouse inventory",
        ),
        (
            "You will lay out the warehouse for the new season.",
            "determine footwear warehouse layout|perform warehousing operations",
        ),
    ],
}
PLASTICS: dict[str, list[tuple[str, str]]] = {
    "Injection moulding operator": [
        ("You will run injection moulding machines in three shifts.", "tend injection moulding machine"),
        ("You will change and assemble moulds between orders.", "assemble moulds"),
        ("You will maintain the plastic machinery with our technicians.", "maintain plastic machinery"),
        ("Knowledge of the types of plastic we process (PP, PA, ABS).", "types of plastic"),
    ],
    "Extrusion technician": [
        ("You will set up and run our extrusion lines.", "extrusion processes|set up extrusion head"),
        ("You will keep the machinery in good order.", "maintain machinery"),
        ("You will use statistical process control on the lines.", "statistical process control"),
        ("You can read technical drawings of profiles.", "technical drawings"),
    ],
    "Design engineer": [
        ("You will model parts and moulds in 3D.", "3D modelling"),
        ("You will print prototypes on our 3D printers.", "3D printing process"),
        ("You will analyse production data to cut scrap.", "perform data analysis|record production data"),
        ("Good English for our customers in Germany and Italy.", "English"),
    ],
}
COMMON = [
    ("Good command of Microsoft Office.", "use microsoft office|use word processing software"),
    ("You will work in a small team and help your colleagues.", "work in teams|cooperate with colleagues"),
    (
        "You know and apply the health and safety rules of the workplace.",
        "apply health and safety standards|health and safety in the workplace",
    ),
]
RISING = [  # (sentence, skill, share of ads two years ago, share now)
    ("Experience with e-commerce systems and online marketplaces is a plus.", "e-commerce systems", 0.04, 0.30),
    (
        "Some social media work for the brand is part of the role.",
        "apply social media marketing|social media management",
        0.03,
        0.22,
    ),
]
FALLING = [
    (
        "Hand stitching of moccasins is part of the job.",
        "footwear stitching techniques|apply stitching techniques",
        0.25,
        0.03,
    )
]
OPENINGS = [
    "{employer} is a family firm making shoes in {place} since 1970.",
    "{employer}, a small factory in {place}, is looking for a new colleague.",
    "We are {employer}, in {place}, and our orders are growing.",
]
CLOSINGS = [
    "We offer a permanent contract and training on the job.",
    "Full-time, Monday to Friday; send your CV by e-mail.",
    "Salary according to the national contract for the footwear sector.",
]
PLACES = {"ITI35": ["Fermo", "Porto Sant'Elpidio", "Montegranaro"], "ITI33": ["Civitanova Marche", "Macerata"],
          "AT312": ["Linz", "Wels", "Steyr"]}  # fmt: skip


@dataclass(frozen=True)
class DemoAd:
    title: str
    text: str
    published_on: dt.date
    employer: str
    place: str
    region: str
    url: str
    gold: frozenset[tuple[str, ...]]  # per requirement sentence, the ESCO preferred labels it may be linked to


def ads(*, footwear: bool, count: int, employers: list[str], today: dt.date, seed: int = 7) -> list[DemoAd]:
    """``count`` ads over the two years before ``today``, for the footwear district or the plastics network."""
    rng = random.Random(seed)
    pools = FOOTWEAR if footwear else PLASTICS
    regions = ["ITI35", "ITI35", "ITI33"] if footwear else ["AT312"]
    found = []
    for number in range(count):
        age = rng.random()  # 0: today, 1: two years ago
        day = today - dt.timedelta(days=int(age * 729))
        title = rng.choice(list(pools))
        region = rng.choice(regions)
        place, employer = rng.choice(PLACES[region]), rng.choice(employers)
        chosen = rng.sample(pools[title], k=min(len(pools[title]), rng.randint(2, 4)))
        chosen += [c for c in COMMON if rng.random() < 0.3]
        for sentence, skill, then, now in RISING if footwear else []:
            if skill not in {s for _, s in chosen} and rng.random() < then + (now - then) * (1 - age):
                chosen.append((sentence, skill))
        if footwear and title == "Stitcher":
            falling = FALLING[0]
            share = falling[3] + (falling[2] - falling[3]) * age
            chosen = [c for c in chosen if c[0] != falling[0]] + ([falling[:2]] if rng.random() < share * 3 else [])
        opening = rng.choice(OPENINGS).format(employer=employer, place=place)
        text = " ".join([opening, *(s for s, _ in chosen), rng.choice(CLOSINGS)])
        found.append(DemoAd(f"{title} ({'m/f' if footwear else 'm/w/d'})", text, day, employer, place, region,
                            f"https://jobs.example.org/{'fermo' if footwear else 'linz'}/{number}",
                            frozenset(tuple(s.split("|")) for _, s in chosen)))  # fmt: skip
    return found


def reposts(found: list[DemoAd], rng: random.Random, count: int) -> list[DemoAd]:
    """The same ads on another board, or re-posted weeks later with a line more."""
    picked = rng.sample(found, k=min(count, len(found)))
    return [DemoAd(a.title, a.text + (" Apply by the end of the month." if i % 2 else ""),
                   min(a.published_on + dt.timedelta(days=21 * (i % 2)), max(x.published_on for x in found)),
                   a.employer, a.place, a.region, a.url.replace("jobs.example.org", "board.example.net"), a.gold)
            for i, a in enumerate(picked)]  # fmt: skip


JUNK = [  # rows a real export contains: reported, never imported
    {"title": "Modellista calzature", "text": "Cerchiamo un modellista con esperienza nel settore calzaturiero per "
     "la nostra azienda di Fermo, con contratto a tempo indeterminato.", "date": "2026-05-04"},
    {"title": "Cutter", "text": "", "date": "2026-02-11"},
    {"title": "Stitcher", "text": "Stitcher for our factory, experience with post-bed machines.", "date": "31/02/2026"},
    {"title": "Sales assistant", "text": "Sales assistant for the Fermo showroom.", "date": "2099-01-01"},
]  # fmt: skip


# News written for the demo: a small RSS feed (as a trade association would publish it) and pasted texts.
FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Footwear district news (demo)</title><link>https://news.example.org/</link>
<description>News for the footwear firms of the Marche, written for the Skillcluster demo.</description>
<item><title>MICAM Milano: registrations open for the February edition</title>
<link>https://news.example.org/micam-february</link><pubDate>Mon, 02 Nov 2026 09:00:00 +0100</pubDate>
<description>&lt;p&gt;Small exhibitors can share a regional stand; the deadline for it is 15 December.&lt;/p&gt;
</description></item>
<item><title>Regional vouchers for the digital transition of small firms</title>
<link>https://news.example.org/digital-vouchers</link><pubDate>Thu, 12 Nov 2026 10:30:00 +0100</pubDate>
<description>Up to 10,000 euros for e-commerce, online marketing and CAD projects of firms with fewer than 50
people.</description></item>
<item><title>German buyers ask for traceable leather</title>
<link>https://news.example.org/traceable-leather</link><pubDate>Fri, 20 Nov 2026 08:00:00 +0100</pubDate>
<description>Three department-store chains will ask suppliers for the origin of every hide from next
autumn.</description></item>
</channel></rss>"""

NEWS = [  # pasted by the manager: (title, text), written for the demo
    (
        "Expo Riva Schuh: exhibitor list published",
        "Forty-two firms from the Marche exhibit in January; twelve of them share the regional stand.",
    ),
    (
        "Tender: safety footwear for the regional health service",
        "Lots of 5,000 pairs; small firms may bid together as a temporary association; deadline 20 January.",
    ),
    (
        "Leather prices up 6 % in a quarter",
        "Tanneries in Santa Croce raise calf prices again; buyers advise fixing spring orders now.",
    ),
    (
        "Online sales of Italian shoes grow abroad",
        "Exports through marketplaces grew by a fifth in a year, led by Germany and the Netherlands.",
    ),
    (
        "New rules on chemicals in footwear",
        "The revised REACH restriction on chromium VI applies to finished shoes "
        "from next year; testing will be asked by buyers.",
    ),
    (
        "Apprenticeships: the region funds 40 places in footwear",
        "Firms that train an apprentice in pattern making or stitching receive half the wage for two years.",
    ),
    (
        "A second-hand CAD licence pool for small firms",
        "The support organisation negotiates shared CAD licences for firms with fewer than ten people.",
    ),
    (
        "German department stores ask for smaller runs",
        "Orders of 60 pairs per model instead of 200, delivered within six weeks.",
    ),
    ("Trade fair in Düsseldorf moves to March", "GDS returns in March with a pavilion for small Italian makers."),
]
