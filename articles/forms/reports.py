"""The readers' "report a problem" form: a short message, an optional contact, and a honeypot."""

from django import forms
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 500


class ProblemReportForm(forms.Form):
    message = forms.CharField(
        label=_("问题描述"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
        help_text=_("例如：段落顺序错了、标题不对、错别字、缺少署名。最多 500 字。"),
    )
    contact = forms.CharField(
        label=_("联系方式（可不填）"),
        max_length=200,
        required=False,
        help_text=_("邮箱或电话，仅供编辑回复时使用，不会公开。"),
    )
    # Honeypot: hidden from people by CSS and aria-hidden; simple bots fill every field.
    website = forms.CharField(label=_("请勿填写此栏"), required=False)

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("请写下您发现的问题。"))
        return message
