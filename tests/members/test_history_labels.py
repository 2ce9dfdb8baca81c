"""Every history action written anywhere in the code has a translated label."""

import ast
import re
from pathlib import Path

from django.urls import reverse
from django.utils.functional import Promise

from members.history import ACTION_LABELS
from members.services.privacy import person_export

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["members", "associations", "conferences", "awards", "kofst"]
ACTION = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


def _sources() -> list[tuple[Path, ast.Module]]:
    found = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                found.append((path, ast.parse(path.read_text(), filename=str(path))))
    return found


def _string_constants(sources) -> dict[str, set[str]]:
    """Module-level ``NAME = "text"`` constants of every module, to resolve
    ``action=NAME`` (also when the constant is imported from another module)."""
    found: dict[str, set[str]] = {}
    for _path, tree in sources:
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        found.setdefault(target.id, set()).add(node.value.value)
    return found


def _action_expressions(tree: ast.Module):
    """What is given as an action: ``action=...`` arguments and ``"action": ...`` items
    of dicts (rows written in bulk)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield from (k.value for k in node.keywords if k.arg == "action")
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "action":
                    yield value


def actions_in_source() -> dict[str, str]:
    """``{action: "file:line"}`` for every dotted string given as an action (also inside
    conditional expressions spread over several lines)."""
    sources = _sources()
    constants = _string_constants(sources)
    actions: dict[str, str] = {}
    for path, tree in sources:
        for expression in _action_expressions(tree):
            for part in ast.walk(expression):
                values: set[str] = set()
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    values = {part.value}
                elif isinstance(part, ast.Name):
                    values = constants.get(part.id, set())
                for value in values:
                    if ACTION.match(value):
                        actions.setdefault(value, f"{path.relative_to(ROOT)}:{part.lineno}")
    return actions


def test_history_actions_scan_finds_the_known_writers():
    actions = actions_in_source()

    # One from each kind of writer: a literal, a conditional expression over two lines,
    # a helper forwarding ``action``, bulk rows written as dicts and an imported constant.
    assert {
        "person.merge",
        "conference.registration.offered",
        "conference.registration.promoted",
        "review.revise",
        "mail.campaign_paused",
        "membership.import_update",
        "demo.seeded",
    } <= set(actions)


def test_history_actions_every_action_has_a_label():
    actions = actions_in_source()

    missing = {action: where for action, where in actions.items() if action not in ACTION_LABELS}

    assert missing == {}


def test_history_actions_labels_are_translatable_and_not_stale():
    actions = actions_in_source()

    untranslated = [key for key, label in ACTION_LABELS.items() if not isinstance(label, Promise)]
    stale = sorted(set(ACTION_LABELS) - set(actions))

    assert untranslated == []
    assert stale == []


def test_history_label_shows_on_the_person_page(client, association_staff, member):
    person_export(person=member.person, actor=association_staff)
    client.force_login(association_staff)

    page = client.get(reverse("members:person_detail", args=[member.person.pk]))

    body = page.content.decode()
    assert "<strong>Personal data exported</strong>" in body
    assert "<strong>person.export</strong>" not in body
