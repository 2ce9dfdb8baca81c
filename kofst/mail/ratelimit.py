"""The sending rate, shared by every worker on every machine: a token bucket in Redis.

Each message takes one token; the bucket refills at ``MAIL_RATE_PER_SECOND`` and holds at
most one second's worth, so bursts stay small. Taking a token never fails: the bucket
goes into debt and tells the caller how long to wait, which spaces the workers' sends
evenly whatever their number. The clock is Redis's own (``TIME``), so the machines'
clocks do not matter. Without Redis (the demo) the pacing is per process.
"""

import threading
import time
from functools import lru_cache

from django.conf import settings

# KEYS[1] bucket; ARGV[1] rate per second, ARGV[2] capacity. Returns the wait in µs.
_TAKE = """
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil then tokens = capacity; at = now end
tokens = math.min(capacity, tokens + (now - at) * rate / 1000000)
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
if tokens >= 0 then return 0 end
return math.ceil(-tokens * 1000000 / rate)
"""


@lru_cache(maxsize=4)
def _script(url: str):  # type: ignore[no-untyped-def]
    import redis  # the demo runs without Redis

    client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
    return client.register_script(_TAKE)


class _LocalPacer:
    """One process's pacing, for runs without Redis."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_at = 0.0

    def wait(self, rate: float) -> float:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_at)
            self.next_at = start + 1.0 / rate
            return start - now


_local = _LocalPacer()


def bucket_key() -> str:
    prefix = getattr(settings, "CACHE_KEY_PREFIX", "") or "kofst"
    return f"{prefix}:mail:rate"


def take(rate: float | None = None) -> float:
    """Take one token, sleep until it is ours; returns the seconds slept."""
    rate = settings.MAIL_RATE_PER_SECOND if rate is None else rate
    if not rate or rate <= 0:
        return 0.0
    if settings.REDIS_URL:
        script = _script(settings.REDIS_URL)
        wait = int(script(keys=[bucket_key()], args=[rate, max(1.0, rate)])) / 1_000_000
    else:
        wait = _local.wait(rate)
    if wait > 0:
        time.sleep(wait)
    return wait
