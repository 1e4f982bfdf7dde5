"""Readers on Juno Vale’s delayed album and The Paper Lanterns’ reunion."""

from __future__ import annotations

from byline.discussion.demo.specs import conversation, say

FEUD_RUMOUR = conversation(
    "are-juno-vale-and-theo-brandt-feuding",
    say(
        "fen",
        "“They fight about a snare sound for three days and then make something beautiful” is"
        " the most accurate description of a producer and an artist I’ve ever read. That’s not"
        " a feud. That’s a Tuesday.",
        up=4,
    ),
    say(
        "hannah",
        "Juno plays five of the new songs every night and introduced the title track with a"
        " SMILE. You don’t smile about a record you’re fighting over through lawyers. It’s a"
        " delay, nothing more.",
        say(
            "marek",
            "You smile because you’re on stage in front of thousands of people, Hannah."
            " Performers smile. It proves nothing about a row over credits.",
            up=1,
            down=2,
        ),
        up=2,
    ),
    say(
        "sal",
        "Two people “at her record label” who won’t be named, telling a story about credits in"
        " which the label comes across as the only reasonable party. Hmm. I’d wait for someone"
        " to say this on the record.",
        up=3,
    ),
    say(
        "petra",
        "Worth reading the correction at the bottom: Brandt produced the second and third albums,"
        " not all three. It matters here, because “the partnership behind her biggest hits” is"
        " less neat if some of those hits came before him.",
        up=2,
    ),
    say(
        "barnaby",
        "The album is late. That’s the story. An album being late is the least surprising thing"
        " in the music industry, and here we are with a thousand words on who unfollowed whom.",
        up=1,
        down=1,
    ),
)

REUNION_RUMOUR = conversation(
    "are-the-paper-lanterns-getting-back-together",
    say(
        "clem",
        "That’s Hattie’s sticker. I’d know it anywhere: the little moon from the cover of the"
        " second album. I have been staring at this photo for an hour and I am not okay.",
        say(
            "petra",
            "It’s a moon on a bass case in a blurry photo. It could be anyone’s. Though I admit"
            " the chipped mug is harder to explain away.",
            up=1,
        ),
        up=5,
    ),
    say(
        "dev",
        "“Last month it was a kitchen. Nobody thought he was opening a restaurant.” Best line"
        " in the article, and possibly in journalism this year.",
        up=5,
    ),
    say(
        "sal",
        "One source who says they’re talking again, one who says Kit posts moody rooms all the"
        " time. That’s honest reporting of a rumour: here is the claim, here is the doubt. I"
        " wish every outlet did it this way.",
        up=2,
    ),
    say(
        "marek",
        "Four chairs in a semicircle at 2am. It’s an album cover, not a reunion. Kit’s third solo"
        " record must be due, and I’d bet money this is the artwork.",
        say(
            "fen",
            "His two solo covers were a bus stop and a field, so four chairs is well within his"
            " range. To be fair to you, it’s not the worst theory in this thread.",
            up=2,
        ),
        up=1,
        down=2,
    ),
    say(
        "ines",
        "Hattie teaches my nephew guitar in Calderport. She is the kindest, most patient person"
        " and has never once mentioned being in a famous band. If she liked the post, something"
        " is going on.",
        up=3,
    ),
    say(
        "tilly",
        "The countdown clock counting down to nothing in particular is the most fan thing ever,"
        " and yes, I have it open in a tab right now.",
        up=2,
    ),
)

NO_FEUD = conversation(
    "theo-brandt-on-the-juno-vale-rumours",
    say(
        "fen",
        "“My name is on the songs I wrote, and hers is on all of them” is the most gracious way"
        " anyone has ever described a credits dispute. That’s a man who wants to keep working"
        " with her.",
        up=6,
    ),
    say(
        "dev",
        "“Ask my mum, I unfollowed her too.” Somebody please check on Theo’s mum. She has been"
        " through enough, and now she’s part of the story.",
        say(
            "maud",
            "As a mother who has been unfollowed by her own son, I can confirm it stings, even"
            " when he says it’s for the good of his mental health.",
            up=4,
        ),
        up=8,
    ),
    say(
        "hannah",
        "“The most annoying genius I know.” She dedicated “Harbourside” to him!! If you were in"
        " the room you’d know there’s no feud. The whole arena went “awww”.",
        say(
            "marek",
            "Or the dedication was agreed by both camps through their lawyers. “Properly"
            " frosty”, from the label employee, is the only bit that rings true to me.",
            say(
                "hannah",
                "The same label employee who said the record is good and nobody will remember"
                " any of this? I’ll take that quote, thanks.",
                up=3,
            ),
            up=1,
            down=3,
        ),
        up=3,
    ),
    say(
        "sal",
        "Worth noting: the feud story came from “two people at her record label” and a source"
        " who spoke to *Popwire*. The denial is on the record, with a name attached. I know"
        " which I’ll weigh more heavily.",
        up=4,
    ),
    say(
        "tilly",
        "Not this year?? I’ve been playing shaky phone recordings of “Slow Fireworks” from the"
        " tour on repeat for a month. I can wait. I can’t wait. I’ll wait.",
        up=2,
    ),
    say(
        "petra",
        "A small correction to comments I’ve seen elsewhere: Theo produced Juno’s second and"
        " third albums, not all three. This site corrected its earlier article, which is more"
        " than some outlets did.",
        up=1,
    ),
)

REUNION_CONFIRMED = conversation(
    "the-paper-lanterns-confirm-one-night-reunion",
    say(
        "clem",
        "I was in the second row at the Vesper Hall in 2016 when Kit said “this is the last one”"
        " and nobody believed him. All these years later, here we are. I’m getting a ticket if I"
        " have to camp outside the venue in a sleeping bag.",
        say(
            "tilly",
            "Four tickets per person. Clem, I will be your best friend. I will bring snacks. I"
            " will hold your place in the queue.",
            up=2,
        ),
        say(
            "petra",
            "A practical note for anyone planning the sleeping bag: tickets go through the"
            " online pre-sale sign-up, not a box office. Save your back.",
            up=2,
        ),
        up=10,
    ),
    say(
        "fen",
        "Hattie answering “No.” and then “Probably.” about a fourth album is the most Paper"
        " Lanterns interview answer of all time. That’s the entire second album in two words.",
        up=6,
    ),
    say(
        "sal",
        "Credit where it’s due: *Popwire*’s source said a one-off show was “a real possibility”,"
        " and it was. I give anonymous sources a hard time in these comments, so it’s only fair"
        " to say so when one turns out to be right.",
        say(
            "marek",
            "A broken clock. Someone “close to the band” saying “maybe a show” is about as"
            " risky as forecasting rain in Portmere in November.",
            say(
                "sal",
                "Fair, it wasn’t a bold prediction. But it was specific (one show, not a tour),"
                " and it held up. That’s the bar, and most sources miss it.",
                up=3,
            ),
            up=1,
            down=2,
        ),
        up=4,
    ),
    say(
        "dev",
        "The sceptical friend who is “still waiting for the restaurant” is my favourite"
        " recurring character in the news this year. Give them a column.",
        up=7,
    ),
    say(
        "ines",
        "The Lamplighters supporting them is a lovely touch. My cousin sings with them; they"
        " rehearse in a church hall in Calderport with worse heating than the Vesper Hall"
        " cloakroom. They’ll be thrilled.",
        up=2,
    ),
    say(
        "barnaby",
        "Under 3,000 seats, four tickets each, demand “many times that”. I give it ten minutes"
        " before tickets are on resale sites at ten times face value. “Money didn’t move them”"
        " is lovely until it moves the touts.",
        say(
            "clem",
            "Hopefully they do named tickets. Most bands don’t bother, but this lot turned down"
            " far bigger venues, so they clearly care about who ends up in the room.",
            up=2,
        ),
        say(
            "rowan",
            "Promoters can make resale close to impossible if they want to: named tickets, ID at"
            " the door, a face-value exchange. A band that turned down bigger venues will"
            " probably insist on it.",
            up=2,
        ),
        up=2,
        down=1,
    ),
    say(
        "gus",
        "Someone please film it properly this time. The farewell tour documentary is the only"
        " reason half of us know about the drumstick incident, and it looked like it was shot"
        " on a potato.",
        say(
            "fen",
            "The drumstick footage being blurry is what makes it legendary. In sharp focus it"
            " would just be a woman throwing a stick at a wall.",
            up=3,
        ),
        up=3,
    ),
    say(
        "hannah",
        "Not my band (I’m a Juno girl) but that video gave me chills. Nobody speaks, one cymbal,"
        " done. That is how you announce something.",
        up=3,
    ),
    say(
        "maud",
        "My daughter had their first album on repeat when she was sixteen, and I knew every word"
        " against my will. I’ve just sent her the video. She rang me within two minutes, which"
        " hasn’t happened since her wedding.",
        up=4,
    ),
    say(
        "olly",
        "“Please don’t ask about a tour” is exactly what you say right before announcing a"
        " tour. Calling it now: a Calderport date by the summer.",
        say(
            "ines",
            "If they add Calderport I’ll eat the setlist, which I believe is the official Kit"
            " Adair unit of scepticism.",
            up=3,
        ),
        up=1,
        down=1,
    ),
    say(
        "petra",
        "For anyone comparing: the chairs in the video are the same four folding chairs as in"
        " Kit’s photo last week, including the one with the wonky leg. Somebody on the fan"
        " forum has done a side-by-side:"
        " [lanternsfans.example](https://lanternsfans.example/forum/four-chairs-side-by-side).",
        up=1,
    ),
    say(
        "tilly",
        "ALL THREE ALBUMS ON VINYL. My bank account has left the chat. Does anyone know whether"
        " the reissues will include the demos?",
        up=1,
    ),
    say(
        "marek",
        "Interesting that “we missed each other” arrived on the same morning as a vinyl reissue."
        " Nostalgia is a business. Doesn’t mean it isn’t also sweet.",
        say(
            "fen",
            "Reissues are how bands who split badly get their records back in print. If it pays"
            " for Hattie’s music department a bit, fine by me.",
            up=2,
        ),
        up=1,
        down=1,
    ),
    say(
        "cass",
        "The website crashing is the most indie-band thing possible. A pop star would have a"
        " virtual queue; The Paper Lanterns have a server in somebody’s cupboard.",
        up=3,
    ),
)

CONVERSATIONS = (FEUD_RUMOUR, REUNION_RUMOUR, NO_FEUD, REUNION_CONFIRMED)
