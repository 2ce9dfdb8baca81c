"""Campaign rendering: languages, placeholders, escaping of member-provided values."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kofst.mail.rendering import render_campaign
from kofst.mail.services.campaigns import campaign_create, campaign_render_for
from tests.factories import MembershipFactory, PersonFactory
from tests.factories.mail import CampaignFactory

CONTEXT = {
    "association_en": "KSEA",
    "association_ko": "재미한인과학기술자협회",
    "member_number": "K-0042",
    "expires_on": "2026-07-01",
}


@pytest.fixture
def campaign(db):
    return CampaignFactory.build(
        subject_en="{{ association }}: renew by {{ expiry_date }}",
        body_en="Dear {{ name }} ({{ name_ko }}),\n\nMember {{ member_number }}.\n"
        "Your page: {{ personal_link }}\nSee https://kofst.or.kr for more.",
        subject_ko="{{ association }}: {{ expiry_date }}까지 갱신",
        body_ko="{{ name }} 님,\n\n회원번호 {{ member_number }}.",
    )


def test_render_campaign_in_english_fills_placeholders(campaign):
    person = PersonFactory.build(
        given_name_latin="Minsu", family_name_latin="Kim", family_name_ko="김", given_name_ko="민수"
    )

    rendered = render_campaign(campaign, person=person, context=CONTEXT, language="en")

    assert rendered.subject == "KSEA: renew by July 1, 2026"
    assert rendered.text.startswith("Dear Minsu Kim (김민수),\n\nMember K-0042.\nYour page: http")
    assert '<a href="https://kofst.or.kr"' in rendered.html
    assert "<p>Dear Minsu Kim (김민수),</p>" in rendered.html
    assert 'lang="en"' in rendered.html


def test_render_campaign_in_korean_uses_hangul_names_and_korean_dates(campaign):
    person = PersonFactory.build(
        given_name_latin="Minsu", family_name_latin="Kim", family_name_ko="김", given_name_ko="민수"
    )

    rendered = render_campaign(campaign, person=person, context=CONTEXT, language="ko")

    assert rendered.subject == "재미한인과학기술자협회: 2026년 7월 1일까지 갱신"
    assert rendered.text == "김민수 님,\n\n회원번호 K-0042."
    assert 'lang="ko"' in rendered.html


def test_render_campaign_escapes_member_provided_values_in_html(campaign):
    person = PersonFactory.build(
        given_name_latin='<script>alert("x")</script>', family_name_latin="&Co", family_name_ko=""
    )

    rendered = render_campaign(campaign, person=person, context=CONTEXT, language="en")

    assert "<script>" not in rendered.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;Co" in rendered.html
    assert '<script>alert("x")</script> &Co' in rendered.text  # plain text stays plain


def test_render_campaign_escapes_markup_written_by_staff(campaign):
    campaign.body_en = "<b>Bold?</b> {{ name }}"

    rendered = render_campaign(campaign, person=None, context={}, language="en", wrap=False)

    assert rendered.html == "<p>&lt;b&gt;Bold?&lt;/b&gt; </p>"


def test_campaign_language_falls_back_to_the_written_one():
    campaign = CampaignFactory.build(subject_ko="", body_ko="")

    assert campaign.languages() == ["en"]
    assert campaign.language_for("ko") == "en"
    assert campaign.language_for("en") == "en"


def test_campaign_render_for_person_uses_their_membership(db, association):
    person = PersonFactory(preferred_language="ko", given_name_ko="민수", family_name_ko="김")
    MembershipFactory(
        person=person, association=association, member_number="K-7", expires_on=dt.date(2027, 3, 1)
    )
    campaign = CampaignFactory(
        association=association, body_ko="{{ member_number }} {{ expiry_date }}"
    )

    rendered = campaign_render_for(campaign, person=person)

    assert rendered.text == "K-7 2027년 3월 1일"


def test_campaign_create_refuses_unknown_placeholders_and_half_languages(db, hq_user):
    with pytest.raises(ValidationError) as error:
        campaign_create(
            actor=hq_user,
            association=None,
            name="Bad",
            subject_en="Hello {{ nmae }}",
            body_en="",
            subject_ko="",
            body_ko="본문",
        )

    assert set(error.value.message_dict) == {"subject_en", "body_en", "subject_ko"}
    assert "Unknown placeholder: {{ nmae }}" in error.value.message_dict["subject_en"][-1]
