"""A bounded memo of what the model read of each sentence, so that a follow-up, or another
user's question on the same article, does not encode its sentences again."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Memo(Generic[Value]):
    """A thread-safe least-recently-used map of at most `size` entries. The int8 encoder runs
    each text alone, so a sentence's vector is the same in any batch (qa/light_encoder.py) and a
    remembered one is exactly the one it would compute; torch's, computed in a padded batch,
    equal it within float rounding."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get_many(self, keys: Sequence[Hashable],
                 compute: Callable[[list[Hashable]], list[Value]]) -> list[Value]:
        """Each key's value, calling `compute` once, on the keys not remembered (in order)."""
        found: dict[Hashable, Value] = {}
        with self._lock:
            for key in keys:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    found[key] = self._entries[key]
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            # Computed outside the lock: two users may compute one sentence at once, which
            # costs a little time, where holding the lock would serialise every encode.
            computed = compute(missing)
            found.update(zip(missing, computed))
            with self._lock:
                for key, value in zip(missing, computed):
                    self._entries[key] = value
                    self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        with self._lock:
            self.hits += len(keys) - len(missing)
            self.misses += len(missing)
        return [found[k] for k in keys]
