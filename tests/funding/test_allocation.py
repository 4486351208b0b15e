"""The state's share (22.7 % of 51 million EUR) divided among youth offices by their
children under 3 in SGB II, rounded by the largest-remainder method to add up exactly."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from lotse.funding.allocation import AllocationError, YouthOffice, allocate, parse_table
from lotse.funding.models import FundingYear
from tests.conftest import World

NRW_POT = Decimal("51000000") * Decimal("22.7") / 100  # 11,577,000 EUR


def statewide_table(offices: int = 186, seed: int = 7) -> list[YouthOffice]:
    """A statewide table the size of NRW's (186 youth offices), with awkward numbers."""
    rng = random.Random(seed)  # noqa: S311 - test data, not cryptography
    return [YouthOffice(f"Jugendamt {i:03d}", rng.randint(40, 9000)) for i in range(offices)]


def test_the_state_share_of_the_federal_fund_is_22_7_percent() -> None:
    assert FundingYear(year=2027).state_amount == Decimal("11577000.00")


def test_whole_euro_allocations_of_a_statewide_table_add_up_exactly_to_the_pot() -> None:
    shares = allocate(NRW_POT, statewide_table(), to_cents=False)
    assert sum(share.allocation for share in shares) == NRW_POT
    assert all(share.allocation == share.allocation.to_integral_value() for share in shares)


def test_cent_allocations_add_up_exactly_and_stay_within_a_cent_of_the_exact_share() -> None:
    offices = statewide_table(seed=11)
    pot = Decimal("11577000.01")
    shares = allocate(pot, offices, to_cents=True)
    total_children = sum(office.children for office in offices)
    assert sum(share.allocation for share in shares) == pot
    for office, share in zip(offices, shares, strict=True):
        exact = pot * office.children / total_children
        assert abs(share.allocation - exact) < Decimal("0.01")


def test_the_leftover_euro_goes_to_the_largest_remainder() -> None:
    offices = [YouthOffice("A", 1), YouthOffice("B", 1), YouthOffice("C", 1)]
    shares = allocate(Decimal("100"), offices, to_cents=False)
    # 33.33 each: the one euro left goes to the first by name among equal remainders.
    assert [share.allocation for share in shares] == [Decimal(34), Decimal(33), Decimal(33)]
    shares = allocate(
        Decimal("10"), [YouthOffice("Groß", 7), YouthOffice("Klein", 3)], to_cents=False
    )
    assert [share.allocation for share in shares] == [Decimal(7), Decimal(3)]


def test_a_malformed_table_is_rejected_with_every_bad_line_and_its_reason() -> None:
    text = "youth_office,children_under_3_sgb2\nBergkamen,812\nDortmund,viele\nUnna\nBergkamen,3\n"
    with pytest.raises(AllocationError) as caught:
        parse_table(text)
    assert caught.value.errors == [
        "Zeile 3: „viele“ ist keine ganze Zahl von Kindern.",
        "Zeile 4: 2 Spalten erwartet, 1 gefunden.",
        "Zeile 5: „Bergkamen“ kommt doppelt vor.",
    ]
    with pytest.raises(AllocationError, match="Zeile 1"):
        parse_table("Jugendamt;Kinder\nBergkamen;812\n")


def test_the_operator_command_prints_each_youth_offices_allocation_as_csv(tmp_path: Path) -> None:
    table = tmp_path / "nrw.csv"
    table.write_text(
        "youth_office,children_under_3_sgb2\nBergkamen,1\nDortmund,2\n", encoding="utf-8"
    )
    out = io.StringIO()
    call_command("funding-allocate", "--amount", "100", "--csv", str(table), stdout=out)
    assert out.getvalue() == "youth_office,allocation\nBergkamen,33\nDortmund,67\n"
    out = io.StringIO()
    call_command("funding-allocate", "--amount", "100", "--csv", str(table), "--cents", stdout=out)
    assert out.getvalue() == "youth_office,allocation\nBergkamen,33.33\nDortmund,66.67\n"


def test_the_operator_command_rejects_a_malformed_file_with_line_and_reason(
    tmp_path: Path,
) -> None:
    table = tmp_path / "nrw.csv"
    table.write_text("youth_office,children_under_3_sgb2\nBergkamen,-4\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Zeile 2: „-4“ ist keine ganze Zahl"):
        call_command("funding-allocate", "--amount", "100", "--csv", str(table))
    with pytest.raises(CommandError, match="--amount"):
        call_command("funding-allocate", "--amount", "viel", "--csv", str(table))


def test_a_coordinator_estimates_the_shares_from_an_uploaded_table(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    upload = SimpleUploadedFile(
        "nrw.csv", b"youth_office,children_under_3_sgb2\nBergkamen,1\nDortmund,2\n", "text/csv"
    )
    response = client_for("bergkamen", "coordinator").post(
        "/bergkamen/funding/allocation/", {"amount": "100", "table": upload}
    )
    assert response.status_code == 200
    assert [(s.name, s.allocation) for s in response.context["shares"]] == [
        ("Bergkamen", Decimal(33)),
        ("Dortmund", Decimal(67)),
    ]


def test_an_uploaded_malformed_table_shows_the_line_and_reason(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    upload = SimpleUploadedFile(
        "nrw.csv", b"youth_office,children_under_3_sgb2\nBergkamen,x\n", "text/csv"
    )
    response = client_for("bergkamen", "coordinator").post(
        "/bergkamen/funding/allocation/", {"amount": "100", "table": upload}
    )
    assert "Zeile 2: „x“ ist keine ganze Zahl von Kindern." in response.content.decode()
    assert response.context["shares"] is None
