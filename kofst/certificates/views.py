import datetime as dt
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations.models import Association
from kofst.certificates import codes, rendering, selectors, services
from kofst.certificates.enums import CertificateKind
from kofst.certificates.forms import DesignForm, RevokeForm, VerifyForm
from kofst.certificates.models import Certificate, CertificateDesign
from kofst.certificates.subjects import REGISTRY
from kofst.common import ratelimit
from kofst.common.access import require_perm
from kofst.common.roles import roles_of

VERIFY_LIMIT_PER_MINUTE = 30

SAMPLE_HOLDER = SimpleNamespace(
    pk=0,
    name_ko="남궁빛나리솔아름",
    name_latin="Bitnarisol-Areum Alexandria Christina Namgoong-Whitfield",
)


# --- Public verification --------------------------------------------------------------


def verify_form(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", code=codes.display_code(form.cleaned_data["code"]))
    return render(request, "certificates/verify_form.html", {"form": form})


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone may check a code; the answer shows only what the certificate prints."""
    if not ratelimit.allow(
        f"verify:{ratelimit.client_ip(request)}", limit=VERIFY_LIMIT_PER_MINUTE, window_seconds=60
    ):
        return render(request, "certificates/verify_limited.html", status=429)
    certificate = None
    if codes.is_well_formed(code):
        certificate = (
            Certificate.objects.filter(code=codes.normalize_code(code))
            .only("printed", "status", "revoked_at", "issued_at", "number", "kind", "code")
            .first()
        )
    context = {"certificate": certificate, "code": codes.display_code(code)}
    return render(request, "certificates/verify.html", context, status=200 if certificate else 404)


# --- A member's own certificates ------------------------------------------------------


@login_required
def my_certificates(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    certificates = list(selectors.certificates_of(user=request.user))
    requestable = []
    if roles.person_id is not None:
        person = request.user.person
        held = {(c.kind, c.subject_type_id, c.subject_id) for c in certificates if c.is_valid}
        for kind, sk in REGISTRY.items():
            subject_type = ContentType.objects.get_for_model(sk.model)
            for subject in sk.requestable(person):
                if (kind, subject_type.pk, subject.pk) not in held:
                    requestable.append(
                        {
                            "kind": kind,
                            "kind_label": CertificateKind(kind).label,
                            "subject_id": subject.pk,
                            "label": sk.describe(subject),
                        }
                    )
    return render(
        request,
        "certificates/my_certificates.html",
        {"certificates": certificates, "requestable": requestable},
    )


@login_required
@require_POST
def request_certificate(request: HttpRequest, kind: str, subject_id: int) -> HttpResponse:
    """Issue (first time) and download the member's own certificate."""
    sk = REGISTRY.get(kind)
    person = getattr(request.user, "person", None)
    if sk is None or person is None:
        raise Http404
    subject = get_object_or_404(sk.model, pk=subject_id)
    if not sk.holder_may_request(subject, person):
        raise Http404
    try:
        certificate = services.certificate_issue(
            kind=kind, subject=subject, person=person, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("certificates:mine")
    services.certificate_pdf(certificate=certificate)  # rendered now, stored for later
    messages.success(
        request,
        _("Your certificate %(number)s is ready to download.") % {"number": certificate.number},
    )
    return redirect("certificates:mine")


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate.objects.select_related("holder"), pk=pk)
    if not request.user.has_perm("certificates.download", certificate):
        raise Http404  # out of scope looks like nothing at all
    pdf = services.certificate_pdf(certificate=certificate)
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if request.GET.get("attachment") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{certificate.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Staff ------------------------------------------------------------------------------


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "certificates.view_list")
    queryset = selectors.certificates_visible_to(user=request.user)
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    if kind in CertificateKind.values:
        queryset = queryset.filter(kind=kind)
    if status in ("valid", "revoked"):
        queryset = queryset.filter(status=status)
    if query:
        queryset = queryset.filter(number__icontains=query) | queryset.filter(
            code=codes.normalize_code(query)
        )
    page = Paginator(queryset.order_by("-issued_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/staff/list.html",
        {
            "page": page,
            "kinds": CertificateKind.choices,
            "batches": selectors.batches_visible_to(user=request.user)[:10],
            "designs": selectors.designs_visible_to(user=request.user)[:50],
            "managed_associations": _managed_associations(request.user),
            "filters": {"kind": kind, "status": status, "q": query},
        },
    )


def _managed_associations(user):
    roles = roles_of(user)
    queryset = Association.objects.order_by("code")
    return queryset if roles.hq else queryset.filter(pk__in=roles.staff_of)


@login_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "certificates.view_list")
    certificate = selectors.certificate_for_staff(user=request.user, pk=pk)
    return render(
        request,
        "certificates/staff/detail.html",
        {"certificate": certificate, "revoke_form": RevokeForm()},
    )


@login_required
@require_POST
def staff_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "certificates.view_list")
    certificate = selectors.certificate_for_staff(user=request.user, pk=pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.certificate_revoke(
                certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The certificate was revoked."))
    else:
        messages.error(request, _("Give a reason for revoking."))
    return redirect("certificates:staff_detail", pk=certificate.pk)


@login_required
@require_POST
def staff_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "certificates.view_list")
    certificate = selectors.certificate_for_staff(user=request.user, pk=pk)
    try:
        new = services.certificate_reissue(
            certificate=certificate,
            actor=request.user,
            reason=request.POST.get("reason", "") or _("Reissued"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("certificates:staff_detail", pk=certificate.pk)
    messages.success(
        request, _("A new certificate %(number)s was issued.") % {"number": new.number}
    )
    return redirect("certificates:staff_detail", pk=new.pk)


@login_required
def design_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "certificates.view_list")
    design = get_object_or_404(selectors.designs_visible_to(user=request.user), pk=pk)
    form = DesignForm(request.POST or None, request.FILES or None, instance=design)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The certificate design was saved."))
        return redirect("certificates:design_edit", pk=design.pk)
    return render(request, "certificates/staff/design_form.html", {"form": form, "design": design})


def _sample_printed(design: CertificateDesign, kind: str) -> dict:
    """What a certificate of this design would print for a sample holder with long names."""
    association = design.association
    if design.subject is not None and kind in REGISTRY and kind != CertificateKind.MEMBERSHIP:
        subject = design.subject
    else:
        kind = CertificateKind.MEMBERSHIP
        today = timezone.localdate()
        subject = SimpleNamespace(
            association=association,
            type="regular",
            member_number=f"{association.member_number_prefix or 'M'}-000000",
            joined_on=today - dt.timedelta(days=3 * 365),
            expires_on=today + dt.timedelta(days=365),
        )
    printed = REGISTRY[kind].printed(subject, SAMPLE_HOLDER)
    ko, en = services.date_both(timezone.localdate())
    printed.setdefault("date_text", f"{ko} · {en}")
    printed.update(
        number="KOFST-0000-SMP-000000",
        code_display="SAMP-LE00-0000",
        verify_url=services.verify_url("SAMPLE000000"),
    )
    return printed


@login_required
def design_preview(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "certificates.view_list")
    design = get_object_or_404(selectors.designs_visible_to(user=request.user), pk=pk)
    printed = _sample_printed(design, request.GET.get("kind", CertificateKind.ATTENDANCE))
    try:
        services.check_printable(printed, design)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("certificates:design_edit", pk=design.pk)
    pdf = rendering.render_one(printed, services.design_files(design, design.association))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="preview.pdf"'
    return response


@login_required
@require_POST
def batch_start(request: HttpRequest) -> HttpResponse:
    require_perm(request, "certificates.view_list")
    kind = request.POST.get("kind", "")
    sk = REGISTRY.get(kind)
    if sk is None:
        raise Http404
    subject = get_object_or_404(sk.model, pk=request.POST.get("subject_id") or 0)
    if not request.user.has_perm("certificates.manage", sk.association(subject)):
        raise Http404
    try:
        batch = services.batch_create(kind=kind, subject=subject, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_safe_next(request) or "certificates:staff_list")
    return redirect("certificates:batch_detail", pk=batch.pk)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@login_required
def design_open(request: HttpRequest) -> HttpResponse:
    """The design of a subject (``kind`` + ``subject_id``) or an association's default
    design (``association``), created empty on first use; then its edit page."""
    require_perm(request, "certificates.view_list")
    kind = request.GET.get("kind", "")
    if kind:
        sk = REGISTRY.get(kind)
        if sk is None:
            raise Http404
        subject = get_object_or_404(sk.model, pk=request.GET.get("subject_id") or 0)
        association = sk.association(subject)
        subject_type = ContentType.objects.get_for_model(subject)
        subject_id = subject.pk
    else:
        association = get_object_or_404(Association, pk=request.GET.get("association") or 0)
        subject_type, subject_id = None, None
    if not request.user.has_perm("certificates.manage", association):
        raise Http404  # HQ only for KOFST's own designs (no association)
    design, _created = CertificateDesign.objects.get_or_create(
        association=association, subject_type=subject_type, subject_id=subject_id
    )
    return redirect("certificates:design_edit", pk=design.pk)


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "certificates.view_list")
    batch = get_object_or_404(selectors.batches_visible_to(user=request.user), pk=pk)
    template = (
        "certificates/partials/batch_progress.html"
        if request.htmx
        else "certificates/staff/batch_detail.html"
    )
    return render(request, template, {"batch": batch})


@login_required
def batch_file(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    require_perm(request, "certificates.view_list")
    batch = get_object_or_404(selectors.batches_visible_to(user=request.user), pk=pk)
    field = {"zip": batch.zip_file, "pdf": batch.merged_file}.get(which)
    if not field:
        raise Http404
    content_type = "application/zip" if which == "zip" else "application/pdf"
    return FileResponse(
        field.open("rb"),
        content_type=content_type,
        as_attachment=True,
        filename=field.name.rsplit("/", 1)[-1],
    )
