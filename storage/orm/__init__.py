"""SQLAlchemy 2 typed table models, one module per aggregate.

These rows never leave `storage`: repositories map them to the frozen domain
dataclasses (see `storage.mapping`). Importing this package registers every
table on the one `Base.metadata` that Alembic and the migration test use.
"""

from storage.orm.base import Base, TimestampMixin, UtcDateTime, utcnow
from storage.orm.calls import DebriefFeedbackRow, DebriefRow, ShadowObservationRow
from storage.orm.coaching import (
    CallScoreRow,
    ContractRow,
    CycleRow,
    FocusSkillRow,
    GapRatingRow,
    SelfAssessmentRow,
)
from storage.orm.commitments import CommitmentRow
from storage.orm.files import SharedFileRow
from storage.orm.homework import HomeworkRow
from storage.orm.lessons import LessonProgressRow, LessonTextRow
from storage.orm.peer_learning import PeerShareRow
from storage.orm.pipeline import OpportunityRow
from storage.orm.prompts import CallFreeDayRow
from storage.orm.receipts import ReceiptRow
from storage.orm.roleplay import RoleplayPracticeRow
from storage.orm.scheduling import DeliveryRow, ScheduleRow
from storage.orm.scorecards import ScorecardCommentRow
from storage.orm.workspaces import MemberRow, WorkspaceRow

__all__ = [
    "Base",
    "CallFreeDayRow",
    "CallScoreRow",
    "CommitmentRow",
    "ContractRow",
    "CycleRow",
    "DebriefFeedbackRow",
    "DebriefRow",
    "DeliveryRow",
    "FocusSkillRow",
    "GapRatingRow",
    "HomeworkRow",
    "LessonProgressRow",
    "LessonTextRow",
    "MemberRow",
    "OpportunityRow",
    "PeerShareRow",
    "ReceiptRow",
    "RoleplayPracticeRow",
    "ScheduleRow",
    "SelfAssessmentRow",
    "ShadowObservationRow",
    "SharedFileRow",
    "TimestampMixin",
    "UtcDateTime",
    "WorkspaceRow",
    "utcnow",
]
__all__ += ["ScorecardCommentRow"]  # issue 11
from storage.orm.sessions import CoachingSessionRow  # noqa: E402  (issue 12)

__all__ += ["CoachingSessionRow"]  # issue 12
from storage.orm.prework import SessionPreworkRow  # noqa: E402  (issue 12)

__all__ += ["SessionPreworkRow"]  # issue 12
from storage.orm.takeaways import SessionTakeawaysRow  # noqa: E402  (issue 12)

__all__ += ["SessionTakeawaysRow"]  # issue 12
from storage.orm.wins import SuccessStoryRow  # noqa: E402  (issue 13)

__all__ += ["SuccessStoryRow"]  # issue 13
from storage.orm.maintenance import (  # noqa: E402  (issue 13)
    MaintenanceCheckinRow,
    MaintenanceRatingRow,
    MaintenanceReadingRow,
)

__all__ += ["MaintenanceCheckinRow", "MaintenanceRatingRow", "MaintenanceReadingRow"]  # issue 13
from storage.orm.challenges import (  # noqa: E402  (issue 13)
    ChallengeDayRow,
    ChallengeEncouragementRow,
    ChallengeRow,
    ChallengeSummaryChoiceRow,
)

__all__ += ["ChallengeDayRow", "ChallengeEncouragementRow", "ChallengeRow", "ChallengeSummaryChoiceRow"]  # issue 13
from storage.orm.operations import DispatcherTickRow  # noqa: E402  (issue 14)

__all__ += ["DispatcherTickRow"]  # issue 14
