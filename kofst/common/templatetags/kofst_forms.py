"""Bootstrap markup for Django form fields, without a form-rendering dependency."""

from django import template
from django.forms import BoundField
from django.utils.http import url_has_allowed_host_and_scheme

register = template.Library()

_WIDGET_CLASSES = {
    "checkbox": "form-check-input",
    "radio": "form-check-input",
    "select": "form-select",
    "selectmultiple": "form-select",
    "radioselect": "",
    "checkboxselectmultiple": "",
    "hidden": "",
    "file": "form-control",
    "clearablefile": "form-control",
}


@register.filter
def bs_widget(field: BoundField, placeholder: str = "") -> str:
    """The field's widget with Bootstrap's class, ``is-invalid`` when it has errors,
    and a placeholder (floating labels need one) when given."""
    widget = field.field.widget
    css = _WIDGET_CLASSES.get(field.widget_type, "form-control")
    classes = [widget.attrs.get("class", ""), css]
    attrs: dict[str, str] = {}
    if field.errors:
        classes.append("is-invalid")
        attrs["aria-describedby"] = f"{field.auto_id}_errors"
    if placeholder and not widget.attrs.get("placeholder"):
        attrs["placeholder"] = str(placeholder)
    attrs["class"] = " ".join(c for c in classes if c)
    return field.as_widget(attrs=attrs)


@register.filter
def safe_next(url: str | None, request) -> str:  # type: ignore[no-untyped-def]
    """``url`` if it is a local URL that is safe to send the user to, else ``""``."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""
