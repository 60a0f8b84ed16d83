"""The public portal's guards: an offline arithmetic check, per-IP rate limits, file sniffing,
tracking codes and masking. Plain functions over the cache and the signer; no third party."""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from lvzhi.core import archives, ratelimit

CAPTCHA_SALT = "lvzhi.portal.captcha"
CAPTCHA_MAX_AGE = 30 * 60

CAPTCHA_WRONG = "验证题答案不正确，请重新计算后再提交。"
CAPTCHA_EXPIRED = "验证题已过期或已使用，请按新的题目重新作答。"
RATE_LIMITED = "提交过于频繁，请 %(minutes)s 分钟后再试。"
TRACK_RATE_LIMITED = "查询过于频繁，请 %(minutes)s 分钟后再试。"
FILE_TOO_LARGE = "附件不能超过 %(mb)s MB。"
FILE_TYPE = "附件只接受 PDF、Word（.docx）、JPG 或 PNG 文件；该文件的内容与之不符。"

MAX_FILE_BYTES = 5 * 1024 * 1024

# Per IP: submissions (every attempt counts, right or wrong) and code look-ups.
SUBMIT_LIMIT = (5, 60)  # 5 attempts a minute …
SUBMIT_HOURLY = (30, 3600)  # … and 30 an hour
TRACK_LIMIT = (20, 60)
TRACK_MISS_LIMIT = (10, 600)  # wrong codes: 10 in ten minutes, then a pause


# ---------------------------------------------------------------- the arithmetic check


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def _answer_mac(nonce: str, answer: int) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{CAPTCHA_SALT}:{nonce}:{answer}".encode(), hashlib.sha256).hexdigest()[:32]


def challenge_new() -> Challenge:
    """A question like “7 加 5 等于几？”; the signed token carries a MAC of the answer, not the answer."""
    rng = secrets.SystemRandom()
    a, b = rng.randint(2, 19), rng.randint(2, 9)
    op = rng.choice(["加", "减"]) if a > b else "加"
    answer = a + b if op == "加" else a - b
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "m": _answer_mac(nonce, answer)}, salt=CAPTCHA_SALT)
    return Challenge(question=f"{a} {op} {b} 等于几？", token=token)


def challenge_check(*, token: str, answer: str) -> str | None:
    """None when right; otherwise the Chinese message. A token is good for one attempt only."""
    try:
        data = signing.loads(token or "", salt=CAPTCHA_SALT, max_age=CAPTCHA_MAX_AGE)
        nonce, mac = str(data["n"]), str(data["m"])
    except (signing.BadSignature, KeyError, TypeError):
        return CAPTCHA_EXPIRED
    if not cache.add(f"portal:captcha:{nonce}", 1, CAPTCHA_MAX_AGE):
        return CAPTCHA_EXPIRED
    try:
        value = int(str(answer).strip())
    except ValueError:
        return CAPTCHA_WRONG
    if not hmac.compare_digest(_answer_mac(nonce, value), mac):
        return CAPTCHA_WRONG
    return None


# ---------------------------------------------------------------- rate limits


def submit_throttle(ip: str) -> str | None:
    for limit, window in (SUBMIT_LIMIT, SUBMIT_HOURLY):
        wait = ratelimit.hit(f"portal:submit:{ip}", limit, window)
        if wait is not None:
            return RATE_LIMITED % {"minutes": wait}
    return None


def track_throttle(ip: str) -> str | None:
    wait = ratelimit.over(f"portal:miss:{ip}", *TRACK_MISS_LIMIT)
    if wait is not None:
        return TRACK_RATE_LIMITED % {"minutes": wait}
    wait = ratelimit.hit(f"portal:track:{ip}", *TRACK_LIMIT)
    return TRACK_RATE_LIMITED % {"minutes": wait} if wait is not None else None


def track_miss(ip: str) -> None:
    ratelimit.hit(f"portal:miss:{ip}", *TRACK_MISS_LIMIT)


# ---------------------------------------------------------------- files


def sniff(data: bytes) -> str | None:
    """The file's real type from its first bytes (and a .docx's inner parts); None if not allowed."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
    return None


def file_check(*, data: bytes) -> tuple[str | None, str | None]:
    """(kind, None) when acceptable, (None, message) otherwise."""
    if len(data) > MAX_FILE_BYTES:
        return None, FILE_TOO_LARGE % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
    if data.startswith(b"PK"):
        try:
            archives.check_zip(data)
        except archives.ArchiveRejected as exc:
            return None, f"{exc}。"
    kind = sniff(data)
    if kind is None:
        return None, FILE_TYPE
    return kind, None


# ---------------------------------------------------------------- codes and masking


# Copied by hand from a screen or a phone call: capitals and digits without look-alikes
# (no 0/O, 1/I/L), read in groups of four. 20 characters of 31 ≈ 99 random bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_GROUPS, CODE_GROUP_LEN = 5, 4


def code_new() -> str:
    """A tracking code like ``7KQM-X4RT-…``: unguessable, never sequential, case-insensitive."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LEN))
    return "-".join(raw[i : i + CODE_GROUP_LEN] for i in range(0, len(raw), CODE_GROUP_LEN))


def code_normalise(code: str) -> str:
    """As typed: any case, with or without the dashes or spaces between groups."""
    return "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(f"lvzhi-track:{code_normalise(code)}".encode()).hexdigest()


def code_hash_legacy(code: str) -> str:
    """Codes issued before grouping (mixed case, case-sensitive) still open their case."""
    return hashlib.sha256(f"lvzhi-track:{code.strip()}".encode()).hexdigest()


def mask_name(name: str) -> str:
    name = name.strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, min(len(name) - 1, 2))


def mask_phone(phone: str) -> str:
    p = phone.strip()
    return p[:3] + "****" + p[-4:] if len(p) >= 8 else "*" * len(p)


def mask_id(number: str) -> str:
    n = number.strip()
    return n[:4] + "*" * (len(n) - 8) + n[-4:] if len(n) > 8 else "*" * len(n)


def mask_address(address: str) -> str:
    a = address.strip()
    return a[:6] + "……" if len(a) > 6 else a
