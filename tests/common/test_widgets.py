"""FastSelect keeps each list's escaped options and only marks the selected ones: the
output must be what Django's own Select gives, in whichever language is active."""

from html.parser import HTMLParser

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kofst.common.widgets import FastSelect

CHOICES = [("", _("All")), ("KR", "Korea <&>"), ("US", "United States"), (3, "Three")]


class _Options(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.options: list[list] = []
        self.select_attrs: dict = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag == "select":
            self.select_attrs = dict(attrs)
        if tag == "option":
            values = dict(attrs)
            self.options.append([values["value"], "selected" in values, ""])

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self.options and data.strip():
            self.options[-1][2] += data


def test_same_options_as_djangos_select_for_each_kind_of_value():
    fast, stock = FastSelect(choices=CHOICES), forms.Select(choices=CHOICES)
    for value in (None, "", "KR", 3, "nope"):
        ours = _Options(fast.render("c", value, {"class": "form-select"}))
        theirs = _Options(stock.render("c", value, {"class": "form-select"}))
        assert ours.options == theirs.options, value
        assert ours.select_attrs == theirs.select_attrs


def test_labels_escaped_once_and_kept_per_language():
    widget = FastSelect(choices=CHOICES)
    with translation.override("en"):
        english = widget.render("c", "KR")
    with translation.override("ko"):
        korean = widget.render("c", "KR")
    assert "Korea &lt;&amp;&gt;" in english
    assert "&amp;amp;" not in english
    assert ">All</option>" in english
    assert ">All</option>" not in korean  # "All" is translated, not served from the cache
    assert '<option value="KR" selected>' in korean
