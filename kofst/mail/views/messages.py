"""Staff looking messages up by recipient, and one message with its history."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kofst.common.access import require_perm
from kofst.mail.forms import MessageSearchForm
from kofst.mail.selectors import message_for, message_search, messages_visible_to
from kofst.mail.views.common import PAGE_SIZE


@login_required
@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "mail.view_messages")
    form = MessageSearchForm(request.GET)
    form.is_valid()
    rows = message_search(
        messages_visible_to(user=request.user),
        q=form.cleaned_data.get("q", ""),
        state=form.cleaned_data.get("state", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "mail/messages/list.html", {"page": page, "form": form})


@login_required
@require_GET
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "mail.view_messages")
    message = message_for(user=request.user, pk=pk)
    require_perm(request, "mail.view_message", message)
    return render(request, "mail/messages/detail.html", {"message": message})
