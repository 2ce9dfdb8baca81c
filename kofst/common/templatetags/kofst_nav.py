"""Filters for the navigation bar's menus."""

from django import template

from kofst.common.navigation import NavItem

register = template.Library()


@register.filter
def nav_group(items: list[NavItem], group: str) -> list[NavItem]:
    return [item for item in items if item.group == group]


@register.filter
def nav_active(items: list[NavItem], path: str) -> bool:
    return any(path == item.url or path.startswith(item.url) for item in items)
