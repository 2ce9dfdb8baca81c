"""Every history action written anywhere in the code has a translated label."""

import ast
import re
from pathlib import Path

from django.utils.functional import Promise

from members.history import ACTION_LABELS

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["members", "associations", "conferences", "awards", "kofst"]
ACTION = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


def _module_strings(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` constants, to resolve ``action=NAME``."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def actions_in_source() -> dict[str, str]:
    """``{action: "file:line"}`` for every dotted string given as an ``action=`` argument
    (also inside conditional expressions spread over several lines)."""
    actions: dict[str, str] = {}
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            constants = _module_strings(tree)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                for keyword in node.keywords:
                    if keyword.arg != "action":
                        continue
                    for part in ast.walk(keyword.value):
                        value = None
                        if isinstance(part, ast.Constant) and isinstance(part.value, str):
                            value = part.value
                        elif isinstance(part, ast.Name):
                            value = constants.get(part.id)
                        if value and ACTION.match(value):
                            where = f"{path.relative_to(ROOT)}:{part.lineno}"
                            actions.setdefault(value, where)
    return actions


def test_history_actions_scan_finds_the_known_writers():
    actions = actions_in_source()

    # One from each kind of writer: a literal, a conditional expression over two lines,
    # a helper forwarding ``action``, bulk rows built directly and a module constant.
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
