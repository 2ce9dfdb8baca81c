"""The outbox's public API: how any app sends email.

Every email is first a row in ``kofst.mail.models.Message``, written in the caller's
transaction; a Celery task sends it after commit and records the result. If the
transaction rolls back, no email leaves. Call these inside your service's
``transaction.atomic()``::

    from kofst.mail.services import mail_enqueue, mail_enqueue_template

    mail_enqueue_template(
        template="conferences/registration_confirmed",   # templates/emails/<template>/…
        context={"registration": registration, "ticket_url": url},
        person=registration.person,                       # address, language, lookup
        kind="registration_confirmed",                    # a short slug, shown to staff
        key=f"registration:{registration.pk}:confirmed",  # unique per message, ever
        association=conference.association,               # whose staff may look it up
    )

    mail_enqueue(
        to="someone@example.org",                 # default: person.email
        subject="…", body_text="…", body_html=None,   # html: a fragment, optional
        kind="nomination_received", key=f"nomination:{nomination.pk}:received",
        person=None, user=None, language="ko",    # default: person's preferred language
        association=None, bulk=False, send_after=None,
    )

* ``key`` is the idempotency key: the same key twice gives the first row back and sends
  nothing more (use the event's id and what happened: ``"application:12:approved"``).
* ``templates/emails/<template>/subject.txt`` and ``body.txt`` are rendered with
  ``{% autoescape off %}`` in the recipient's language; ``body.html`` is optional (without
  it the text becomes the HTML part). The common layout (``emails/base.html``) is added.
* Transactional messages (the default) go to everyone with an address; ``bulk=True``
  adds the unsubscribe link and ``List-Unsubscribe`` headers and is skipped for
  addresses that unsubscribed. A person without address, or erased, gets a *skipped* row,
  so that staff can see why nothing went.
* Both return the ``Message``; its ``state`` says what became of it.

Campaigns (bulk mail written by staff) are in ``kofst.mail.services.campaigns``;
renewal reminders in ``kofst.mail.services.reminders``.
"""

from kofst.mail.services.outbox import mail_enqueue, mail_enqueue_template, unsubscribe_record

__all__ = ["mail_enqueue", "mail_enqueue_template", "unsubscribe_record"]
