"""The demo's regular commenters: sixteen guests and four signed-in readers, all invented.

Each has a voice the conversations keep to: the sceptic of anonymous sources, the superfan, the
pedant who corrects everyone, the joker, the grump who reads every story to say it isn't news.
Addresses are on example.org and IP addresses in the documentation ranges (RFC 5737).
"""

from __future__ import annotations

from byline.discussion.demo.specs import Commenter

CAST = {
    commenter.key: commenter
    for commenter in (
        # Signed-in readers, with accounts the seeding creates.
        Commenter(
            "sal", "Sal Whitcombe", "sal.whitcombe@example.org", "192.0.2.11", "sal_whitcombe"
        ),
        Commenter(
            "hannah",
            "Harbourside Hannah",
            "hannah.o@example.org",
            "192.0.2.12",
            "harbourside_hannah",
        ),
        Commenter(
            "petra", "Petra Lindqvist", "petra.lindqvist@example.org", "192.0.2.13", "petra_l"
        ),
        Commenter(
            "gus", "Gus Ferreira", "gus.ferreira@example.org", "192.0.2.14", "gusatthepictures"
        ),
        # Guests.
        Commenter("dev", "Dev Okafor", "dev.okafor@example.org", "198.51.100.21"),
        Commenter("maud", "Maud Trevelyan", "maud.trevelyan@example.org", "198.51.100.22"),
        Commenter("barnaby", "Barnaby Cole", "b.cole@example.org", "198.51.100.23"),
        Commenter("yasmin", "Yasmin Haddad", "yasmin.h@example.org", "198.51.100.24"),
        Commenter("rowan", "Rowan Pike", "rowan.pike@example.org", "198.51.100.25"),
        Commenter("clem", "Clem Asante", "clem.asante@example.org", "198.51.100.26"),
        Commenter("sunita", "Sunita Rao", "sunita.rao@example.org", "198.51.100.27"),
        Commenter("olly", "Olly Brennan", "olly.brennan@example.org", "198.51.100.28"),
        Commenter("cass", "Cass Whitford", "cass.whitford@example.org", "203.0.113.31"),
        Commenter("fen", "Fen Adeyemi", "fen.adeyemi@example.org", "203.0.113.32"),
        Commenter("ines", "Inês Carvalho", "ines.carvalho@example.org", "203.0.113.33"),
        Commenter("marek", "Marek Novak", "marek.novak@example.org", "203.0.113.34"),
        Commenter("tilly", "Tilly Marchbank", "tilly.m@example.org", "203.0.113.35"),
        Commenter("jo", "Jo Pennington", "jo.pennington@example.org", "203.0.113.36"),
        Commenter("arlo", "Arlo Quist", "arlo.quist@example.org", "203.0.113.37"),
        Commenter("bea", "Bea Harrow", "bea.harrow@example.org", "203.0.113.38"),
    )
}
