"""factory_boy factories for the whole product. Import from here in tests."""

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from associations.enums import StaffRoleKind
from associations.models import Association, Chapter, StaffRole
from awards.models import Award, AwardCycle, CommitteeSeat
from kofst.accounts.models import User
from members.models import Membership, Person

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):  # noqa: N805
        """A verified primary email, as allauth requires for login (verified=False to skip)."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
        if create:
            obj.save()


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"assoc{n}")
    name_en = factory.Sequence(lambda n: f"Association {n}")
    name_ko = factory.Sequence(lambda n: f"협회 {n}")
    country = "US"
    city = "Vienna"
    founded_on = dt.date(1971, 12, 1)


class ChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chapter

    association = factory.SubFactory(AssociationFactory)
    name_en = factory.Sequence(lambda n: f"Chapter {n}")
    name_ko = factory.Sequence(lambda n: f"지부 {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    family_name_latin = "Kim"
    given_name_latin = factory.Sequence(lambda n: f"Minsu{n}")
    family_name_ko = "김"
    given_name_ko = "민수"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    country = "US"
    affiliation = "Example University"
    birth_year = 1985


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    association = factory.SubFactory(AssociationFactory)
    member_number = factory.Sequence(lambda n: f"M{n:06d}")
    joined_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=400))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=200))


class StaffRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(AssociationFactory)
    role = StaffRoleKind.STAFF


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award
        django_get_or_create = ["code"]

    code = "overseas-scientist"
    name_en = "Award for Overseas Scientist of the Year"
    name_ko = "올해의 재외 과학기술인상"


class AwardCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardCycle

    award = factory.SubFactory(AwardFactory)
    year = factory.Sequence(lambda n: 2026 + n)


class CommitteeSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeSeat

    cycle = factory.SubFactory(AwardCycleFactory)
    user = factory.SubFactory(UserFactory)
