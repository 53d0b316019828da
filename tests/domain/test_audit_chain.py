from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.audit_chain import GENESIS, StoredEntry, link_hash, verify


def chain(payloads):
    entries, previous = [], GENESIS
    for sequence, payload in enumerate(payloads, start=1):
        payload = {**payload, "sequence": sequence}
        digest = link_hash(previous, payload)
        entries.append(StoredEntry(sequence, payload, previous, digest))
        previous = digest
    return entries


payloads = st.lists(st.dictionaries(st.sampled_from(["action", "object_id", "after"]), st.text(max_size=8)), min_size=1, max_size=12)


@given(payloads)
def test_intact_chain_verifies(items):
    entries = chain(items)
    assert verify(entries, len(entries), entries[-1].hash) is None


@given(payloads, st.data())
def test_any_altered_entry_is_found_at_its_position(items, data):
    entries = chain(items)
    index = data.draw(st.integers(min_value=0, max_value=len(entries) - 1))
    victim = entries[index]
    entries[index] = StoredEntry(victim.sequence, {**victim.payload, "action": "tampered!"}, victim.previous_hash, victim.hash)
    broken = verify(entries, len(entries), entries[-1].hash)
    assert broken is not None and broken.sequence == victim.sequence


@given(payloads, st.data())
def test_deleted_entry_is_found(items, data):
    entries = chain(items)
    index = data.draw(st.integers(min_value=0, max_value=len(entries) - 1))
    head = entries[-1]
    del entries[index]
    broken = verify(entries, head.sequence, head.hash)
    assert broken is not None and broken.sequence == index + 1
