"""Indonesian captions, titles and hashtags for the demo's posts, by topic and platform."""

from __future__ import annotations

import random

KELURAHAN = ("Kampung Melayu", "Bidara Cina", "Cawang", "Pluit", "Kelapa Gading", "Cengkareng",
             "Grogol", "Tebet", "Kemang", "Cipinang Melayu", "Rawajati", "Pejaten Timur",
             "Bukit Duri", "Cililitan", "Jatinegara", "Kembangan", "Tanjung Priok", "Penjaringan",
             "Cakung", "Kalibata", "Pondok Labu", "Ulujami", "Petogogan", "Rawa Buaya",
             "Kapuk Muara", "Sunter Jaya", "Duren Sawit", "Makasar", "Pulo Gadung", "Kebon Jeruk")
SUNGAI = ("Ciliwung", "Pesanggrahan", "Angke", "Sunter", "Krukut", "Cipinang", "Mampang",
          "Grogol", "Buaran", "Jati Kramat")
PINTU_AIR = ("Manggarai", "Karet", "Katulampa", "Depok", "Pasar Ikan", "Pulo Gadung",
             "Sunter Hulu", "Krukut Hulu")
JALAN = ("Jl. Casablanca", "Jl. TB Simatupang", "Jl. Gatot Subroto", "Jl. Daan Mogot",
         "Jl. Raya Bogor", "Jl. Pramuka", "Jl. Otista", "Jl. Panjang", "Jl. Kyai Tapa",
         "Jl. Pemuda", "Jl. Fatmawati", "Jl. Ahmad Yani", "Jl. Gunung Sahari", "Jl. Kemang Raya")
RUTE = ("1 Blok M–Kota", "9 Pinang Ranti–Pluit", "13 Ciledug–Tendean", "4 Pulo Gadung–Dukuh Atas",
        "6 Ragunan–Dukuh Atas", "JAK 42", "JAK 10", "5 Kampung Melayu–Ancol", "8 Lebak Bulus–Harmoni")
WILAYAH = ("Jakarta Selatan", "Jakarta Timur", "Jakarta Barat", "Jakarta Utara", "Jakarta Pusat")
SIAGA = ("Siaga 4 (Normal)", "Siaga 3 (Waspada)", "Siaga 2 (Kritis)", "Siaga 1 (Bencana)")

HASHTAGS = {
    "banjir": ("#InfoBanjir", "#JakartaSiaga", "#PantauBanjir", "#SiagaBanjir", "#TinggiMukaAir"),
    "jalan": ("#InfoJalan", "#JalanJakarta", "#PerbaikanJalan", "#JakartaMulus"),
    "transportasi": ("#Transjakarta", "#JakLingko", "#InfoLaluLintas", "#NaikTransportasiUmum"),
    "kesehatan": ("#JakartaSehat", "#Puskesmas", "#CekKesehatanGratis", "#Imunisasi"),
    "bansos": ("#KJPPlus", "#BansosJakarta", "#KJMU", "#JakartaPeduli"),
    "pajak": ("#PajakJakarta", "#BapendaJakarta", "#BayarPajakOnline", "#PemutihanPajak"),
    "adminduk": ("#Dukcapil", "#AdminDuk", "#KTPel", "#LayananPublik"),
    "lingkungan": ("#JakartaBersih", "#KaliBersih", "#PilahSampah", "#RTH"),
    "bencana": ("#SiagaBencana", "#BPBDJakarta", "#TangguhBencana", "#Evakuasi"),
    "kegiatan_gubernur": ("#JakartaKotaGlobal", "#KerjaNyata", "#PemprovDKI", "#JakartaBersatu"),
}
AGENCY_TAGS = {"dsda": "#DSDAJakarta", "dishub": "#DishubDKI", "dinkes": "#DinkesDKI",
               "bpbd": "#BPBDJakarta", "pemprov": "#PemprovDKI"}

_CAPTIONS: dict[str, tuple[str, ...]] = {
    "banjir": (
        "Update tinggi muka air pukul {jam} WIB: Pintu Air {pintu} berstatus {siaga}. Warga bantaran Kali {sungai} di {kel} dimohon waspada dan memantau informasi resmi.",
        "Hujan deras sejak dini hari. {n} pompa stasioner di {wil} sudah dioperasikan penuh dan {m} pompa mobile disiagakan di {kel}.",
        "Genangan di {jalan} ({kel}) setinggi {cm} cm sedang ditangani. Petugas dan pompa mobile sudah di lokasi.",
        "Pengerukan Kali {sungai} segmen {kel} terus berjalan agar daya tampung air meningkat menjelang puncak musim hujan.",
        "Tanggul Kali {sungai} di {kel} sepanjang {n}0 meter selesai diperkuat. Terima kasih atas kesabaran warga selama pengerjaan.",
        "Waduk {kel} kembali berfungsi setelah pengerukan sedimen. Kapasitas tampung naik sekitar {n}0 ribu meter kubik.",
    ),
    "jalan": (
        "Perbaikan jalan berlubang di {jalan} dikerjakan malam ini pukul 22.00–04.00 WIB. Mohon berhati-hati saat melintas.",
        "Sebanyak {n}{m} titik jalan rusak di {wil} sudah ditambal pekan ini. Temukan jalan berlubang? Laporkan lewat JAKI.",
        "Pelebaran trotoar di {jalan} memasuki tahap akhir. Ruang pejalan kaki makin lega dan aman.",
        "Pemasangan saluran air baru di {jalan} agar genangan tidak berulang. Pengalihan arus berlaku sementara.",
    ),
    "transportasi": (
        "Mulai {tgl}, rute Transjakarta {rute} mengalami penyesuaian. Cek jadwal terbaru di aplikasi.",
        "Ada rekayasa lalu lintas di sekitar {jalan} selama pekerjaan saluran. Gunakan jalur alternatif ya.",
        "Uji coba bus listrik di koridor {rute} dimulai pekan ini. Sudah coba naik? Ceritakan pengalamanmu di kolom komentar!",
        "Tarif integrasi JakLingko tetap maksimal Rp10.000 untuk perjalanan 3 jam. Yuk beralih ke transportasi umum.",
        "Layanan angkot JAK di {kel} kini beroperasi sampai pukul 22.00 WIB.",
    ),
    "kesehatan": (
        "Cek kesehatan gratis hadir di Puskesmas Kecamatan {kel} setiap Sabtu pukul 08.00–12.00 WIB. Bawa KTP ya!",
        "Musim hujan, waspada DBD! Lakukan 3M Plus: menguras, menutup, mendaur ulang, dan cegah gigitan nyamuk.",
        "Imunisasi anak lengkap tersedia gratis di seluruh puskesmas {wil}. Sudah lengkapkah imunisasi si kecil?",
        "Antrean puskesmas kini bisa daftar online lewat JAKI. Tidak perlu datang subuh lagi.",
        "Kasus ISPA meningkat saat kualitas udara memburuk. Gunakan masker saat beraktivitas di luar ruangan.",
    ),
    "bansos": (
        "Pencairan KJP Plus tahap {n} dimulai {tgl}. Cek status penerima di situs resmi, jangan percaya pesan berantai!",
        "Penyaluran bantuan pangan murah di {kel} berlangsung {tgl}. Bawa KTP dan KK asli.",
        "Pendaftaran KJMU dibuka sampai {tgl}. Simak syarat lengkapnya di slide berikut.",
        "Hati-hati penipuan mengatasnamakan bansos! Petugas tidak pernah meminta transfer uang.",
    ),
    "pajak": (
        "Program pemutihan denda PKB berlaku sampai {tgl}. Bayar pajak kendaraan tanpa denda!",
        "Bayar PBB kini bisa lewat aplikasi dan minimarket. Jatuh tempo {tgl}.",
        "Pembebasan PBB untuk rumah dengan NJOP di bawah Rp2 miliar tetap berlaku tahun ini.",
    ),
    "adminduk": (
        "Layanan Dukcapil keliling hadir di {kel} hari {hari}. Rekam KTP-el, KIA, dan akta kelahiran di tempat.",
        "Stok blanko KTP-el aman. Jika kelurahan menyebut kosong, laporkan lewat JAKI.",
        "Pindah domisili kini bisa diurus online. Simak langkahnya di slide berikut.",
    ),
    "lingkungan": (
        "Kerja bakti membersihkan Kali {sungai} di {kel} bersama warga dan pasukan oranye. {n} ton sampah berhasil diangkat.",
        "Yuk pilah sampah dari rumah! Bank sampah di {kel} buka setiap {hari}.",
        "Penanaman {n}00 pohon di bantaran Kali {sungai} untuk memperkuat tanggul alami.",
        "Kualitas udara Jakarta hari ini: sedang. Kurangi pembakaran sampah terbuka.",
    ),
    "bencana": (
        "Peringatan dini cuaca: potensi hujan lebat disertai angin kencang di {wil} pukul {jam} WIB. Hindari berteduh di bawah pohon.",
        "Pohon tumbang di {jalan} sudah dievakuasi petugas. Lalu lintas kembali normal.",
        "Posko pengungsian di {kel} menampung {n}{m} jiwa. Kebutuhan mendesak: selimut, air bersih, popok bayi.",
        "Simulasi evakuasi banjir di {kel} diikuti ratusan warga. Kenali jalur evakuasi di lingkunganmu.",
        "Simpan nomor darurat 112. Layanan gratis 24 jam untuk kebakaran, banjir, dan kecelakaan.",
    ),
    "kegiatan_gubernur": (
        "Gubernur meninjau progres pembangunan tanggul pantai di {kel} dan berdialog langsung dengan warga.",
        "Gubernur melantik pejabat baru di lingkungan Pemprov DKI Jakarta dan meminta pelayanan yang cepat dan ramah.",
        "Rapat koordinasi penanganan banjir bersama lima wali kota. Gubernur meminta pompa siaga 24 jam.",
        "Gubernur bersepeda ke kantor dan menyapa warga di {jalan} pagi ini.",
        "Kunjungan kerja Gubernur ke rusun {kel}: memastikan air bersih dan fasilitas warga berfungsi.",
    ),
}
_BTS = ("Di balik layar: begini petugas pompa {kel} berjaga semalaman saat hujan deras 💪",
        "Sehari bersama pasukan biru di {kel}. Dari subuh sampai malam, ini yang mereka kerjakan.",
        "Behind the scene: proses pengerukan lumpur Kali {sungai}. Ternyata seberat ini!",
        "POV: kamu operator pintu air {pintu} saat hujan turun deras tengah malam.")
_CTA = ("Bagaimana kondisi di wilayahmu? Tulis di kolom komentar ya!",
        "Ada pertanyaan? Tulis di kolom komentar, admin jawab satu per satu.",
        "Bagikan ke keluarga dan tetanggamu agar semua tahu.",
        "Laporkan masalah di lingkunganmu lewat aplikasi JAKI.",
        "Simpan postingan ini supaya tidak lupa!",
        "Setuju? Tulis pendapatmu di kolom komentar.")
_HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
_YT_TITLES = {
    "banjir": "Pantauan Pintu Air {pintu} saat Hujan Deras | Info Banjir Jakarta",
    "jalan": "Perbaikan {jalan}: Dari Lubang Jadi Mulus",
    "transportasi": "Naik Transjakarta Rute {rute}, Ini yang Baru!",
    "kesehatan": "Cara Daftar Puskesmas Online lewat JAKI",
    "bansos": "Tanya Jawab Pencairan KJP Plus Tahap {n}",
    "pajak": "Cara Bayar Pajak Kendaraan Online tanpa Antre",
    "adminduk": "Urus KTP-el dan KIA di Layanan Dukcapil Keliling {kel}",
    "lingkungan": "Aksi Bersih Kali {sungai} bersama Warga {kel}",
    "bencana": "Simulasi Evakuasi Banjir di {kel} | Tangguh Bencana",
    "kegiatan_gubernur": "LIVE: Gubernur Meninjau Tanggul Pantai {kel}",
}


def _slots(r: random.Random, when_day: int, when_month: int) -> dict[str, object]:
    return {"kel": r.choice(KELURAHAN), "sungai": r.choice(SUNGAI), "pintu": r.choice(PINTU_AIR),
            "jalan": r.choice(JALAN), "rute": r.choice(RUTE), "wil": r.choice(WILAYAH),
            "siaga": r.choice(SIAGA), "jam": f"{r.randrange(0, 24):02d}.{r.choice((0, 15, 30, 45)):02d}",
            "n": r.randrange(2, 9), "m": r.randrange(1, 9), "cm": r.choice((10, 20, 30, 40, 50, 70)),
            "hari": r.choice(_HARI), "tgl": f"{when_day} {_BULAN[when_month - 1]}"}


def caption(r: random.Random, topic: str, platform: str, agency: str, bts: bool,
            collab_with: str | None, day: int, month: int) -> str:
    """A caption in the agency's voice; X posts are shorter, Instagram/TikTok carry more hashtags."""
    slots = _slots(r, day, month)
    text = (r.choice(_BTS) if bts else r.choice(_CAPTIONS[topic])).format(**slots)
    tags = [*r.sample(HASHTAGS[topic], k=2), AGENCY_TAGS[agency]]
    if platform == "x":
        if len(text) > 200:
            text = text[:text.rfind(" ", 0, 190)] + "…"
        return f"{text} {tags[0]}"
    if r.random() < 0.45:
        text += "\n\n" + r.choice(_CTA)
    if collab_with:
        text += f"\n\nBersama @{collab_with}"
    if platform in ("instagram", "tiktok"):
        extra = ["#Jakarta", "#InfoJakarta", "#fyp"] if platform == "tiktok" else ["#Jakarta"]
        tags += extra
    return text + "\n\n" + " ".join(tags)


def youtube_title(r: random.Random, topic: str, short: bool) -> str:
    """A YouTube title; Shorts carry #shorts."""
    title = _YT_TITLES[topic].format(**_slots(r, 1, 1))
    return f"{title} #shorts" if short else title
