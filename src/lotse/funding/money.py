"""Amounts of money as German readers expect them: 37.240,00 €."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format


def euro(amount: Decimal) -> str:
    return f"{number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)} €"
