import pytest

from tests.factories import ChapterFactory
from tests.factories.roster import make_member


@pytest.fixture
def chapter(association):
    return ChapterFactory(association=association, name_en="Washington DC", name_ko="워싱턴")


@pytest.fixture
def other_chapter(other_association):
    return ChapterFactory(association=other_association, name_en="Berlin", name_ko="베를린")


@pytest.fixture
def member(association):
    """김철수 (Cheol-su Kim), KSEA member, active."""
    return make_member(
        association,
        family_name_ko="김",
        given_name_ko="철수",
        family_name_latin="Kim",
        given_name_latin="Cheol-su",
        email="cheolsu.kim@example.org",
        affiliation="Georgia Institute of Technology",
        membership={"member_number": "KSEA-000101"},
    )


@pytest.fixture
def foreign_member(other_association):
    """A person only in the other association (VeKNI)."""
    return make_member(
        other_association,
        family_name_ko="박",
        given_name_ko="영희",
        family_name_latin="Park",
        given_name_latin="Young-hee",
        email="younghee.park@example.de",
        affiliation="TU München",
        membership={"member_number": "VK-0007"},
    )
