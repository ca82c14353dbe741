"""The fictional agencies and accounts of the demo, and the fixed calendar it covers."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np

# A fixed window, so the same seed always gives the same store (never "today").
END = date(2026, 10, 31)
DAYS = 365
START = END - timedelta(days=DAYS - 1)
EXPORTED_AT = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)  # 09:00 WIB, two days after the window
WIB = timedelta(hours=7)

TOPICS = ("banjir", "jalan", "transportasi", "kesehatan", "bansos", "pajak", "adminduk",
          "lingkungan", "bencana", "kegiatan_gubernur")
TOPIC_INDEX = {name: i for i, name in enumerate(TOPICS)}

DSDA = "Dinas Sumber Daya Air Provinsi DKI Jakarta"
DISHUB = "Dinas Perhubungan Provinsi DKI Jakarta"
DINKES = "Dinas Kesehatan Provinsi DKI Jakarta"
BPBD = "Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta"
PEMPROV = "Biro Pimpinan Sekretariat Daerah Provinsi DKI Jakarta"


@dataclass(frozen=True)
class AccountSpec:
    """One demo account: who runs it, how big it is and how it posts."""

    key: str
    platform: str
    handle: str
    display_name: str
    institution: str
    followers_end: int
    growth: float                # followers at the end / followers at the start
    posts_per_weekday: float
    comment_target: int          # comments the demo writes for this account over the year
    topics: dict[str, float] = field(default_factory=dict)

    @property
    def asset_id(self) -> str:
        """A stable numeric platform id (Meta asset id, X user id, channel suffix)."""
        return str(17841400000000000 + zlib.crc32(self.key.encode()) % 10**9)


_WATER = {"banjir": 0.42, "lingkungan": 0.16, "bencana": 0.12, "kegiatan_gubernur": 0.1,
          "jalan": 0.08, "kesehatan": 0.03, "bansos": 0.03, "pajak": 0.02, "adminduk": 0.02,
          "transportasi": 0.02}
_TRANSPORT = {"transportasi": 0.55, "jalan": 0.25, "kegiatan_gubernur": 0.08, "banjir": 0.05,
              "lingkungan": 0.04, "pajak": 0.03}
_HEALTH = {"kesehatan": 0.62, "bansos": 0.1, "lingkungan": 0.08, "kegiatan_gubernur": 0.08,
           "bencana": 0.06, "adminduk": 0.06}
_DISASTER = {"bencana": 0.38, "banjir": 0.36, "lingkungan": 0.08, "kegiatan_gubernur": 0.08,
             "kesehatan": 0.05, "jalan": 0.05}
_GOVERNOR = {"kegiatan_gubernur": 0.34, "bansos": 0.12, "pajak": 0.1, "adminduk": 0.1,
             "transportasi": 0.08, "banjir": 0.08, "kesehatan": 0.08, "lingkungan": 0.06,
             "jalan": 0.04}

ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec("dsda_ig", "instagram", "dsda.jakarta.demo", "Dinas SDA DKI Jakarta", DSDA,
                185_000, 1.35, 1.1, 11_000, _WATER),
    AccountSpec("dsda_tt", "tiktok", "dsda.jakarta.demo", "Dinas SDA DKI Jakarta", DSDA,
                96_000, 1.9, 0.65, 6_500, _WATER),
    AccountSpec("dsda_x", "x", "dsda_jakarta_demo", "Dinas SDA DKI Jakarta", DSDA,
                240_000, 1.18, 2.0, 8_500, _WATER),
    AccountSpec("dsda_yt", "youtube", "dsdajakartademo", "Dinas SDA DKI Jakarta", DSDA,
                12_400, 1.5, 0.3, 1_800, _WATER),
    AccountSpec("dsda_fb", "facebook", "dsda.jakarta.demo", "Dinas Sumber Daya Air DKI Jakarta",
                DSDA, 64_000, 1.12, 0.9, 4_000, _WATER),
    AccountSpec("dishub_ig", "instagram", "dishub.jakarta.demo", "Dishub DKI Jakarta", DISHUB,
                420_000, 1.25, 1.3, 8_500, _TRANSPORT),
    AccountSpec("dinkes_ig", "instagram", "dinkes.jakarta.demo", "Dinkes DKI Jakarta", DINKES,
                150_000, 1.2, 0.8, 4_000, _HEALTH),
    AccountSpec("bpbd_x", "x", "bpbd_jakarta_demo", "BPBD DKI Jakarta", BPBD,
                510_000, 1.22, 2.4, 7_500, _DISASTER),
    AccountSpec("bpbd_tt", "tiktok", "bpbd.jakarta.demo", "BPBD DKI Jakarta", BPBD,
                210_000, 2.1, 0.5, 4_000, _DISASTER),
    AccountSpec("pemprov_ig", "instagram", "pemprov.jakarta.demo", "Pemprov DKI Jakarta", PEMPROV,
                1_150_000, 1.15, 1.5, 9_000, _GOVERNOR),
    AccountSpec("pemprov_yt", "youtube", "pemprovjakartademo", "Pemprov DKI Jakarta", PEMPROV,
                88_000, 1.3, 0.35, 2_400, _GOVERNOR),
)


def rng(seed: int, *names: str) -> np.random.Generator:
    """An independent random stream per component, so one part's draws never shift another's."""
    return np.random.default_rng([seed, *(zlib.crc32(n.encode()) for n in names)])


def day_dates() -> list[date]:
    """Every calendar day of the demo window."""
    return [START + timedelta(days=i) for i in range(DAYS)]


def weekday_index() -> np.ndarray:
    """Monday=0 … Sunday=6 for each day of the window."""
    return (np.arange(DAYS) + START.weekday()) % 7


def rainy_season() -> np.ndarray:
    """0..1 intensity of the rainy season (peaks late January, dry July to September)."""
    peak = (date(2026, 1, 25) - START).days
    phase = 2 * np.pi * (np.arange(DAYS) - peak) / 365.0
    return np.clip(0.5 + 0.5 * np.cos(phase), 0, 1) ** 1.5


def flood_events(seed: int) -> list[tuple[int, int]]:
    """Big floods as (first day index, length in days): three to four in the rainy season."""
    r = rng(seed, "floods")
    starts = sorted({int(d) for d in r.integers(45, 130, size=4)})
    events: list[tuple[int, int]] = []
    for s in starts:
        if events and s - (events[-1][0] + events[-1][1]) < 6:
            continue
        events.append((s, int(r.integers(2, 5))))
    return events
