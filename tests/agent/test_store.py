import pytest
from sqlalchemy import Engine

from agent.store import ConversationStore
from agent.users import Role, UserDirectory, UserError


def test_conversation_round_trip(any_engine: Engine) -> None:
    store = ConversationStore(engine=any_engine)
    conv = store.load_or_create("c1", channel="api", language="it")
    conv.placeholders["k"] = "<PERSON_1>"
    store.append(conv, role="patient", text="mi chiamo <PERSON_1>", language="it", intent="faq")
    store.append(
        conv,
        role="bot",
        text="Buongiorno",
        language="it",
        citations=[{"document_id": "d", "title": "T", "page": 1}],
    )
    again = store.load_or_create("c1", channel="api", language="en")
    assert again.turns == 2
    assert again.language == "it"
    assert again.placeholders == {"k": "<PERSON_1>"}
    assert again.secret == conv.secret
    assert [(t.seq, t.role, t.text) for t in store.transcript("c1")] == [
        (1, "patient", "mi chiamo <PERSON_1>"),
        (2, "bot", "Buongiorno"),
    ]
    assert store.exists("c1") and not store.exists("nope")


def test_users_tokens_are_hashed_and_roles_checked(any_engine: Engine) -> None:
    users = UserDirectory(engine=any_engine)
    user, token = users.add("Anna Verdi", "qa")
    assert user.role is Role.QA
    assert users.authenticate(token) == user
    assert users.authenticate(token + "x") is None
    with any_engine.connect() as db:
        stored = db.exec_driver_sql("SELECT token_hash FROM users").scalar_one()
    assert token not in stored
    with pytest.raises(UserError, match="already exists"):
        users.add("Anna Verdi", "admin")
    with pytest.raises(UserError, match="use one of: admin, agent, qa"):
        users.add("Bob", "doctor")
