"""Words that name a part in a conversation, not a person: 主持人, Host, Q, 答, 观众 …

The importer reads labels with them (who moderates, who asks, who answers); the build never
joins two events' speakers into one person because they share such a word.
"""

from __future__ import annotations

# Kept as text and split, so that the lists stay readable.
HOST_WORDS = frozenset(
    ["主持人", "主持", "主持嘉宾", "主持嘉賓", "moderator", "host", "mc", "emcee", "chair"]
)
QUESTION_WORDS = frozenset(
    ["问", "問", "提问", "提問", "q", "question", "记者", "記者", "interviewer", "采访者"]
)
ANSWER_WORDS = frozenset(["答", "回答", "回答者", "a", "answer", "受访者", "受訪者", "interviewee"])
# Someone from the floor: a speaker of their own, never the moderator.
AUDIENCE_WORDS = frozenset(
    {*["观众", "觀眾", "现场观众", "現場觀眾", "听众", "聽眾", "提问者", "audience", "floor"]}
    | {"audience member", "audience question"}
)
# Labels for "a guest" without a name.
GUEST_WORDS = frozenset(["嘉宾", "嘉賓", "guest", "speaker", "panelist", "panellist"])


def is_role_word(name: str) -> bool:
    """Whether a speaker's name is only a part (so the same word at two events is not one
    person)."""
    word = name.strip().casefold()
    return any(
        word in words
        for words in (HOST_WORDS, QUESTION_WORDS, ANSWER_WORDS, AUDIENCE_WORDS, GUEST_WORDS)
    )
