"""The core steps of the demo data, in order (``STEPS``). Each takes ``rng`` and
``context`` (``kofst.common.demo.context.DemoContext``) and bulk-inserts its part."""

import datetime as dt
import random
from types import SimpleNamespace

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from associations.enums import CommitteeRole, StaffRoleKind
from associations.models import (
    Association,
    Chapter,
    Committee,
    CommitteeMember,
    CooperationAgreement,
    PartnerOrganization,
    StaffRole,
)
from awards.enums import CycleStatus, SeatRole
from awards.models import Award, AwardCycle, CommitteeSeat
from kofst.accounts.models import User
from kofst.common.bulk import insert_rows
from kofst.common.demo import DEMO_LOGINS, DEMO_PASSWORD
from kofst.common.demo.catalogue import ASSOCIATIONS, COMMITTEES
from kofst.common.demo.context import (
    AWARD_CODE,
    BATCH,
    DEMO_EMAIL_DOMAIN,
    EXTRA_REVIEWERS,
    LOGIN_ROLES,
    DemoContext,
    Step,
)
from kofst.common.demo.partners import PARTNERS
from kofst.common.demo.people import plan_people
from members.enums import CareerStage
from members.models import DuesPayment, Membership, Person, grace_days
from members.search import person_search_fields


def _bulk(model, objects: list, **kwargs) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH, **kwargs)


def association_codes() -> list[str]:
    return [spec.code for spec in ASSOCIATIONS]


def partner_acronyms() -> list[str]:
    return [p.acronym for p in PARTNERS]


def seed_associations(*, rng: random.Random, context: DemoContext) -> None:
    objects = [
        Association(
            code=spec.code,
            name_en=spec.name_en,
            name_ko=spec.name_ko,
            country=spec.country,
            city=spec.city,
            founded_on=spec.founded_on,
            website=spec.website,
            member_number_prefix=spec.prefix,
            is_sample_data=True,
            description_en=f"{spec.known}\n\nSample data: {spec.invented}",
            description_ko=(
                f"{spec.name_ko}. 이 시연용 데이터의 회원, 지부, 위원회 등 일부 정보는 "
                "예시 데이터(sample data)입니다."
            ),
        )
        for spec in ASSOCIATIONS
    ]
    _bulk(Association, objects)
    saved = Association.objects.filter(code__in=association_codes())
    context.associations = {a.code: a for a in saved}
    context.counts["associations"] = len(objects)


def seed_chapters(*, rng: random.Random, context: DemoContext) -> None:
    objects = [
        Chapter(
            association=context.associations[spec.code],
            name_en=chapter.name_en,
            name_ko=chapter.name_ko,
            city=chapter.city,
        )
        for spec in ASSOCIATIONS
        for chapter in spec.chapters
    ]
    _bulk(Chapter, objects)
    context.chapters = {
        (c.association.code, c.name_en): c
        for c in Chapter.objects.filter(association__code__in=association_codes()).select_related(
            "association"
        )
    }
    context.counts["chapters"] = len(objects)


def seed_people(*, rng: random.Random, context: DemoContext) -> None:
    """People with their memberships; ``search_text`` includes the member numbers."""
    plan = plan_people(
        total=context.people,
        rng=rng,
        today=context.today,
        grace_days=grace_days(),
        member_email=f"member@{DEMO_EMAIL_DOMAIN}",
    )
    context.plan = plan
    rows = []
    for planned in plan.people:
        numbers = [m.member_number for m in planned.memberships]
        search = person_search_fields(SimpleNamespace(**planned.values), numbers)
        rows.append({**planned.values, **search})
    context.person_ids = insert_rows(Person, rows)
    context.member_person_id = context.person_ids[plan.member_login]

    associations = {code: a.pk for code, a in context.associations.items()}
    chapters = {key: c.pk for key, c in context.chapters.items()}
    rows, owners = [], []
    for index, planned in enumerate(plan.people):
        for m in planned.memberships:
            rows.append(
                {
                    "person_id": context.person_ids[index],
                    "association_id": associations[m.association],
                    "member_number": m.member_number,
                    "type": m.type,
                    "chapter_id": chapters.get((m.association, m.chapter)),
                    "joined_on": m.joined_on,
                    "expires_on": m.expires_on,
                    "resigned_on": m.resigned_on,
                }
            )
            owners.append(index)
    membership_ids = insert_rows(Membership, rows)
    code_of = {pk: code for code, pk in associations.items()}
    context.membership_ids = [[] for _ in plan.people]
    grace_start = context.today - dt.timedelta(days=grace_days())
    for owner, membership_id, row in zip(owners, membership_ids, rows, strict=True):
        context.membership_ids[owner].append(membership_id)
        current = row["resigned_on"] is None and (
            row["expires_on"] is None or row["expires_on"] >= grace_start
        )
        if current:
            context.members_by_association.setdefault(code_of[row["association_id"]], []).append(
                context.person_ids[owner]
            )
    context.counts["people"] = len(context.person_ids)
    context.counts["memberships"] = len(membership_ids)
    context.counts["people in two associations"] = sum(
        1 for p in plan.people if len(p.memberships) > 1
    )


def seed_dues(*, rng: random.Random, context: DemoContext) -> None:
    assert context.plan is not None
    rows = [
        {
            "membership_id": membership_id,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "amount": p.amount,
            "currency": p.currency,
            "paid_on": p.paid_on,
            "method": p.method,
            "reference": p.reference,
        }
        for planned, ids in zip(context.plan.people, context.membership_ids, strict=True)
        for m, membership_id in zip(planned.memberships, ids, strict=True)
        for p in m.payments
    ]
    insert_rows(DuesPayment, rows)
    context.counts["dues payments"] = len(rows)


def seed_committees(*, rng: random.Random, context: DemoContext) -> None:
    """Each association's committees, chaired and staffed by its current members."""
    assert context.plan is not None
    stage_of = {
        pid: planned.values["career_stage"]
        for pid, planned in zip(context.person_ids, context.plan.people, strict=True)
    }
    young = {CareerStage.STUDENT, CareerStage.POSTDOC, CareerStage.EARLY_CAREER}
    committees, seats = [], []
    for spec in ASSOCIATIONS:
        association = context.associations[spec.code]
        current = context.members_by_association.get(spec.code, [])
        experienced = [p for p in current if stage_of[p] not in young] or current
        juniors = [p for p in current if stage_of[p] in young] or current
        size = min(9, 3 + spec.members // 800)
        for name_en, name_ko, description in COMMITTEES[: spec.committees]:
            committee = Committee(
                association=association,
                name_en=name_en.format(conference=spec.conference),
                name_ko=name_ko.format(conference=spec.conference),
                description=description,
            )
            committees.append(committee)
            pool = juniors if "Young" in name_en else experienced
            for position, person_id in enumerate(rng.sample(pool, k=min(size, len(pool)))):
                seats.append(
                    (
                        committee,
                        CommitteeMember(
                            person_id=person_id,
                            role=CommitteeRole.CHAIR if position == 0 else CommitteeRole.MEMBER,
                            since=context.today - dt.timedelta(days=rng.randint(30, 1100)),
                        ),
                    )
                )
    _bulk(Committee, committees)
    for committee, seat in seats:
        seat.committee = committee
    _bulk(CommitteeMember, [seat for _, seat in seats])
    context.counts["committees"] = len(committees)
    context.counts["committee members"] = len(seats)


def seed_partners(*, rng: random.Random, context: DemoContext) -> None:
    partners = [
        PartnerOrganization(
            acronym=p.acronym,
            name_en=p.name_en,
            name_ko=p.name_ko,
            country=p.country,
            website=p.website,
        )
        for p in PARTNERS
    ]
    _bulk(PartnerOrganization, partners)
    by_acronym = {
        p.acronym: p for p in PartnerOrganization.objects.filter(acronym__in=partner_acronyms())
    }
    agreements = [
        CooperationAgreement(
            partner=by_acronym[p.acronym],
            association=context.associations[a.association] if a.association else None,
            title=a.title,
            signed_on=a.signed_on,
            expires_on=a.signed_on.replace(year=a.signed_on.year + a.years) if a.years else None,
            scope=a.scope,
        )
        for p in PARTNERS
        for a in p.agreements
    ]
    _bulk(CooperationAgreement, agreements)
    context.counts["partner organisations"] = len(partners)
    context.counts["cooperation agreements"] = len(agreements)


def seed_logins(*, rng: random.Random, context: DemoContext) -> None:
    """One login per role (``DEMO_LOGINS``), with a verified primary email address."""
    password = make_password(DEMO_PASSWORD)
    member_person = Person.objects.get(pk=context.member_person_id)
    for email, _label in DEMO_LOGINS:
        kind, code, display_name = LOGIN_ROLES[email]
        user = User.objects.create(
            email=email,
            password=password,
            display_name=display_name or member_person.name_latin,
            is_hq_staff=kind == "hq",
            preferred_language="ko" if kind in ("hq", "chair") else "en",
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if kind in ("admin", "staff"):
            StaffRole.objects.create(
                association=context.associations[code],
                user=user,
                role=StaffRoleKind.ADMIN if kind == "admin" else StaffRoleKind.STAFF,
            )
        if kind == "member":
            Person.objects.filter(pk=member_person.pk).update(user=user)
        context.users[email] = user
    for local, display_name in EXTRA_REVIEWERS:
        email = f"{local}@{DEMO_EMAIL_DOMAIN}"
        user = User(email=email, display_name=display_name)
        user.set_unusable_password()
        user.save()
        context.users[email] = user
    context.counts["logins"] = len(DEMO_LOGINS)


def seed_award_committee(*, rng: random.Random, context: DemoContext) -> None:
    """The award, its current cycle open for nominations, and its review committee."""
    award = Award.objects.create(
        code=AWARD_CODE,
        name_en="Award for Overseas Scientist of the Year",
        name_ko="올해의 재외 과학기술인상",
        eligibility_en=(
            "Korean scientists and engineers abroad who are active members of one of the "
            "overseas associations, for outstanding research and for their service to "
            "science and technology cooperation with Korea."
        ),
        eligibility_ko=(
            "재외한인과학기술자협회의 활동 회원으로서 뛰어난 연구 성과를 내고 한국과의 과학기술 "
            "협력에 기여한 재외 한인 과학기술인."
        ),
    )
    start = timezone.make_aware(
        dt.datetime.combine(context.today - dt.timedelta(days=30), dt.time(9, 0))
    )
    cycle = AwardCycle.objects.create(
        award=award,
        year=context.today.year,
        status=CycleStatus.NOMINATING,
        nominations_open_at=start,
        nominations_close_at=start + dt.timedelta(days=75),
        review_opens_at=start + dt.timedelta(days=76),
        review_closes_at=start + dt.timedelta(days=120),
    )
    seats = [
        CommitteeSeat(cycle=cycle, user=context.users[f"chair@{DEMO_EMAIL_DOMAIN}"],
                      role=SeatRole.CHAIR),
        CommitteeSeat(cycle=cycle, user=context.users[f"committee@{DEMO_EMAIL_DOMAIN}"],
                      role=SeatRole.MEMBER),
        *(
            CommitteeSeat(cycle=cycle, user=context.users[f"{local}@{DEMO_EMAIL_DOMAIN}"],
                          role=SeatRole.MEMBER)
            for local, _ in EXTRA_REVIEWERS
        ),
    ]  # fmt: skip
    _bulk(CommitteeSeat, seats)
    context.award_cycle = cycle
    context.counts["award committee seats"] = len(seats)


STEPS: list[Step] = [
    ("associations", seed_associations),
    ("chapters", seed_chapters),
    ("people", seed_people),
    ("dues", seed_dues),
    ("committees", seed_committees),
    ("partners", seed_partners),
    ("logins", seed_logins),
    ("award committee", seed_award_committee),
]
