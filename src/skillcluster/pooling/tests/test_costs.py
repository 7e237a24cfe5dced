"""The cost split to the cent; each figure worked out by hand."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillcluster.pooling.domain.costs import (
    SessionBill,
    Share,
    bills,
    cofunding_cents,
    seat_bound_cents,
    split_price,
)


def test_the_price_is_split_by_seats_with_leftover_cents_to_the_largest_remainders() -> None:
    # 1,000.00 over 3 + 2 + 2 seats: quotas 42,857 1/7, 28,571 3/7 and 28,571 3/7 cents; rounded down they
    # sum to 99,999, and the cent left goes to the largest remainder (3/7), the first of b and c listed.
    assert split_price(100000, {"a": 3, "b": 2, "c": 2}) == {"a": 42857, "b": 28572, "c": 28571}
    # Equal remainders: the cents go to the firms listed first.
    assert split_price(100, {"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}


def test_cofunding_rounds_public_money_down_and_stops_at_the_de_minimis_room() -> None:
    assert cofunding_cents(33333, 50, None) == 16666
    assert cofunding_cents(33333, 50, 10000) == 10000
    assert cofunding_cents(33333, 0, None) == 0
    with pytest.raises(ValueError, match="0-100"):
        cofunding_cents(100, 101, None)


def test_bills_use_the_de_minimis_room_up_session_by_session() -> None:
    # Firm a (micro, 60 %) has 200.00 of room: the first session's 180.00 of co-funding leaves 20.00 for the next.
    found = bills(
        [("s1", 60000, {"a": 1, "b": 1}, {"a": 60, "b": 40}), ("s2", 30000, {"a": 2}, {"a": 60})],
        {"a": 20000, "b": None},
    )
    assert found == [
        SessionBill("s1", 60000, (Share("a", 1, 30000, 18000), Share("b", 1, 30000, 12000))),
        SessionBill("s2", 30000, (Share("a", 2, 30000, 2000),)),
    ]
    assert found[0].shares[0].firm_cents == 12000


def test_a_seat_never_costs_more_than_its_bound() -> None:
    assert seat_bound_cents(100000, 6) == 16667


@given(
    st.integers(0, 10**8),
    st.dictionaries(st.integers(0, 30), st.integers(1, 20), min_size=1, max_size=12),
    st.integers(0, 100),
)
def test_every_bill_sums_to_the_price_and_no_share_passes_its_bound(
    price: int, seats: dict[int, int], pct: int
) -> None:
    (bill,) = bills([("s", price, seats, dict.fromkeys(seats, pct))], dict.fromkeys(seats))
    assert sum(s.gross_cents for s in bill.shares) == price
    assert sum(s.public_cents + s.firm_cents for s in bill.shares) == price
    low = sum(seats.values())  # the bound holds for any minimum up to the seats taken
    assert all(s.gross_cents <= s.seats * seat_bound_cents(price, low) for s in bill.shares)
