"""Indicators of the group "funding": the funding year's budget, what was approved, what
the proofs of use report as spent, by funding area and life phase.

Funding is planned for the whole commune, so these figures ignore a social-area filter
(``by_social_area=False``). The drill-downs list funded measures with their title,
organisation and amounts, never a person."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from decimal import Decimal

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from lotse.funding.models import (
    DECIDED,
    ZERO,
    Application,
    FundingYear,
    LifePhase,
    ProofOfUse,
    ProofStatus,
)
from lotse.reports.indicators.base import (
    Column,
    Figure,
    Group,
    Indicator,
    Result,
    Scope,
    Table,
    Unit,
)

NOT_GIVEN = "none"
ALLOCATION = "allocation"
MUNICIPAL = "municipal"
OTHER = "other"
# A proof of use reports what was spent once it is submitted; a returned one is being
# corrected and counts again when it comes back.
REPORTING = (ProofStatus.SUBMITTED, ProofStatus.ACCEPTED)


def funding_year(scope: Scope) -> FundingYear | None:
    found: FundingYear | None = (
        FundingYear.objects.for_commune(scope.commune).filter(year=scope.year).first()
    )
    return found


def measures(scope: Scope) -> list[Application]:
    """The year's approved measures (decision released: approved or approved with a lower
    amount) with their proofs of use and cost plans, in three queries."""
    found: list[Application] = list(
        Application.objects.for_commune(scope.commune)
        .filter(funding_year__year=scope.year, status__in=DECIDED)
        .select_related("organisation", "proof")
        .prefetch_related("cost_items")
        .order_by("funding_area", "organisation__name", "title", "pk")
    )
    return found


def approved(application: Application) -> Decimal:
    return application.approved_amount or ZERO


def proof_of(application: Application) -> ProofOfUse | None:
    proof: ProofOfUse | None = getattr(application, "proof", None)
    return proof


def spent(application: Application) -> Decimal | None:
    """What the proof of use reports as spent (the cost plan's spent amounts), once it
    is submitted or accepted; None before."""
    proof = proof_of(application)
    if proof is None or proof.status not in REPORTING:
        return None
    return sum((item.spent_amount or ZERO for item in application.cost_items.all()), ZERO)


def area_key(application: Application) -> str:
    """A short, stable key for the funding area (its text is long and free)."""
    if not application.funding_area:
        return NOT_GIVEN
    digest = hashlib.blake2s(application.funding_area.encode(), digest_size=5).hexdigest()
    return f"{slugify(application.funding_area)[:12].strip('-')}-{digest}"


def phase_key(application: Application) -> str:
    return application.life_phase or NOT_GIVEN


def _grouped(
    applications: list[Application],
    key_of: Callable[[Application], str],
    label_of: Callable[[Application], str],
    amount_of: Callable[[Application], Decimal | None],
    order: list[str] | None = None,
) -> list[Figure]:
    totals: dict[str, Decimal] = {}
    labels: dict[str, str] = {}
    for application in applications:
        key = key_of(application)
        labels[key] = label_of(application)
        totals[key] = totals.get(key, ZERO) + (amount_of(application) or ZERO)
    # Rows in the given order; anything else (an unknown stored value) after them.
    known = [key for key in order or [] if key in totals]
    rest = sorted((key for key in totals if key not in known), key=lambda key: labels[key])
    keys = known + rest
    return [Figure(key=key, label=labels[key], value=totals[key]) for key in keys]


def _area_label(application: Application) -> str:
    return application.funding_area or str(_("No funding area given"))


def _phase_label(application: Application) -> str:
    if application.life_phase:
        return str(dict(LifePhase.choices).get(application.life_phase, application.life_phase))
    return str(_("No life phase given"))


# Allocated -------------------------------------------------------------------------


def allocated(scope: Scope) -> Result:
    year = funding_year(scope)
    if year is None:
        return Result(value=None, note=_("No funding year %(year)d") % {"year": scope.year})
    state = year.allocation if year.allocation_confirmed else ZERO
    note = (
        ""
        if year.allocation_confirmed
        else _("The allocation of %(amount)s EUR is not confirmed yet and not counted.")
        % {"amount": number_format(year.allocation, 2, force_grouping=True)}
    )
    return Result(
        value=year.budget,
        breakdown=[
            Figure(key=ALLOCATION, label=_("Allocation (federal and state funds)"), value=state),
            Figure(key=MUNICIPAL, label=_("Municipal funds"), value=year.municipal_funds),
            Figure(key=OTHER, label=_("Other funds"), value=year.other_funds),
        ],
        note=note,
    )


def allocated_drilldown(scope: Scope, row_key: str | None) -> Table:
    columns = [Column(_("Source")), Column(_("Amount"), Unit.EUR), Column(_("Note"))]
    year = funding_year(scope)
    if year is None:
        return Table(columns=columns, rows=[])
    yes, no = str(_("confirmed")), str(_("not confirmed, not counted"))
    rows: dict[str, list[str | Decimal | None]] = {
        ALLOCATION: [
            str(_("Allocation (federal and state funds)")),
            year.allocation,
            yes if year.allocation_confirmed else no,
        ],
        MUNICIPAL: [str(_("Municipal funds")), year.municipal_funds, ""],
        OTHER: [str(_("Other funds")), year.other_funds, year.other_funds_note],
    }
    chosen = [rows[key] for key in rows if row_key is None or key == row_key]
    link = reverse(
        "funding:year_detail", kwargs={"commune_slug": scope.commune.slug, "year": year.year}
    )
    return Table(columns=columns, rows=chosen, links=[link] * len(chosen))


# The measures behind approved and spent ---------------------------------------------


def _measure_table(
    scope: Scope, applications: list[Application], key_of: Callable[[Application], str] | None
) -> Callable[[str | None], Table]:
    def table(row_key: str | None) -> Table:
        chosen = [
            application
            for application in applications
            if row_key is None or (key_of is not None and key_of(application) == row_key)
        ]
        rows: list[list[str | Decimal | None]] = []
        for application in chosen:
            proof = proof_of(application)
            rows.append(
                [
                    application.title,
                    application.organisation.name,
                    application.funding_area,
                    _phase_label(application) if application.life_phase else "",
                    application.requested_amount,
                    approved(application),
                    spent(application),
                    str(ProofStatus(proof.status).label) if proof is not None else "",
                ]
            )
        return Table(
            columns=[
                Column(_("Measure")),
                Column(_("Organisation")),
                Column(_("Funding area")),
                Column(_("Life phase")),
                Column(_("Requested"), Unit.EUR),
                Column(_("Approved"), Unit.EUR),
                Column(_("Spent"), Unit.EUR),
                Column(_("Proof of use")),
            ],
            rows=rows,
            links=[
                reverse(
                    "funding:review",
                    kwargs={"commune_slug": scope.commune.slug, "uuid": application.uuid},
                )
                for application in chosen
            ],
        )

    return table


def _total(
    applications: list[Application], amount_of: Callable[[Application], Decimal | None]
) -> Decimal:
    return sum((amount_of(application) or ZERO for application in applications), ZERO)


# Approved, by funding area -----------------------------------------------------------


def approved_by_area(scope: Scope) -> Result:
    found = measures(scope)
    return Result(
        value=_total(found, approved),
        breakdown=_grouped(found, area_key, _area_label, approved),
        note=_("Measures approved: %(count)d") % {"count": len(found)},
    )


def approved_by_area_drilldown(scope: Scope, row_key: str | None) -> Table:
    return _measure_table(scope, measures(scope), area_key)(row_key)


# Approved, by life phase -------------------------------------------------------------


def approved_by_life_phase(scope: Scope) -> Result:
    found = measures(scope)
    return Result(
        value=_total(found, approved),
        breakdown=_grouped(
            found,
            phase_key,
            _phase_label,
            approved,
            order=[*LifePhase.values, NOT_GIVEN],
        ),
    )


def approved_by_life_phase_drilldown(scope: Scope, row_key: str | None) -> Table:
    return _measure_table(scope, measures(scope), phase_key)(row_key)


# Spent -------------------------------------------------------------------------------


def spent_by_area(scope: Scope) -> Result:
    found = measures(scope)
    reported = [application for application in found if spent(application) is not None]
    return Result(
        value=_total(reported, spent),
        breakdown=_grouped(reported, area_key, _area_label, spent),
        note=_("%(reported)d of %(count)d proofs of use submitted")
        % {"reported": len(reported), "count": len(found)},
    )


def spent_by_area_drilldown(scope: Scope, row_key: str | None) -> Table:
    reported = [application for application in measures(scope) if spent(application) is not None]
    return _measure_table(scope, reported, area_key)(row_key)


INDICATORS: list[Indicator] = [
    Indicator(
        key="funding.allocated",
        group=Group.FUNDING,
        title=_("Funds available"),
        definition=_(
            "The funding year's budget: the confirmed allocation of federal and state funds "
            "plus municipal and other funds, as the coordination recorded them."
        ),
        unit=Unit.EUR,
        compute=allocated,
        drilldown=allocated_drilldown,
        by_social_area=False,
    ),
    Indicator(
        key="funding.approved",
        group=Group.FUNDING,
        title=_("Funds approved by funding area"),
        definition=_(
            "Sum of the amounts approved for the year's measures whose decision has been "
            "released (approved or approved with a lower amount), by funding area."
        ),
        unit=Unit.EUR,
        compute=approved_by_area,
        drilldown=approved_by_area_drilldown,
        by_social_area=False,
    ),
    Indicator(
        key="funding.approved_by_life_phase",
        group=Group.FUNDING,
        title=_("Funds approved by life phase"),
        definition=_(
            "Sum of the amounts approved for the year's measures whose decision has been "
            "released, by the life phase the measure is for."
        ),
        unit=Unit.EUR,
        compute=approved_by_life_phase,
        drilldown=approved_by_life_phase_drilldown,
        by_social_area=False,
    ),
    Indicator(
        key="funding.spent",
        group=Group.FUNDING,
        title=_("Funds spent"),
        definition=_(
            "Sum of the spent amounts in the cost plans of the year's approved measures "
            "whose proof of use has been submitted or accepted, by funding area; measures "
            "without such a proof are not counted yet."
        ),
        unit=Unit.EUR,
        compute=spent_by_area,
        drilldown=spent_by_area_drilldown,
        by_social_area=False,
    ),
]
