"""The roster as a django-import-export resource: one row per membership, with the
person's details.

Export goes through ``Resource.export`` (fields and widgets below). Import goes through
``Resource.import_data(dataset, dry_run=..., raise_errors=False, collect_failed_rows=...)``
and fills the library's ``Result`` (``totals``, ``invalid_rows``, ``failed_dataset``),
but ``import_data_inner`` is ours: the library's row-by-row loop (one query per row to
find the instance, one save per row) takes 13 s for 18,895 rows of one table, while
checking every cell with the same fields and widgets (a column at a time, each distinct
text once) and then matching and writing in bulk (``planning``, ``bulk``: a few queries
and one ``COPY`` per table) takes a few seconds for people, memberships and history.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from import_export import resources
from import_export.fields import Field
from import_export.results import InvalidRow, Result, RowResult

from members.enums import CareerStage, Degree, MembershipType, ScienceField
from members.imports.columns import (
    COLUMNS_BY_KEY,
    DATE_KEYS,
    EXPORT_COLUMNS,
    IDENTITY_KEYS,
    NAME_KEYS,
)
from members.imports.messages import CellError, render
from members.imports.names import split_name
from members.imports.planning import NEW, UNCHANGED, UPDATED, Plan, RowError, plan_rows, write_plan
from members.imports.widgets import (
    CAREER_STAGE_KOREAN,
    DEGREE_KOREAN,
    MEMBERSHIP_TYPE_KOREAN,
    PREFERRED_LANGUAGE_KOREAN,
    SCIENCE_FIELD_KOREAN,
    BooleanWidget,
    ChoiceWidget,
    CountryWidget,
    DateWidget,
    EmailWidget,
    LanguagesWidget,
    TextWidget,
    YearWidget,
    decide_day_first,
)
from members.models import Membership

# Countries whose people write 03/04/2021 for March 4th; everyone else: 3 April.
MONTH_FIRST_COUNTRIES = {"US", "PH", "CA"}
_NAME_PARTS = ("family_name_latin", "given_name_latin", "family_name_ko", "given_name_ko")

Progress = Callable[[int, int], None]
MEMO_SIZE = 5000  # texts remembered per column (numbers and emails are all different)


def _read_column(widget, cells: list) -> tuple[list, list[int]]:
    """What the widget makes of each cell of a column: its value, None for an empty
    cell (which leaves the stored value as it is), or the ``CellError``; and the
    positions of the errors. A text read once is not read again."""
    memo: dict = {"": None, None: None}
    failed = False

    def read(cell):
        nonlocal failed
        try:
            value = widget.clean(cell)
        except CellError as exc:
            value = exc.with_traceback(None)
            failed = True
        if type(cell) is str and len(memo) < MEMO_SIZE:
            memo[cell] = value
        return value

    # ``cell in memo`` is never true for a number or a date: the memo holds texts only.
    values = [memo[cell] if cell in memo else read(cell) for cell in cells]
    if not failed:
        return values, []
    return values, [i for i, value in enumerate(values) if isinstance(value, CellError)]


def _f(key: str, widget, attribute: str | None = None) -> Field:
    return Field(
        attribute=attribute if attribute is not None else f"person__{key}",
        column_name=COLUMNS_BY_KEY[key].header,
        widget=widget,
    )


class ChapterWidget(TextWidget):
    """A chapter of the importing association, by its English or Korean name."""

    def __init__(self) -> None:
        super().__init__(max_length=200)
        self.chapters: dict[str, int] = {}
        self.association_name = ""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value)
        if text is None:
            return None
        chapter_id = self.chapters.get(text.casefold())
        if chapter_id is None:
            raise CellError("unknown_chapter", value=text, association=self.association_name)
        return chapter_id


class AssociationWidget(TextWidget):
    """Checks that a row is meant for the importing association (HQ exports name it)."""

    def __init__(self) -> None:
        super().__init__(max_length=200)
        self.names: set[str] = set()
        self.association_name = ""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value)
        if text is None:
            return None
        if text.casefold() not in self.names:
            raise CellError("other_association", value=text, association=self.association_name)
        return text


@dataclass
class Checked:
    """The rows after every cell was read: valid rows with their values, and problems."""

    headers: list[str]
    valid: list[tuple[int, dict]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    raw: dict[int, list] = field(default_factory=dict)  # row number → cells, invalid rows only


class RosterResource(resources.Resource):
    member_number = _f("member_number", TextWidget(30), "member_number")
    family_name_latin = _f("family_name_latin", TextWidget(100))
    given_name_latin = _f("given_name_latin", TextWidget(100))
    family_name_ko = _f("family_name_ko", TextWidget(50))
    given_name_ko = _f("given_name_ko", TextWidget(50))
    name = _f("name", TextWidget(250), "")
    name_ko = _f("name_ko", TextWidget(120), "")
    name_latin = _f("name_latin", TextWidget(250), "")
    email = _f("email", EmailWidget())
    phone = _f("phone", TextWidget(40))
    country = _f("country", CountryWidget())
    city = _f("city", TextWidget(100))
    affiliation = _f("affiliation", TextWidget(200))
    position = _f("position", TextWidget(200))
    degree = _f("degree", ChoiceWidget(Degree, DEGREE_KOREAN, "unknown_degree"))
    field = _f("field", ChoiceWidget(ScienceField, SCIENCE_FIELD_KOREAN, "unknown_field"))
    keywords = _f("keywords", TextWidget(500))
    career_stage = _f(
        "career_stage", ChoiceWidget(CareerStage, CAREER_STAGE_KOREAN, "unknown_career_stage")
    )
    birth_year = _f("birth_year", YearWidget())
    languages = _f("languages", LanguagesWidget())
    preferred_language = _f(
        "preferred_language",
        ChoiceWidget(settings.LANGUAGES, PREFERRED_LANGUAGE_KOREAN, "unknown_language"),
    )
    consent_newsletter = _f("consent_newsletter", BooleanWidget())
    consent_directory = _f("consent_directory", BooleanWidget())
    type = _f("type", ChoiceWidget(MembershipType, MEMBERSHIP_TYPE_KOREAN, "unknown_type"), "type")
    chapter = _f("chapter", ChapterWidget(), "chapter__name_en")
    joined_on = _f("joined_on", DateWidget(), "joined_on")
    expires_on = _f("expires_on", DateWidget(), "expires_on")
    resigned_on = _f("resigned_on", DateWidget(), "resigned_on")
    association = _f("association", AssociationWidget(), "association__display_code")

    class Meta:
        chunk_size = 2000

    def __init__(self, *, association=None, mapping: dict[str, str] | None = None, **kwargs):
        """``mapping``: {file header: our column key or ""}; needed for import only."""
        super().__init__(**kwargs)
        self.association = association
        self.mapping = {h: k for h, k in (mapping or {}).items() if k in self.fields}
        self.header_for = {key: header for header, key in self.mapping.items()}
        for key, header in self.header_for.items():
            self.fields[key].column_name = header
        if association is not None:
            self._configure_for(association)
        self.plan: Plan | None = None
        self.checked: Checked | None = None
        # The cells of a row by its number, for rows found invalid only when matched.
        self.raw_lookup: Callable[[int], list] | None = None

    def _configure_for(self, association) -> None:
        label = association.display_code
        chapter = self.fields["chapter"].widget
        chapter.association_name = label
        for pk, name_en, name_ko in association.chapters.values_list("id", "name_en", "name_ko"):
            chapter.chapters.setdefault(name_en.casefold(), pk)
            if name_ko:
                chapter.chapters.setdefault(name_ko.casefold(), pk)
        check = self.fields["association"].widget
        check.association_name = label
        check.names = {
            n.casefold() for n in (association.code, association.name_en, association.name_ko) if n
        }
        day_first = association.country not in MONTH_FIRST_COUNTRIES
        for key in DATE_KEYS:
            self.fields[key].widget.day_first = day_first

    # --- export -------------------------------------------------------------------

    def get_export_fields(self, selected_fields=None):
        return [self.fields[column.key] for column in EXPORT_COLUMNS]

    def export_resource(self, instance, selected_fields=None, **kwargs):
        # The library looks each field's name up among all fields for every cell.
        return [self.fields[column.key].export(instance) for column in EXPORT_COLUMNS]

    def export(self, queryset: QuerySet[Membership] | None = None, **kwargs):
        if queryset is None:
            queryset = Membership.objects.none()
        if isinstance(queryset, QuerySet):
            queryset = queryset.select_related("person", "association", "chapter")
        return super().export(queryset, **kwargs)

    # --- import -------------------------------------------------------------------

    def column_header(self, key: str) -> str:
        """The file's header for one of our columns (the name column for name parts)."""
        if key in self.header_for:
            return self.header_for[key]
        if key in _NAME_PARTS or key == "name":
            for name_key in NAME_KEYS:
                if name_key in self.header_for:
                    return self.header_for[name_key]
        column = COLUMNS_BY_KEY.get(key)
        return column.header if column else ""

    def check_rows(
        self,
        dataset,
        row_numbers: list[int],
        progress: Progress | None = None,
        rows: list | None = None,
    ) -> Checked:
        """Read every mapped cell with its widget; split names; find duplicates in the
        file. Rows whose cells all read are ``valid`` (they may still fail matching).

        ``rows``: the dataset's rows as the file was read, when the caller has them
        (tablib hands each row out as a new tuple: a tenth of a re-import's time)."""
        headers = list(dataset.headers or [])
        checked = Checked(headers=headers)
        # The fields' widgets, by position in the row: ``Field.clean`` would want each
        # row as a dict, which costs more than reading the cells.
        active = [
            (key, headers.index(header), self.fields[key].widget)
            for key, header in self.header_for.items()
        ]
        rows = list(dataset) if rows is None else rows
        total = len(rows)
        for key in DATE_KEYS:
            if key in self.header_for:
                position = headers.index(self.header_for[key])
                widget = self.fields[key].widget
                widget.day_first = decide_day_first(
                    [row[position] for row in rows], widget.day_first
                )
        name_keys = [k for k in NAME_KEYS if k in self.header_for]
        # Column by column (a column holds the same few types, countries, fields, cities
        # and dates over and over: each text is read by the widget once), then row by row.
        columns: list[list] = []
        problems_of: dict[int, list[RowError]] = defaultdict(list)  # row index → problems
        for done, (key, position, widget) in enumerate(active, 1):
            column, failed = _read_column(widget, [row[position] for row in rows])
            columns.append(column)
            for index in failed:
                error = column[index]
                problems_of[index].append(
                    RowError(row_numbers[index], key, error.code, dict(error.params))
                )
            if progress:
                progress(total * done // len(active), total)
        keys = [key for key, _position, _widget in active]
        reads = zip(*columns, strict=True) if columns else [()] * total
        for index, read in enumerate(reads):
            number = row_numbers[index]
            problems = problems_of.get(index, [])
            if problems:
                values = {}
            else:
                values = {k: v for k, v in zip(keys, read, strict=True) if v is not None}
            for name_key in name_keys:
                whole = values.pop(name_key, None)
                if whole:
                    for part, text in split_name(whole).items():
                        if text and not values.get(part):
                            values[part] = text
            for key in ("association",):
                values.pop(key, None)
            if not problems and not any(values.get(k) for k in IDENTITY_KEYS):
                problems.append(RowError(number, "", "no_identity"))
            if problems:
                checked.errors.extend(problems)
                checked.raw[number] = list(rows[index])
            else:
                checked.valid.append((number, values))
        self._find_duplicates(checked, dataset, row_numbers)
        positions = {n: i for i, n in enumerate(row_numbers)}
        self.raw_lookup = lambda number: list(dataset[positions[number]])
        return checked

    def _find_duplicates(self, checked: Checked, dataset, row_numbers: list[int]) -> None:
        """Two rows with the same email or member number are both errors, each naming
        the other: merging them silently would lose one of them."""
        bad: dict[int, list[RowError]] = {}
        values_of = dict(checked.valid)
        for key, code in (("email", "duplicate_email"), ("member_number", "duplicate_number")):
            seen: dict[str, list[int]] = {}
            for number, values in checked.valid:
                value = values.get(key)
                if value:
                    seen.setdefault(value.casefold(), []).append(number)
            for numbers in seen.values():
                if len(numbers) < 2:
                    continue
                for number in numbers:
                    other = next(n for n in numbers if n != number)
                    value = values_of[number][key]
                    bad.setdefault(number, []).append(
                        RowError(number, key, code, {"value": value, "other": f"{other:,}"})
                    )
        if not bad:
            return
        positions = {n: i for i, n in enumerate(row_numbers)}
        checked.valid = [(n, v) for n, v in checked.valid if n not in bad]
        for number, problems in bad.items():
            checked.errors.extend(problems)
            checked.raw[number] = list(dataset[positions[number]])

    def import_data_inner(
        self, dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
    ):
        """Check every row, match the valid ones, and (unless ``dry_run``, and unless a
        row is invalid in all-or-nothing mode) write them.

        kwargs: ``row_numbers`` (the numbers people see), ``rows`` (the dataset's rows as
        read, see ``check_rows``), ``valid_only`` (write the valid rows even if some are
        invalid), ``actor``, ``summary``, ``progress``.
        """
        row_numbers = kwargs.get("row_numbers") or list(range(1, len(dataset) + 1))
        checked = self.check_rows(
            dataset, row_numbers, kwargs.get("progress"), rows=kwargs.get("rows")
        )
        return self.import_checked(
            checked,
            dry_run=dry_run,
            collect_failed_rows=collect_failed_rows,
            lock=using_transactions and not dry_run,
            **kwargs,
        )

    def import_checked(
        self,
        checked: Checked,
        *,
        dry_run: bool,
        collect_failed_rows: bool = False,
        lock: bool = False,
        valid_only: bool = False,
        actor=None,
        summary: str = "",
        progress: Progress | None = None,
        **kwargs,
    ) -> Result:
        """Match checked rows and, unless ``dry_run``, write them (inside the caller's
        transaction). Fills ``self.plan`` and ``self.checked``."""
        plan = plan_rows(association=self.association, rows=checked.valid, lock=lock)
        if plan.errors:
            by_number = {n: v for n, v in checked.valid}
            for error in plan.errors:
                if error.row not in checked.raw:
                    checked.raw[error.row] = self.raw_lookup(error.row) if self.raw_lookup else []
                checked.errors.append(error)
            failed = {e.row for e in plan.errors}
            checked.valid = [(n, by_number[n]) for n, _ in checked.valid if n not in failed]
        self.plan, self.checked = plan, checked
        writes = not dry_run and (valid_only or not checked.errors)
        if writes:
            write_plan(
                plan=plan,
                association=self.association,
                actor=actor,
                summary=summary,
                progress=progress,
            )
        return self._result(checked, plan, collect_failed_rows)

    def _result(self, checked: Checked, plan: Plan, collect_failed_rows: bool) -> Result:
        result = self.get_result_class()()
        result.diff_headers = list(checked.headers)
        result.total_rows = len(checked.valid) + len(checked.raw)
        result.totals[RowResult.IMPORT_TYPE_NEW] = plan.count(NEW)
        result.totals[RowResult.IMPORT_TYPE_UPDATE] = plan.count(UPDATED)
        result.totals[RowResult.IMPORT_TYPE_SKIP] = plan.count(UNCHANGED)
        result.totals[RowResult.IMPORT_TYPE_INVALID] = len(self.invalid_row_numbers(checked))
        if collect_failed_rows:
            result.add_dataset_headers(list(checked.headers))
        for number, problems in self.problems_by_row(checked).items():
            errors: dict[str, list[str]] = {}
            for problem in problems:
                column = self.column_header(problem.column) if problem.column else NON_FIELD_ERRORS
                errors.setdefault(column, []).append(render(problem.code, problem.params))
            values = list(checked.raw.get(number) or [])
            values = (values + [""] * len(checked.headers))[: len(checked.headers)]
            row = dict(zip(checked.headers, values, strict=True))
            error = ValidationError(errors)
            result.invalid_rows.append(
                InvalidRow(number=number, validation_error=error, values=tuple(values))
            )
            if collect_failed_rows:
                result.append_failed_row(row, "; ".join(self.describe(p) for p in problems))
        return result

    @staticmethod
    def invalid_row_numbers(checked: Checked) -> list[int]:
        return sorted({e.row for e in checked.errors})

    @staticmethod
    def problems_by_row(checked: Checked) -> dict[int, list[RowError]]:
        rows: dict[int, list[RowError]] = {}
        for error in sorted(checked.errors, key=lambda e: e.row):
            rows.setdefault(error.row, []).append(error)
        return rows

    def describe(self, problem: RowError) -> str:
        """ "column Join Date: '31/02/2021' is not a date" (the row is said separately)."""
        message = render(problem.code, problem.params)
        if problem.column:
            return f"{self.column_header(problem.column)}: {message}"
        return message
