"""Form widgets for pages that must render fast."""

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


@lru_cache(maxsize=512)
def _options(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    """Each choice as (value, ``<option value="…"``, ``>label</option>``), escaped once
    for every page that shows the same list (a country list is ~250 options)."""
    return tuple(
        (value, format_html('<option value="{}"', value), format_html(">{}</option>", label))
        for value, label in choices
    )


class FastSelect(forms.Select):
    """A ``<select>`` built in Python instead of one template include per option.

    Django renders every option through ``select_option.html``; for filter bars with a
    country list and a few others on every page load that is most of the page's time.
    The escaped options are kept per list of choices (in the language they were made
    in: the labels are part of the key), so a page only marks the selected ones.
    Flat choices only (no option groups).
    """

    def render(self, name, value, attrs=None, renderer=None):  # type: ignore[no-untyped-def]
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}
        options = _options(tuple((str(v), str(label)) for v, label in self.choices))
        html = "".join(
            head + " selected" + tail if option_value in selected else head + tail
            for option_value, head, tail in options
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(html))  # noqa: S308
