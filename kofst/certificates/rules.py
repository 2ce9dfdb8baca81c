import rules

from kofst.common.roles import is_hq_staff, is_staff_anywhere, is_staff_of


@rules.predicate
def is_holder(user, certificate) -> bool:
    return (
        certificate is not None
        and user.is_authenticated
        and certificate.holder.user_id is not None
        and certificate.holder.user_id == user.pk
    )


# Files: only the holder, the issuing association's staff and HQ.
rules.add_perm("certificates.download", is_holder | is_hq_staff | is_staff_of)
# Certificate administration, on an association (or anything with association_id).
rules.add_perm("certificates.manage", is_hq_staff | is_staff_of)
rules.add_perm("certificates.view_list", is_staff_anywhere)
