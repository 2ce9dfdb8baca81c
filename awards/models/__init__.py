"""The awards domain: an award, its yearly cycles, nominations, reviews and decisions."""

from awards.models.cycles import Award, AwardCycle, CommitteeSeat, Criterion
from awards.models.nominations import Attachment, Candidate, Nomination
from awards.models.reviews import Assignment, Conflict, Review, ReviewRevision, ReviewScore

__all__ = [
    "Assignment",
    "Attachment",
    "Award",
    "AwardCycle",
    "Candidate",
    "CommitteeSeat",
    "Conflict",
    "Criterion",
    "Nomination",
    "Review",
    "ReviewRevision",
    "ReviewScore",
]
