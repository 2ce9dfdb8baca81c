"""Issuing, rendering, revoking and batching certificates.

Side effects: PDF files in the private storage; history rows; Celery tasks (batches)
enqueued after commit. Issuing is idempotent: one valid certificate per holder, kind and
subject (a partial unique constraint), which keeps its number and code for ever.
"""

import io
import zipfile
from collections.abc import Sequence

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kofst.certificates import codes, fonts, rendering
from kofst.certificates.enums import BatchStatus, CertificateStatus
from kofst.certificates.models import Certificate, CertificateBatch, CertificateDesign
from kofst.certificates.subjects import REGISTRY, SubjectKind, date_both
from kofst.common.audit import audit_record
from kofst.common.bulk import reserve_ids

KIND_CODES = {"attendance": "ATT", "presentation": "PRS", "award": "AWD", "membership": "MEM"}
REQUIRED_PRINTED = {
    "title_ko": _("the Korean title"),
    "title_en": _("the English title"),
    "statement_en": _("the statement"),
    "issuer_ko": _("the issuing association's Korean name"),
    "issuer_en": _("the issuing association's English name"),
    "date_text": _("the date"),
}


def subject_kind(kind: str) -> SubjectKind:
    try:
        return REGISTRY[kind]
    except KeyError:
        raise ValidationError(_("Certificates of this kind are not available.")) from None


def design_for(*, association, subject: models.Model | None) -> CertificateDesign | None:
    """The subject's own design, else the association's default (no subject)."""
    designs = CertificateDesign.objects.filter(association=association)
    if subject is not None:
        own = designs.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
        ).first()
        if own is not None:
            return own
    return designs.filter(subject_type__isnull=True).first()


def design_files(design: CertificateDesign | None, association=None) -> rendering.DesignFiles:
    def url(field) -> str:
        return f"file://{field.path}" if field else ""

    if design is None:
        return rendering.DesignFiles()
    logo = association.logo if association is not None else None
    return rendering.DesignFiles(
        background=url(design.background),
        logo=f"file://{logo.path}" if logo else "",
        signer_1_image=url(design.signer_1_image),
        signer_1_name=design.signer_1_name,
        signer_1_title=design.signer_1_title,
        signer_2_image=url(design.signer_2_image),
        signer_2_name=design.signer_2_name,
        signer_2_title=design.signer_2_title,
    )


def check_printable(printed: dict, design: CertificateDesign | None) -> None:
    """Refuse a certificate that would print with a required field empty, or a name no
    font can draw — with a message saying which."""
    missing = [str(label) for key, label in REQUIRED_PRINTED.items() if not printed.get(key)]
    if not (printed.get("holder_name_ko") or printed.get("holder_name_latin")):
        missing.insert(0, str(_("the holder's name")))
    if design is None or not design.signer_1_name:
        missing.append(str(_("a signature (set one in the certificate design)")))
    if missing:
        raise ValidationError(
            _("This certificate cannot be issued: %(fields)s missing.")
            % {"fields": ", ".join(missing)}
        )
    for key in ("holder_name_ko", "holder_name_latin"):
        try:
            fonts.runs(printed.get(key, ""))
        except fonts.MissingGlyphError as error:
            raise ValidationError(
                _("The name “%(name)s” has characters no certificate font can print: %(chars)s")
                % {"name": error.text, "chars": " ".join(error.characters)}
            ) from error


def verify_url(code: str) -> str:
    return f"{settings.SITE_URL}/verify/{codes.display_code(code)}/"


def _printed_for(sk: SubjectKind, subject, person, *, number: str, code: str, issued) -> dict:
    printed = sk.printed(subject, person)
    if not printed.get("date_text"):
        ko, en = date_both(issued)
        printed["date_text"] = f"{ko} · {en}"
    printed.update(
        kind=sk.kind,
        number=number,
        code_display=codes.display_code(code),
        verify_url=verify_url(code),
    )
    return printed


@transaction.atomic
def certificate_issue(*, kind: str, subject: models.Model, person, actor) -> Certificate:
    """The valid certificate of ``person`` for ``subject``, created if there is none.

    Side effects: a Certificate row and a history entry (only when created).
    """
    sk = subject_kind(kind)
    subject_type = ContentType.objects.get_for_model(subject)
    existing = Certificate.objects.filter(
        kind=kind,
        holder=person,
        subject_type=subject_type,
        subject_id=subject.pk,
        status=CertificateStatus.VALID,
    ).first()
    if existing is not None:
        return existing
    association = sk.association(subject)
    design = design_for(association=association, subject=subject)
    code = codes.new_code()
    issued = timezone.localdate()
    printed = _printed_for(sk, subject, person, number="", code=code, issued=issued)
    check_printable(printed, design)
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                kind=kind,
                holder=person,
                association=association,
                subject_type=subject_type,
                subject_id=subject.pk,
                code=code,
                printed=printed,
            )
    except IntegrityError:
        # Another request issued it a moment ago: that one is the certificate.
        return Certificate.objects.get(
            kind=kind,
            holder=person,
            subject_type=subject_type,
            subject_id=subject.pk,
            status=CertificateStatus.VALID,
        )
    certificate.number = f"KOFST-{issued.year}-{KIND_CODES[kind]}-{certificate.pk:06d}"
    certificate.printed["number"] = certificate.number
    certificate.save(update_fields=["number", "printed"])
    audit_record(
        actor=actor,
        action="certificate.issued",
        subject=certificate,
        person_id=person.pk,
        association_id=association.pk if association else None,
        summary=f"{certificate.number} ({sk.describe(subject)})",
    )
    return certificate


def _insert_numbered(certificates: list[Certificate], *, prefix: str) -> None:
    """Insert certificates whose number holds their id.

    On PostgreSQL the ids are taken from the sequence first, so the rows go in with their
    numbers in one INSERT; elsewhere (SQLite, the demo) they are numbered after it.
    """

    def number(certificate: Certificate) -> None:
        certificate.number = f"{prefix}{certificate.pk:06d}"
        certificate.printed["number"] = certificate.number

    if connection.vendor != "postgresql":
        Certificate.objects.bulk_create(certificates, batch_size=500)
        for certificate in certificates:
            number(certificate)
        Certificate.objects.bulk_update(certificates, ["number", "printed"], batch_size=500)
        return
    for certificate, pk in zip(
        certificates, reserve_ids(Certificate, len(certificates)), strict=True
    ):
        certificate.pk = pk
        number(certificate)
    Certificate.objects.bulk_create(certificates, batch_size=500)


def certificates_issue_many(
    *, kind: str, subject: models.Model, people: Sequence, actor
) -> tuple[list[int], list[str], int]:
    """Issue one certificate per person in bulk (existing valid ones are kept).

    Returns the certificate ids in the people's order, a message per person who could
    not get one, and how many were new. Side effects: Certificate rows (the caller
    records the history: a batch issues in several calls).
    """
    sk = subject_kind(kind)
    subject_type = ContentType.objects.get_for_model(subject)
    association = sk.association(subject)
    design = design_for(association=association, subject=subject)
    existing = {
        c.holder_id: c.pk
        for c in Certificate.objects.filter(
            kind=kind,
            subject_type=subject_type,
            subject_id=subject.pk,
            status=CertificateStatus.VALID,
        ).only("pk", "holder_id")
    }
    issued = timezone.localdate()
    new, errors = [], []
    for person in people:
        if person.pk in existing:
            continue
        code = codes.new_code()
        printed = _printed_for(sk, subject, person, number="", code=code, issued=issued)
        try:
            check_printable(printed, design)
        except ValidationError as error:
            errors.append(f"{person}: {' '.join(error.messages)}")
            continue
        new.append(
            Certificate(
                kind=kind,
                holder=person,
                association=association,
                subject_type=subject_type,
                subject_id=subject.pk,
                code=code,
                printed=printed,
            )
        )
    if new:
        try:
            with transaction.atomic():
                _insert_numbered(new, prefix=f"KOFST-{issued.year}-{KIND_CODES[kind]}-")
        except IntegrityError:
            # Someone requested one of these at the same moment: go one by one.
            for certificate in new:
                issued_one = certificate_issue(
                    kind=kind, subject=subject, person=certificate.holder, actor=actor
                )
                existing[certificate.holder.pk] = issued_one.pk
        else:
            existing.update({c.holder.pk: c.pk for c in new})
    ids = [existing[p.pk] for p in people if p.pk in existing]
    return ids, errors, len(new)


def _design_files_for(certificate: Certificate) -> rendering.DesignFiles:
    design = design_for(association=certificate.association, subject=certificate.subject)
    return design_files(design, certificate.association)


def _store_pdfs(certificates: Sequence[Certificate], pdfs: Sequence[bytes]) -> None:
    """Each certificate's file replaced by its PDF; one UPDATE for them all.

    On PostgreSQL the UPDATE joins a VALUES list: ``bulk_update``'s CASE expressions cost
    about a millisecond of Python per certificate, a tenth of a batch certificate's
    budget. SQLite (the demo) cannot name a VALUES list's columns: ``bulk_update`` there.
    """
    field = Certificate._meta.get_field("file")
    rows = []
    for certificate, pdf in zip(certificates, pdfs, strict=True):
        if certificate.file:
            certificate.file.storage.delete(certificate.file.name)
        name = field.generate_filename(certificate, f"{certificate.number}.pdf")
        certificate.file.name = field.storage.save(name, ContentFile(pdf))
        certificate.file_size = len(pdf)
        rows.extend([certificate.pk, certificate.file.name, certificate.file_size])
    if connection.vendor != "postgresql":
        Certificate.objects.bulk_update(certificates, ["file", "file_size"])
        return
    table = connection.ops.quote_name(Certificate._meta.db_table)
    values = ", ".join(["(%s, %s, %s)"] * len(certificates))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET file = v.file, file_size = v.size "  # noqa: S608 (no user input)
            f"FROM (VALUES {values}) AS v(id, file, size) WHERE {table}.id = v.id",
            rows,
        )


def certificate_pdf(*, certificate: Certificate) -> bytes:
    """The certificate's PDF, rendered and stored on first request."""
    if certificate.file and certificate.file.storage.exists(certificate.file.name):
        with certificate.file.open("rb") as handle:
            return handle.read()
    pdf = rendering.render_one(certificate.printed, _design_files_for(certificate))
    _store_pdfs([certificate], [pdf])
    return pdf


def certificates_render(certificates: Sequence[Certificate]) -> bytes:
    """Render certificates (of one design), store each as its own file, and return the
    document of them all (their merged PDF)."""
    if not certificates:
        return b""
    rendered = rendering.render_certificates(
        [c.printed for c in certificates], _design_files_for(certificates[0])
    )
    _store_pdfs(certificates, rendered.files)
    return rendered.document


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Mark revoked; /verify says so from now on. Side effect: a history entry."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == CertificateStatus.REVOKED:
        raise ValidationError(_("This certificate was already revoked."))
    if not reason.strip():
        raise ValidationError(_("Give a reason for revoking."))
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = actor
    certificate.revoke_reason = reason.strip()
    certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revoke_reason"])
    audit_record(
        actor=actor,
        action="certificate.revoked",
        subject=certificate,
        person_id=certificate.holder_id,
        association_id=certificate.association_id,
        summary=f"{certificate.number}: {certificate.revoke_reason}",
    )
    return certificate


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Revoke (if still valid) and issue a new certificate, with a new number and code,
    from today's data (e.g. after a corrected name)."""
    if certificate.status == CertificateStatus.VALID:
        certificate = certificate_revoke(certificate=certificate, actor=actor, reason=reason)
    new = certificate_issue(
        kind=certificate.kind, subject=certificate.subject, person=certificate.holder, actor=actor
    )
    new.replaces = certificate
    new.save(update_fields=["replaces"])
    return new


# --- Batches -------------------------------------------------------------------------


@transaction.atomic
def batch_create(*, kind: str, subject: models.Model, actor) -> CertificateBatch:
    """Queue the issuing and rendering of every certificate of ``subject``.

    Side effects: a batch row; the preparing task after commit.
    """
    from kofst.certificates import tasks

    sk = subject_kind(kind)
    association = sk.association(subject)
    design = design_for(association=association, subject=subject)
    if design is None or not design.signer_1_name:
        raise ValidationError(
            _("Set up the certificate design (at least one signature) before issuing.")
        )
    if not list(sk.holders(subject)):
        raise ValidationError(_("Nobody qualifies for this certificate yet."))
    batch = CertificateBatch.objects.create(
        kind=kind,
        association=association,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action="certificate.batch_requested",
        subject=batch,
        association_id=association.pk if association else None,
        summary=f"{sk.describe(subject)}",
    )
    transaction.on_commit(lambda: tasks.batch_prepare.delay(batch_id=batch.pk))
    return batch


def batch_prepare(*, batch_id: int) -> None:
    """Issue every certificate (idempotently) and fan the rendering out in chunks.

    Each chunk is queued as soon as its certificates are issued, so the other worker
    processes render while this one is still issuing (issuing 1,000 takes ~0.4 s, a
    tenth of the batch). How many chunks there are is known only at the end (a name that
    cannot be printed is left out), so ``chunks_total`` stays 0 until then; whichever
    comes last, this task or the last chunk, assembles the batch.
    """
    from kofst.certificates import tasks

    batch = CertificateBatch.objects.get(pk=batch_id)
    sk = subject_kind(batch.kind)
    subject = batch.subject
    people = list(sk.holders(subject))
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.RUNNING, total=len(people), chunks_total=0
    )
    size = rendering.CHUNK_SIZE
    ids: list[int] = []
    errors: list[str] = []
    queued = new = 0
    for start in range(0, len(people), size):
        issued, refused, fresh = certificates_issue_many(
            kind=batch.kind,
            subject=subject,
            people=people[start : start + size],
            actor=batch.requested_by,
        )
        ids += issued
        errors += refused
        new += fresh
        last = start + size >= len(people)
        while len(ids) - queued * size >= size or (last and len(ids) > queued * size):
            chunk = ids[queued * size : (queued + 1) * size]
            tasks.batch_render_chunk.delay(batch_id=batch.pk, index=queued, ids=chunk)
            queued += 1
    if new:
        association = sk.association(subject)
        audit_record(
            actor=batch.requested_by,
            action="certificate.issued_many",
            association_id=association.pk if association else None,
            summary=f"{new} × {sk.describe(subject)}",
        )
    with transaction.atomic():
        batch = CertificateBatch.objects.select_for_update().get(pk=batch_id)
        batch.total = len(ids)
        batch.certificate_ids = ids
        batch.chunks_total = queued
        batch.error = "\n".join(errors)
        batch.save(update_fields=["total", "certificate_ids", "chunks_total", "error"])
        every_chunk_done = batch.chunks_done >= queued
    if not queued:
        batch_finalize(batch_id=batch.pk)
    elif every_chunk_done:
        _batch_assemble(batch_id=batch.pk)


def _chunk_name(batch_id: int, index: int) -> str:
    return f"certificates/batches/{batch_id}/chunk-{index:05d}.pdf"


def batch_render_chunk(*, batch_id: int, index: int, ids: Sequence[int] | None = None) -> None:
    """Render one chunk; the task that finishes the last chunk assembles the batch.

    ``ids``: the chunk's certificates (older tasks, queued without them, read them from the
    batch).
    """
    from kofst.certificates.models import private_storage

    if ids is None:
        batch = CertificateBatch.objects.get(pk=batch_id)
        size = rendering.CHUNK_SIZE
        ids = batch.certificate_ids[index * size : (index + 1) * size]
    by_id = Certificate.objects.select_related("association").in_bulk(ids)
    certificates = [by_id[i] for i in ids]
    document = certificates_render(certificates)
    storage = private_storage()
    name = _chunk_name(batch_id, index)
    if storage.exists(name):  # a redelivered task renders again; the result is the same
        storage.delete(name)
    storage.save(name, ContentFile(document))
    with transaction.atomic():
        batch = CertificateBatch.objects.select_for_update().get(pk=batch_id)
        batch.done += len(certificates)
        batch.chunks_done += 1
        batch.save(update_fields=["done", "chunks_done"])
        # While the batch is still being issued its number of chunks is not known (0).
        last = 0 < batch.chunks_total <= batch.chunks_done
    if last:
        _batch_assemble(batch_id=batch_id)


def _batch_assemble(*, batch_id: int) -> None:
    """The two files of the batch at the same time: the ZIP by another worker process,
    the merged PDF here."""
    from kofst.certificates import tasks

    tasks.batch_write_zip.delay(batch_id=batch_id)
    batch_write_merged(batch_id=batch_id)


def _batch_file_save(*, batch_id: int, field: str, name: str, content: bytes) -> None:
    """Store one of the batch's two files; the second one stored finishes the batch.

    A redelivered task finds its file already stored and stops there.
    """
    with transaction.atomic():
        batch = CertificateBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status == BatchStatus.DONE or getattr(batch, field):
            return
        getattr(batch, field).save(name, ContentFile(content), save=False)
        fields = [field]
        if batch.zip_file and batch.merged_file:
            batch.status = BatchStatus.DONE
            batch.done = batch.total
            batch.finished_at = timezone.now()
            fields += ["status", "done", "finished_at"]
        batch.save(update_fields=fields)


def batch_write_zip(*, batch_id: int) -> None:
    """The ZIP of the batch's individual PDFs (stored, not compressed: PDFs are)."""
    batch = CertificateBatch.objects.get(pk=batch_id)
    storage = Certificate._meta.get_field("file").storage
    files = {
        pk: (number, name)
        for pk, number, name in Certificate.objects.filter(
            pk__in=batch.certificate_ids
        ).values_list("pk", "number", "file")
    }
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zip_file:
        for pk in batch.certificate_ids:
            number, name = files[pk]
            with storage.open(name, "rb") as handle:
                zip_file.writestr(f"{number}.pdf", handle.read())
    _batch_file_save(
        batch_id=batch_id,
        field="zip_file",
        name=f"{batch_id}/certificates-{batch_id}.zip",
        content=archive.getvalue(),
    )


def batch_write_merged(*, batch_id: int) -> None:
    """One PDF of every certificate of the batch, for printing (qpdf joins the chunks)."""
    from kofst.certificates.models import private_storage

    batch = CertificateBatch.objects.get(pk=batch_id)
    storage = private_storage()
    parts = []
    for index in range(batch.chunks_total):
        with storage.open(_chunk_name(batch_id, index), "rb") as handle:
            parts.append(handle.read())
    _batch_file_save(
        batch_id=batch_id,
        field="merged_file",
        name=f"{batch_id}/certificates-{batch_id}-print.pdf",
        content=rendering.merge_pdfs(parts) if parts else b"",
    )


def batch_finalize(*, batch_id: int) -> None:
    """Both files of the batch, in this process (a batch with nothing to render)."""
    batch_write_zip(batch_id=batch_id)
    batch_write_merged(batch_id=batch_id)
