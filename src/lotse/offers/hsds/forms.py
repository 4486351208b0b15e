"""Forms of the HSDS pages: file uploads and the review decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.network.models import Organisation

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class _UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    allowed_suffixes: tuple[str, ...] = ()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if not upload.name.lower().endswith(self.allowed_suffixes):
            raise forms.ValidationError(
                _("Please upload a file of type %(types)s.")
                % {"types": ", ".join(self.allowed_suffixes)}
            )
        return upload


class HsdsUploadForm(_UploadForm):
    allowed_suffixes = (".json",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("An Open Referral HSDS 3.0 JSON file.")


class TemplateUploadForm(_UploadForm):
    allowed_suffixes = (".csv", ".xlsx")
    provider = forms.ModelChoiceField(
        label=_("Your organisation"), queryset=Organisation.all_communes.none(), empty_label=None
    )

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self.fields["file"].help_text = _("The filled-in template as CSV or XLSX.")


class MatchDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            ("merge", _("It is the same organisation: keep the offers there")),
            ("create", _("It is another organisation: create it under the name below")),
        ],
    )
    name = forms.CharField(
        label=_("Name of the new organisation"),
        max_length=200,
        required=False,
        help_text=_("Only for a new organisation; it must differ from the existing one."),
    )
