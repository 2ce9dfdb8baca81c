"""Every message an import can give, by code, rendered in the reader's language.

Rows are checked in a Celery worker, whose language is not the reader's; so problems are
stored as a code and parameters and put into words only when shown.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    # cells
    "not_a_date": _("'%(value)s' is not a date"),
    "not_an_email": _("'%(value)s' is not an email address"),
    "not_a_year": _("'%(value)s' is not a birth year between 1900 and this year"),
    "not_yes_no": _("'%(value)s' is neither yes nor no"),
    "unknown_type": _(
        "'%(value)s' is not a membership type (regular, student, life, honorary, associate; "
        "정회원, 학생회원, 평생회원, 명예회원, 준회원)"
    ),
    "unknown_country": _("'%(value)s' is not a country we know"),
    "unknown_field": _("'%(value)s' is not a field of science we know"),
    "unknown_degree": _("'%(value)s' is not a degree we know (bachelor, master, doctorate, other)"),
    "unknown_career_stage": _("'%(value)s' is not a career stage we know"),
    "unknown_language": _("'%(value)s' is not a language we know"),
    "unknown_chapter": _("there is no chapter '%(value)s' in %(association)s"),
    "other_association": _(
        "'%(value)s' is another association; this import is into %(association)s"
    ),
    "too_long": _("'%(value)s' is longer than %(limit)s characters"),
    # rows
    "duplicate_email": _("the email address '%(value)s' is also in row %(other)s"),
    "duplicate_number": _("the member number '%(value)s' is also in row %(other)s"),
    "same_person_twice": _("this row and row %(other)s are the same person"),
    "number_of_other_person": _(
        "member number '%(value)s' belongs to %(name)s, but the email address belongs to "
        "another person"
    ),
    "number_taken": _("member number '%(value)s' already belongs to %(name)s"),
    "no_identity": _("the row has neither an email address nor a member number"),
    "new_person_needs_name": _("a new person needs a name"),
    "new_member_needs_number": _("a new member needs a member number"),
    "expires_before_joined": _(
        "the membership expires (%(expires)s) before it starts (%(joined)s)"
    ),
    # files
    "empty_file": _("The file is empty."),
    "no_rows": _("The file has a header row but no rows."),
    "no_header": _("The file has no header row with column names."),
    "too_large": _("The file is larger than %(limit)s MB. Split it into smaller files."),
    "too_many_rows": _("The file has more than %(limit)s rows. Split it into smaller files."),
    "not_a_spreadsheet": _(
        "This is not a file we can read: upload a CSV, XLSX (Excel) or JSON file."
    ),
    "bad_xlsx": _("This Excel file cannot be read. Save it again as XLSX or CSV and retry."),
    "xlsx_bomb": _(
        "This Excel file unpacks to more than %(limit)s MB; it is refused. Save it as CSV."
    ),
    "bad_json": _("This JSON file cannot be read: %(detail)s"),
    "json_shape": _("A JSON roster must be a list of objects, one per member."),
    "no_identity_column": _(
        "Map a column to Email or to Member number: rows are matched to people by them."
    ),
    "duplicate_mapping": _("Two columns are mapped to %(column)s; map one of them only."),
    "stale_preview": _("The data changed since the preview; check the file again."),
    "failed": _("The import failed unexpectedly; nothing was written. Please try again."),
    "expired": _(
        "This import was not confirmed within %(days)s days, so its file was deleted. "
        "Upload the file again to import it."
    ),
}


def render(code: str, params: dict | None = None) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return code
    try:
        return str(template) % (params or {})
    except (KeyError, TypeError, ValueError):
        return str(template)


class CellError(ValueError):
    """A cell that cannot be read; raised by the widgets."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}

    def __str__(self) -> str:
        return render(self.code, self.params)


class FileProblem(Exception):
    """A file that cannot be imported at all."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}

    def __str__(self) -> str:
        return render(self.code, self.params)
