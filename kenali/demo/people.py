"""Fictional people and organisations: commenters and the follower list of the audience issue."""

from __future__ import annotations

import random
from dataclasses import dataclass

FIRST = ("budi", "siti", "agus", "dewi", "rina", "andi", "sri", "eko", "putri", "dedi", "fitri",
         "rizky", "nur", "wahyu", "indah", "yusuf", "ayu", "bayu", "lestari", "hendra", "maya",
         "fajar", "intan", "joko", "ratna", "arif", "nabila", "dimas", "citra", "irfan", "mega",
         "reza", "anisa", "hadi", "wulan", "taufik", "yuni", "bambang", "tika", "ilham", "vina",
         "rudi", "salsa", "aldi", "dina", "fikri", "novi", "gilang", "ika", "asep", "ucok",
         "mpok", "bang", "encang", "rahmat", "zaki", "tiara", "kevin", "cindy", "steven", "meiliana")
LAST = ("santoso", "wijaya", "saputra", "hidayat", "lestari", "kurniawan", "pratama", "siregar",
        "nasution", "simanjuntak", "wibowo", "setiawan", "rahayu", "susanto", "permana", "harahap",
        "gunawan", "purnomo", "sihombing", "hasibuan", "halim", "tanjung", "lubis", "putra", "sari",
        "betawi", "kurnia", "maulana", "ramadhan", "firmansyah")
PLACES = ("kemang", "tebet", "cawang", "depok", "bekasi", "bogor", "tangsel", "pluit", "cengkareng",
          "priok", "jaktim", "jaksel", "jakbar", "jakut", "kalimalang", "ciledug", "pasming")


def person_name(r: random.Random) -> str:
    """A plausible Indonesian full name."""
    return f"{r.choice(FIRST).capitalize()} {r.choice(LAST).capitalize()}"


def handle_for(r: random.Random, platform: str) -> str:
    """A handle shaped like the platform's (dots on Instagram/TikTok, underscores on X)."""
    first, last = r.choice(FIRST), r.choice(LAST)
    style = r.random()
    sep = "_" if platform == "x" else r.choice((".", "_", ""))
    if style < 0.3:
        handle = f"{first}{sep}{last}"
    elif style < 0.55:
        handle = f"{first}{sep}{r.choice(PLACES)}"
    elif style < 0.8:
        handle = f"{first}{last[:3]}{r.randrange(1, 999)}"
    else:
        handle = f"{first}{sep}{r.randrange(70, 100) if r.random() < 0.5 else r.randrange(1, 30)}"
    return handle[:15] if platform == "x" else handle


def spam_handle(r: random.Random) -> str:
    """A throwaway judi-online account."""
    return r.choice(("gacor", "slot", "maxwin", "jp", "cuan", "hoki", "sultan")) + \
        r.choice(("_", ".", "")) + r.choice(("official", "id", "jp", "88", "77", "")) + \
        str(r.randrange(100, 99999))


@dataclass
class Follower:
    """One row of the follower list."""

    user_id: str
    username: str
    full_name: str
    bio: str
    followers: int
    following: int
    posts: int
    is_private: bool
    is_verified: bool
    has_picture: bool
    kind: str  # ground truth: media, government, business, community, resident, bot, mass


_MEDIA = ("Kabar Ibukota", "Jakarta Terkini", "Warta Metropolitan", "Info Jabodetabek",
          "Berita Kota Hari Ini", "Suara Warga Jakarta", "Jakarta Update", "Metro Daily ID")
_GOV = ("Kelurahan {kel}", "Kecamatan {kel}", "Puskesmas {kel}", "Suku Dinas SDA Jakarta {wil}",
        "Satpol PP {wil}", "Damkar {wil}", "RSUD {kel}", "Perpustakaan Jakarta")
_BUSINESS = ("Warung Kopi Bude {kel}", "Laundry Kilat {kel}", "Toko Bangunan Sumber Rejeki",
             "Catering Berkah {kel}", "Bengkel Motor Jaya {kel}", "Kos Putri {kel}", "Sewa Perahu Karet Jakarta",
             "Apotek Sehat {kel}", "Properti Jakarta Timur")
_COMMUNITY = ("Komunitas Ciliwung Bersih", "Relawan Banjir {kel}", "Karang Taruna {kel}",
              "Sahabat Sungai {kel}", "Pecinta Transjakarta", "Komunitas Sepeda Jakarta",
              "Bank Sampah {kel}", "Forum Warga {kel}", "Pemuda Peduli Lingkungan")
_RESIDENT_BIO = ("Warga {kel} | Ibu 2 anak", "mahasiswa 🎓 | jaksel", "ojol jaktim 🛵", "pekerja kantoran, anak kereta",
                 "{kel} 📍", "hidup santai aja", "guru SD di {wil}", "pedagang pasar {kel}", "IG pribadi",
                 "pecinta kucing 🐱", "Allah first", "", "", "", "Jakarta born and raised", "Software engineer | Jakarta",
                 "mom of 3 | {kel}", "karyawan swasta")
_BOT_BIO = ("", "", "follow me", "DM for promo", "🔥🔥🔥", "follow back gan", "cek highlight")


def follower_list(seed: int, n: int, kel: tuple[str, ...], wil: tuple[str, ...]) -> list[Follower]:
    """A follower list mixing media, government, businesses, communities, residents, bots and mass followers."""
    r = random.Random(f"{seed}:followers")
    kinds = ("resident",) * 62 + ("mass",) * 12 + ("bot",) * 9 + ("business",) * 7 + \
        ("community",) * 5 + ("government",) * 3 + ("media",) * 2
    seen: set[str] = set()
    out: list[Follower] = []
    while len(out) < n:
        kind = r.choice(kinds)
        k, w = r.choice(kel), r.choice(wil)
        if kind == "media":
            name = r.choice(_MEDIA)
            handle = name.lower().replace(" ", "") + r.choice(("", ".id", "_official", "news"))
            bio = r.choice(("Portal berita Jakarta dan sekitarnya. Redaksi: DM", "Jakarta news & traffic updates",
                            "Media informasi warga Jabodetabek 📰"))
            fol, fing, posts, verified = r.randrange(80_000, 2_500_000), r.randrange(100, 1500), r.randrange(3000, 40000), r.random() < 0.6
        elif kind == "government":
            name = r.choice(_GOV).format(kel=k, wil=w)
            handle = name.lower().replace(" ", "").replace("sukudinassdajakarta", "sudinsda") + ".demo"
            bio = r.choice(("Akun resmi {n}. Layanan pengaduan via JAKI.", "Official account of {n}",
                            "Melayani dengan sepenuh hati | {n}")).format(n=name)
            fol, fing, posts, verified = r.randrange(2_000, 90_000), r.randrange(50, 800), r.randrange(200, 5000), r.random() < 0.2
        elif kind == "business":
            name = r.choice(_BUSINESS).format(kel=k)
            handle = name.lower().replace(" ", "_")[:24]
            bio = r.choice(("Order via WA 0812xxxx | buka 08.00–21.00", "Melayani {k} dan sekitarnya",
                            "Shop & delivery Jakarta Timur", "Promo tiap Jumat!")).format(k=k)
            fol, fing, posts, verified = r.randrange(300, 25_000), r.randrange(100, 3000), r.randrange(50, 1500), False
        elif kind == "community":
            name = r.choice(_COMMUNITY).format(kel=k)
            handle = name.lower().replace(" ", ".")[:26]
            bio = r.choice(("Gerakan warga untuk kali yang bersih", "Komunitas relawan | kolaborasi terbuka",
                            "Community volunteers in Jakarta", "Bersama menjaga {k}")).format(k=k)
            fol, fing, posts, verified = r.randrange(500, 30_000), r.randrange(200, 2000), r.randrange(100, 2500), False
        elif kind == "bot":
            name = r.choice(("", "", person_name(r), "promo jp"))
            handle = r.choice(("user", "akun", "id", "real")) + str(r.randrange(10**6, 10**9))
            bio = r.choice(_BOT_BIO)
            fol, fing, posts, verified = r.randrange(0, 40), r.randrange(1000, 7500), r.randrange(0, 3), False
        elif kind == "mass":
            name = person_name(r)
            handle = handle_for(r, "instagram") + str(r.randrange(10, 99))
            bio = r.choice(("", "", "follow for follow", "f4f", "jual followers murah"))
            fol, fing, posts, verified = r.randrange(5, 300), r.randrange(3000, 7500), r.randrange(0, 12), False
        else:
            name = person_name(r)
            handle = handle_for(r, "instagram")
            bio = r.choice(_RESIDENT_BIO).format(kel=k, wil=w)
            fol, fing, posts, verified = int(r.lognormvariate(5.5, 1.1)), int(r.lognormvariate(6, 0.8)), int(r.lognormvariate(3.5, 1.2)), False
        if handle in seen:
            continue
        seen.add(handle)
        out.append(Follower(str(r.randrange(10**9, 7 * 10**10)), handle, name, bio, fol, fing, posts,
                            kind == "resident" and r.random() < 0.35, verified,
                            kind not in ("bot",) or r.random() < 0.2, kind))
    return out
