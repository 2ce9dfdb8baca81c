"""Form widgets for pages that must render fast."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A ``<select>`` built in Python instead of one template include per option.

    Django renders every option through ``select_option.html``; for filter bars with a
    country list and a few others on every page load that is most of the page's time.
    Flat choices only (no option groups).
    """

    def render(self, name, value, attrs=None, renderer=None):  # type: ignore[no-untyped-def]
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    str(option_value),
                    mark_safe(" selected") if str(option_value) in selected else "",  # noqa: S308
                    label,
                )
                for option_value, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)
