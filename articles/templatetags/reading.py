"""Template filters of the reading site: Chinese dates, flag names and display punctuation.

Django's ``date`` filter would need a format string per template and knows no “（估）”; these keep
every page writing a date the same way.
"""

from django import template

from articles.models import CreditRole, FlagCode
from articles.text.punctuation import display_html, display_text

register = template.Library()

WEEKDAYS = "一二三四五六日"


@register.filter
def cn_date(value) -> str:
    """date(2024, 3, 1) → “2024年3月1日”."""
    if not value:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def cn_weekday(value) -> str:
    """date(2024, 3, 1) → “星期五”."""
    if not value:
        return ""
    return "星期" + WEEKDAYS[value.weekday()]


@register.filter
def issue_date(issue) -> str:
    """An issue's date, with “（估）” when it was read from the text, not printed on the page."""
    text = cn_date(issue.date)
    return text + "（估）" if issue.date_is_estimated else text


@register.filter
def page_label(page, mark_estimate: bool = True) -> str:
    """“第3版 工会”; “第3版（估）” when the number was guessed, not printed (as for dates).
    ``page|page_label:False`` leaves the mark out, where the issue above already says it."""
    label = f"第{page.number}版"
    if page.number_is_estimated and mark_estimate:
        label += "（估）"
    return f"{label} {page.name}" if page.name else label


@register.filter
def flag_names(flags) -> str:
    """Distinct flag names, in order: “跨栏拼接、正文截断”."""
    names: list[str] = []
    for flag in flags:
        name = _label(FlagCode, flag.code)
        if name not in names:
            names.append(name)
    return "、".join(names)


@register.filter
def role_label(credit) -> str:
    """“记者”, “通讯员”… for a credit. Cheaper than ``get_role_display()``, which hashes every
    (lazily translated) choice on each call: with a dozen bylines that was most of a page's time."""
    return _label(CreditRole, credit.role)


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:  # a code no longer in the vocabulary: show it as stored
        return value


@register.filter(is_safe=True)
def cjk_punct(value):
    """ASCII ``, ; : ? ! ( )`` beside Chinese shown full-width (``articles.text.punctuation``).

    Plain text stays plain (autoescaping still applies to it); already safe HTML, such as a
    highlighted fragment, is converted between its tags and stays safe."""
    if value is None:
        return ""
    if getattr(value, "__html__", None):
        return display_html(value)
    return display_text(str(value))
