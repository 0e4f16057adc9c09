"""Words stored as codes (roles, statuses) that pages translate: marked here for extraction."""


def N_(s: str) -> str:  # noqa: N802 - gettext convention
    return s


ROLE_LABELS = [N_("admin"), N_("secretariat"), N_("translator"), N_("delegate"), N_("observer")]
STATUS_LABELS = [
    N_("drafting"), N_("open"), N_("under_review"), N_("on_agenda"), N_("agreed_ad_referendum"), N_("approved"),
    N_("final"), N_("signed"), N_("in_force"), N_("returned"),
]
