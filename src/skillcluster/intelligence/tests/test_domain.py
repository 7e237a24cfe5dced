"""The pure rules of market intelligence, on cases checked by hand."""

import datetime as dt

import pytest

from skillcluster.intelligence.domain import ads, dedup, demand, links, sentences
from skillcluster.taxonomy.linking import language

TODAY = dt.date(2026, 11, 27)


def test_a_file_is_read_row_by_row_and_each_bad_row_is_named() -> None:
    data = (b"title,text,date,region,url\n"
            b"Pattern maker,We need a pattern maker with CAD skills for our shoes,2026-03-01,ITI35,https://x.org/1\n"
            b"Cutter,,2026-01-01,,\n"
            b"Modellista,Cerchiamo un modellista con esperienza nel settore per la nostra azienda,2026-01-01,,\n"
            b"Seller,Sell our shoes in the shop and at the fairs,2027-01-01,,\n"
            b"Seller,Sell our shoes in the shop and at the fairs,31/02/2026,,\n"
            b"Seller,Sell our shoes in the shop and at the fairs,2026-01-01,Marche,\n"
            b"Seller,Sell our shoes in the shop and at the fairs,2026-01-01,,ftp://x\n")  # fmt: skip
    rows, problems = ads.read(data, today=TODAY)
    assert [(r.line, r.title, r.region) for r in rows] == [(2, "Pattern maker", "ITI35")]
    assert [(p.line, p.message) for p in problems] == [
        (3, "the ad has no text"),
        (4, "the ad is in Italian; the skill linker reads English only"),
        (5, "date 2027-01-01 is in the future"),
        (6, "date: expected YYYY-MM-DD, got '31/02/2026'"),
        (7, "region: expected a NUTS code such as ITI35, got 'MARCHE'"),
        (8, "url: expected an http(s) address, got 'ftp://x'"),
    ]


def test_a_file_that_cannot_be_read_is_refused_whole() -> None:
    with pytest.raises(ads.FileError, match="not UTF-8 text"):
        ads.read(b"title,text,date\nCutter,\xff\xfe bad,2026-01-01", today=TODAY)
    with pytest.raises(ads.FileError, match="no column 'text', 'date'; expected a header with title, text, date"):
        ads.read(b"title,body\nCutter,cut uppers", today=TODAY)
    with pytest.raises(ads.FileError, match="empty"):
        ads.read(b"  \n", today=TODAY)
    huge = b'{"title": "Cutter", "text": "' + b"x " * 3_000_000 + b'", "date": "2026-01-01"}\n{"oops"\n'
    rows, problems = ads.read(huge, today=TODAY)
    assert rows == []
    assert [p.message for p in problems] == [
        "the ad has 5,999,999 characters; at most 20,000", "not valid JSON (Expecting ':' delimiter)",
    ]  # fmt: skip


def test_a_problem_is_stored_with_its_values_and_read_back() -> None:
    _, problems = ads.read(b"title,text,date\nSeller,Sell our shoes at the fairs,2027-01-01", today=TODAY)
    stored = problems[0].stored()
    assert stored == {"line": 2, "text": "date %(date)s is in the future", "values": {"date": "2027-01-01"},
                      "message": "date 2027-01-01 is in the future"}  # fmt: skip
    assert ads.Problem.from_stored(stored) == problems[0]
    older = ads.Problem.from_stored({"line": 4, "message": "the ad has 100 % of nothing"})  # stored before values
    assert (older.line, older.message) == (4, "the ad has 100 % of nothing")


def test_sentences_keep_their_span_and_language_is_told_by_short_words() -> None:
    text = "Pattern maker (m/f)\nYou will draw patterns with CAD; you cut samples.\n- Good English\n- ok"
    found = sentences.split(text)
    assert [s.text for s in found] == ["Pattern maker (m/f)", "You will draw patterns with CAD;", "you cut samples.",
                                       "Good English"]  # fmt: skip
    assert all(text[s.start : s.end] == s.text for s in found)
    assert (
        language.guess("Wir suchen einen Mitarbeiter für die Produktion und die Qualität"),
        language.guess("ok"),
    ) == ("de", None)


def test_duplicates_exact_and_near_point_to_the_ad_kept() -> None:
    base = ("We are a shoe factory in Fermo looking for a pattern maker. You will draw patterns with CAD software and "
            "cut samples in leather. Experience of two years in footwear. Good English is a plus.")  # fmt: skip
    other = "We are a shoe factory in Fermo looking for a stitcher. You will sew uppers on a post-bed machine."
    found = dedup.duplicates([("Pattern maker", base), ("PATTERN MAKER", base.upper()),
                              ("Pattern maker", base + " Apply by 30 June."), ("Stitcher", other)])  # fmt: skip
    assert found == {1: dedup.Kept(0, stored=False), 2: dedup.Kept(0, stored=False)}
    known = [
        (77, dedup.fingerprint("Pattern maker", base), dedup.signature_bytes(dedup.signature("Pattern maker", base)))
    ]
    assert dedup.duplicates([("Stitcher", other), ("Pattern maker", base + " Apply now.")], known=known) == {
        1: dedup.Kept(77, stored=True)
    }


def test_a_change_is_a_trend_only_when_its_interval_excludes_zero() -> None:
    small = demand.change(demand.Share(5, 40), demand.Share(2, 40))  # +8 points on 40 ads: could be chance
    assert (small.points, small.direction) == (8, "steady")
    # the intervals below agree with Newcombe's formula over scipy.stats.binomtest(...).proportion_ci("wilson")
    assert (round(small.low, 4), round(small.high, 4)) == (-0.0599, 0.2158)
    large = demand.change(demand.Share(72, 240), demand.Share(12, 240))  # 30 % against 5 %
    assert (large.points, large.direction, round(large.low, 4), round(large.high, 4)) == (25, "rising", 0.1851, 0.3143)
    assert demand.change(demand.Share(0, 0), demand.Share(3, 10)).direction == "steady"
    assert demand.weight(demand.Share(60, 240)) == 2.0


def test_a_need_s_reason_names_the_market_and_the_supply() -> None:
    share = demand.Share(43, 240)
    rising = demand.change(share, demand.Share(10, 240))
    assert demand.reason("e-commerce systems", share, rising, demand.firm_supply(9, 12)) == (
        "e-commerce systems: in 18 % of regional ads (n = 240), +14 points in a year; 9 of your 12 people below the "
        "required level"
    )
    assert demand.reason("CAD", demand.Share(0, 0), None, demand.cluster_supply(4, 2)) == (
        "CAD: in no regional ad yet; 4 people in 2 firms below the required level"
    )


def test_links_keep_the_best_two_above_review_and_accept_the_confident() -> None:
    assert links.choose([("a", 0.81), ("b", 0.6), ("c", 0.55)]) == [("a", 0.81, "accepted")]
    two = [("a", 0.64), ("b", 0.62), ("c", 0.61)]  # a sentence asking for two skills: the best two within 0.03
    assert links.choose(two) == [("a", 0.64, "accepted"), ("b", 0.62, "accepted")]
    assert links.choose([("a", 0.58), ("b", 0.57)]) == [("a", 0.58, "review"), ("b", 0.57, "review")]
    assert links.choose([("a", 0.15)], "lexical") == [("a", 0.15, "review")]
    assert links.sentence_key("Good  English!") == links.sentence_key("good english")
