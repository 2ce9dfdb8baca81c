"""Every write to conferences goes through a function here (``<entity>_<verb>``)."""

from conferences.services.checkin import CheckIn, registration_check_in
from conferences.services.registration import (
    AlreadyRegistered,
    offers_expire,
    registration_cancel,
    registration_create,
    registration_offer_accept,
    registration_promote,
    registration_record_payment,
    registration_update_answers,
)
from conferences.services.setup import (
    category_save,
    conference_create,
    conference_update,
    question_delete,
    question_save,
    series_create,
    session_delete,
    session_save,
)

__all__ = [
    "AlreadyRegistered",
    "CheckIn",
    "category_save",
    "conference_create",
    "conference_update",
    "offers_expire",
    "question_delete",
    "question_save",
    "registration_cancel",
    "registration_check_in",
    "registration_create",
    "registration_offer_accept",
    "registration_promote",
    "registration_record_payment",
    "registration_update_answers",
    "series_create",
    "session_delete",
    "session_save",
]
